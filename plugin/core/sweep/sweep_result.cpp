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

sweep_counts &sweep_counts::operator+=(const sweep_counts &other) {
  students_checked += other.students_checked;
  new_reports += other.new_reports;
  notices_queued += other.notices_queued;
  no_email += other.no_email;
  no_ssid += other.no_ssid;
  duplicate_students += other.duplicate_students;
  duplicate_contacts += other.duplicate_contacts;
  for (const auto &[kind, count] : other.errors) {
    errors[kind] += count;
  }
  return *this;
}

}  // namespace ssrlink::core
