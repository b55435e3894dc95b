#include "sweep_result.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace ssrlink::core {

std::string sweep_counts::to_json() const {
  boost::json::object errors_json;
  for (const auto &[kind, count] : errors) {
    errors_json[kind] = count;
  }
  boost::json::object out;
  out["students_checked"] = students_checked;
  out["new_reports"] = new_reports;
  out["notices_queued"] = notices_queued;
  out["no_email"] = no_email;
  out["no_ssid"] = no_ssid;
  out["duplicate_students"] = duplicate_students;
  out["duplicate_contacts"] = duplicate_contacts;
  out["errors"] = std::move(errors_json);
  out["elapsed_ms"] = elapsed_ms;
  return boost::json::serialize(out);
}

}  // namespace ssrlink::core
