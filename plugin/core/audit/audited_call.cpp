#include "audited_call.hpp"

#include <boost/json/serialize.hpp>

#include "../error.hpp"
#include "call_key.hpp"

namespace ssrlink::core {

std::string_view to_string(status code) {
  switch (code) {
    case status::ok:
      return "ok";
    case status::invalid_argument:
      return "invalid_argument";
    case status::config:
      return "config";
    case status::database:
      return "database";
    case status::upstream:
      return "upstream";
    case status::denied:
      return "denied";
    case status::not_found:
      return "not_found";
    case status::internal:
      return "internal";
    case status::unavailable:
      return "unavailable";
  }
  return "unknown";
}

audited_calls::audited_calls(audit_log &audit, const clock &clock, logger &log)
    : audit_(audit), clock_(clock), log_(log) {}

call_result audited_calls::run(std::string_view action, std::string_view what,
                               std::string_view request_json, const work &call) {
  const actor_request request = take_actor(request_json, what);  // rule 1
  return audited(action, request, [&] { return call(request.rest, request.who); });
}

call_result audited_calls::run(std::string_view action, std::string_view what,
                               std::string_view request_json, const text_work &call) {
  const actor_request request = take_actor(request_json, what);  // rule 1
  return audited(action, request,
                 [&] { return call(boost::json::serialize(request.rest), request.who); });
}

call_result audited_calls::audited(std::string_view action, const actor_request &request,
                                   const std::function<call_result()> &call) {
  audit_entry entry;
  entry.at = clock_.now();
  entry.action = std::string(action);
  entry.role = std::string(to_string(request.who.role));
  entry.user_id = request.who.user_id;
  entry.offered = "[]";
  entry.call_key = new_call_key();
  if (const auto *student = request.rest.if_contains("student_id");
      student != nullptr && student->is_int64() && student->as_int64() > 0) {
    entry.student_id = student->as_int64();
  }

  // Rule 3 for a failed call: its own failure is what the caller gets, whatever the audit says.
  const auto record_failure = [&](status code) {
    entry.outcome = std::string(to_string(code));
    try {
      audit_.record(entry);
    } catch (const std::exception &audit_error) {
      log_.log(log_level::error, "The audit row of a failed " + std::string(action) +
                                     " call could not be written: " + audit_error.what());
    }
  };
  call_result result;
  try {
    result = call();  // rule 2
  } catch (const failure &error) {
    record_failure(error.code());
    throw;
  } catch (const std::exception &) {
    record_failure(status::internal);
    throw;
  }

  entry.outcome = std::string(to_string(result.code));
  try {
    audit_.record(entry);
  } catch (const std::exception &audit_error) {
    log_.log(log_level::error, "The " + std::string(action) +
                                   " call ran, but its audit row could not be written, so its "
                                   "result was withheld: " +
                                   audit_error.what());
    throw failure(status::database,
                  "The call ran, but the record of who made it could not be written, so its "
                  "result is withheld; check the database and look before repeating it.");
  }
  return result;
}

}  // namespace ssrlink::core
