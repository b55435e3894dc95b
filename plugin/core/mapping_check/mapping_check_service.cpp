#include "mapping_check_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <limits>

#include "../json/json_fields.hpp"
#include "mapping_verdicts.hpp"

namespace ssrlink::core {
namespace {

boost::json::array strings(const std::vector<std::string> &items) {
  boost::json::array out;
  for (const std::string &item : items) {
    out.emplace_back(item);
  }
  return out;
}

// The report as docs/abi.md describes it (ssrlink_check_mapping). Every text in it was escaped
// and clipped by the verdicts; Boost.JSON adds the JSON escapes.
std::string to_json(const mapping_report &report) {
  boost::json::array checks;
  for (const check_verdict &v : report.checks) {
    checks.push_back(boost::json::object{{"check", v.check},
                                         {"view", v.view},
                                         {"status", to_string(v.status)},
                                         {"message", v.message},
                                         {"examples", strings(v.examples)}});
  }
  boost::json::array statements;
  for (const statement_verdict &v : report.statements) {
    statements.push_back(boost::json::object{{"name", v.name},
                                             {"purpose", v.purpose},
                                             {"sql", v.sql},
                                             {"status", to_string(v.status)},
                                             {"message", v.message},
                                             {"full_scans", strings(v.full_scans)},
                                             {"plan", strings(v.plan)}});
  }
  boost::json::object out;
  out["ok"] = report.ok;
  out["dialect"] = report.dialect;
  out["checks"] = std::move(checks);
  out["statements"] = std::move(statements);
  return boost::json::serialize(out);
}

}  // namespace

mapping_check_service::mapping_check_service(mapping_inspector &inspector)
    : inspector_(inspector) {}

call_result mapping_check_service::check(std::string_view request_json) {
  const boost::json::object request = parse_json_object(
      request_json.empty() ? std::string_view("{}") : request_json, "The check-mapping request");
  json_fields fields(request, "", status::invalid_argument);
  const std::optional<std::int64_t> student_id =
      fields.optional_int("student_id", std::numeric_limits<std::int64_t>::min(),
                          std::numeric_limits<std::int64_t>::max());
  fields.reject_unknown();
  const mapping_observations seen = inspector_.observe(student_id);
  return {status::ok, to_json(judge(seen))};
}

}  // namespace ssrlink::core
