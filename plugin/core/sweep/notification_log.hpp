// The staff side of the notification log (docs/abi.md): listing what the sweep found and what
// became of its notices, and queueing a notice by hand for one guardian, for instance once the
// school has a usable email address for a guardian the sweep could not reach.
//
// A notice queued by hand follows the sweep's own rules for one contact (notice_plan.hpp). The
// checks run in this order, each with its own answer, and nothing is queued on any of them:
//  1. The log has no row for the student and report key: not_found.
//  2. The student is not in the student feed: not_found.
//  3. The student is on more than one row of ssrlink_student: database, naming the view and the
//     ID. The rows may disagree on the school or the flags the notice's words depend on; the
//     sweep skips such a student and the report page refuses it too.
//  4. The student has no contact with that sequence: not_found.
//  5. That sequence is on more than one row of ssrlink_contact: database, as in rule 3.
//  6. The contact holds no educational rights: denied.
//  7. The contact has no usable email address: invalid_argument.
//  8. Otherwise the notice is queued unless that guardian already has it ({"queued": false}).
//
// The sweep sends one notice per mailbox (notice_plan.hpp, rule 5): of two contacts sharing an
// address, only the first in sequence order gets it. A notice queued by hand is not held to that
// rule: staff chose this one contact, by its sequence, often to send again what a guardian says
// never arrived, so it goes to this contact's address even when the sweep told the mailbox
// through another contact. It is still queued once per contact and report (rule 8).
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
  // (rules 1 to 8 above). Throws failure.
  call_result queue(std::string_view request_json);

 private:
  report_log &log_;
  student_feed &students_;
  notice_outbox &outbox_;
  const clock &clock_;
};

}  // namespace ssrlink::core
