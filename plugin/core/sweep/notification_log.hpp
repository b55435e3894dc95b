// The staff side of the notification log (docs/abi.md): listing what the sweep found and what
// became of its notices, as JSON and, for the host's staff page, as the Manager
// (manager_html.hpp); and queueing a notice by hand, for one guardian or for every guardian the
// sweep's rules would tell.
//
// The list (in this order):
//  L1. The request is read strictly (filters, paging, and "html": manager_request.hpp); a bad
//      key or value is invalid_argument naming it. School staff see their own schools only
//      (staff_scope.hpp, rules 1 to 4).
//  L2. Without "html" the rows come in student_id and report_key order and the result is the
//      JSON list alone, as since ABI 1.0. With "html" they come in the Manager order
//      (sweep_records.hpp: not viewed first, never emailed first, then by date emailed, date
//      found and name) and the result adds "html", the fragment of the same rows.
//  L3. Every entry names the student (first_name, last_name; empty when the feed has none).
//
// A notice queued by hand follows the sweep's own rules (notice_plan.hpp). The checks run in this
// order, each with its own answer, and nothing is queued on any refusal:
//  1. The log has no row for the student and report key: not_found.
//  2. The student is not in the student feed: not_found.
//  3. The student is on more than one row of ssrlink_student: database, naming the view and the
//     ID. The rows may disagree on the school or the flags the notice's words depend on; the
//     sweep skips such a student and the report page refuses it too.
// 3a. School staff (staff_scope.hpp) asking for a student at none of their schools: not_found,
//     with rule 1's very sentence.
// With "contact_sequence", for that one contact:
//  4. The student has no contact with that sequence: not_found.
//  5. That sequence is on more than one row of ssrlink_contact: database, as in rule 3.
//  6. The contact holds no educational rights: denied.
//  7. The contact has no usable email address: invalid_argument.
//  8. Otherwise the notice is queued unless that guardian already has it ({"queued": false}).
// Without it (the Manager's "Send notice"), for every contact, as the sweep would:
//  9. A contact sequence on more than one row of ssrlink_contact: database, as in rule 5 (the
//     sweep skips such a student too).
// 10. No contact holds educational rights: denied.
// 11. No contact with rights has a usable email address: invalid_argument, saying how many
//     guardians need a notice another way.
// 12. Otherwise each notice the sweep's rules give (notice_plan.hpp, rules 2 to 5: educational
//     rights, a usable email, one per mailbox from the first contact in sequence order, in that
//     contact's language and words) is queued unless that guardian already has it. The answer
//     counts the new ones ("notices"), those already in the outbox ("already_queued") and the
//     guardians with rights but no usable email ("manual_follow_up"); "queued" is true when at
//     least one is new.
//
// The sweep sends one notice per mailbox (notice_plan.hpp, rule 5): of two contacts sharing an
// address, only the first in sequence order gets it. A notice queued by hand for one contact
// (rules 4 to 8) is not held to that rule: staff chose this one contact, by its sequence, often
// to send again what a guardian says never arrived, so it goes to this contact's address even
// when the sweep told the mailbox through another contact. It is still queued once per contact
// and report (rule 8). Without a sequence (rule 12) the mailbox rule holds, so a second click
// queues nothing new.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "../call_result.hpp"
#include "../ports/clock.hpp"
#include "notice_outbox.hpp"
#include "report_log.hpp"
#include "staff_scope.hpp"
#include "student_feed.hpp"
#include "time_zone.hpp"

namespace ssrlink::core {

// The district's time zone, for the days the Manager shows; nullopt shows them in UTC. Must not
// throw (the composition root reads the settings' schedule.time_zone through zone_files.hpp).
using display_zone = std::function<std::optional<time_zone>()>;

class notification_log {
 public:
  // Every reference must outlive the service. Without `zone` the Manager's days are UTC days.
  notification_log(report_log &log, student_feed &students, notice_outbox &outbox,
                   const clock &clock, display_zone zone = {});

  // The staff list (rules L1 to L3): {"school", "tag", "leave_before", "not_viewed",
  // "no_email", "offset", "limit", "html"} → {"entries": [...], "offset", "limit", "more"} and
  // "html" when asked. Throws failure(invalid_argument) naming the key for a bad request.
  call_result list(std::string_view request_json, const staff_schools &scope = {});
  // Queues a notice by hand: {"student_id", "contact_sequence", "report_key"} → {"queued": bool}
  // (rules 1 to 8 above); without "contact_sequence" → {"queued", "notices", "already_queued",
  // "manual_follow_up"} (rules 1 to 3 and 9 to 12). Throws failure.
  call_result queue(std::string_view request_json, const staff_schools &scope = {});

 private:
  // A logged report of a student the feed has on one row: rules 1 to 3 passed.
  struct checked_report {
    sweep_student student;
    listed_report report;
  };
  checked_report checked(std::int64_t student_id, const std::string &key,
                         const staff_schools &scope);
  call_result queue_for_contact(const checked_report &report, int sequence);
  call_result queue_for_all(const checked_report &report);

  report_log &log_;
  student_feed &students_;
  notice_outbox &outbox_;
  const clock &clock_;
  display_zone zone_;
};

}  // namespace ssrlink::core
