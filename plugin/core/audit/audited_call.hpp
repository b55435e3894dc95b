// Every call other than a page view, made on behalf of an actor and audited whatever happens.
//
// Rules (in this order):
//  1. The request names its actor; without one (or with a malformed one) the call fails with
//     invalid_argument naming "actor" before anything runs. Nothing happened and nobody can be
//     named, so this is logged, not audited.
//  2. The call runs on the request without "actor", parsed once: the work gets the object rule 1
//     parsed (a service reads it with json_fields and need not parse it again).
//  3. One audit row follows, success or failure: action (the C function without "ssrlink_"),
//     the actor, the request's student_id when it names one (else 0), and outcome "ok" or the
//     failure's status ("invalid_argument", "database", ...).
//  4. No trace, no result: when a successful call's row cannot be written, the caller gets
//     failure(database) instead of the result (what the call changed stays changed; the log
//     says so). A failed call's own failure is kept when its row cannot be written either.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string_view>

#include "../call_result.hpp"
#include "../ports/audit_log.hpp"
#include "../ports/clock.hpp"
#include "../ports/logger.hpp"
#include "actor.hpp"

namespace ssrlink::core {

class audited_calls {
 public:
  // The work of one call: the request without "actor", as rule 1 parsed it, and who asks.
  using work = std::function<call_result(const boost::json::object &request, const actor &who)>;
  // The same for a service that still takes its request as text: it gets the request without
  // "actor" serialised again, and parses it a second time. For the services that have no entry
  // point taking the parsed object yet; the same rules hold either way.
  using text_work = std::function<call_result(std::string_view request_json, const actor &who)>;

  // Every reference must outlive this object.
  audited_calls(audit_log &audit, const clock &clock, logger &log);

  // Thread-safe. `action` is "sweep", "credentials_put", ...; `what` starts error sentences.
  call_result run(std::string_view action, std::string_view what, std::string_view request_json,
                  const work &call);
  call_result run(std::string_view action, std::string_view what, std::string_view request_json,
                  const text_work &call);

 private:
  // Rules 3 and 4 around `call`, which runs the work on `request`.
  call_result audited(std::string_view action, const actor_request &request,
                      const std::function<call_result()> &call);

  audit_log &audit_;
  const clock &clock_;
  logger &log_;
};

// The lower-case name of a status for audit rows: "ok", "invalid_argument", ...
std::string_view to_string(status code);

}  // namespace ssrlink::core
