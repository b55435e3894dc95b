// The staff side of the notification log (docs/abi.md): listing what the sweep found and what
// became of its notices, and queueing a notice by hand for one guardian, for instance once the
// school has a usable email address for a guardian the sweep could not reach.
//
// A notice queued by hand follows the sweep's own rules for one contact (notice_plan.hpp). The
// checks run in this order, each with its own answer, and nothing is queued on any of them:
//  1. The log has no row for the student and report key: not_found.
//  2. The student is not in the student feed: not_found.
//  3. The student has no contact with that sequence: not_found.
//  4. The contact holds no educational rights: denied.
//  5. The contact has no usable email address: invalid_argument.
//  6. Otherwise the notice is queued unless that guardian already has it ({"queued": false}).
#pragma once

#include <string_view>

#include "../call_result.hpp"
#include "../ports/clock.hpp"
#include "notice_outbox.hpp"
#include "report_log.hpp"
#include "student_feed.hpp"

namespace ssrlink::core {

class notification_log {
 public:
  // Every reference must outlive the service.
  notification_log(report_log &log, student_feed &students, notice_outbox &outbox,
                   const clock &clock);

  // The staff list: {"school", "tag", "leave_before", "not_viewed", "no_email", "offset",
  // "limit"} → {"entries": [...], "offset", "limit", "more"}. Throws failure(invalid_argument)
  // naming the key for a bad request.
  call_result list(std::string_view request_json);
  // Queues a notice by hand: {"student_id", "contact_sequence", "report_key"} → {"queued": bool}
  // (rules 1 to 6 above). Throws failure.
  call_result queue(std::string_view request_json);

 private:
  report_log &log_;
  student_feed &students_;
  notice_outbox &outbox_;
  const clock &clock_;
};

}  // namespace ssrlink::core
