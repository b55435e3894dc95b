// Who is told that a report became Final, and in which words: pure functions of the student, the
// report and the guardians on file, so every rights × email × flag case is testable without a
// database. The sweep plans each detected report's notices with plan_notices; a notice queued by
// hand (notification_log.hpp) goes through notice_for, the same rules for one contact.
//
// Rules (in this order):
//  plan_notices, for one detected report:
//   1. A report that does not notify (not newly Final, or not in a notifying year) gets no notice
//      and notice_state::none; it is logged all the same.
//  notice_for, for each contact of the student, in the order given (sequence order):
//   2. A contact without educational rights gets no notice and is not counted: the reports are
//      for those who hold the student's educational rights.
//   3. A contact with rights but no usable email (usable_email, once the white space around the
//      address is dropped: a CHAR column pads it) gets no notice and counts in missing_email, so
//      staff can follow up another way.
//   4. Any other contact gets one notice to that email, in the contact's language
//      (notice_language of its CALPADS code). It asks the guardian to contact the school instead
//      of pointing to the portal when the student is Do Not Release, or the student or this
//      contact has Hide Contact Info: the portal will not show the report to them.
//  plan_notices, across the student's contacts:
//   5. One notice per mailbox: a contact whose address (mailbox_key: trimmed, ASCII-lower-cased)
//      an earlier contact of this student already has this report's notice for gets none, and
//      counts as reached, not in missing_email. So two guardians sharing a family address get one
//      email, from the first contact in sequence order, in that contact's language and words
//      (rule 4). The key is (student, address, report): plan_notices is called once per student
//      and report, so each report still gets its notice, and a mailbox shared with another
//      student's guardian gets that student's notice too.
//  plan_notices, the report's notice_state:
//   6. no_email when no contact got a notice (none holds rights, or none with rights has a usable
//      email); queued when every contact with rights was reached (rules 4 and 5); partial
//      otherwise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "../model/student.hpp"
#include "report_identity.hpp"
#include "sweep_records.hpp"

namespace ssrlink::core {

enum class contact_verdict {
  notice,           // rule 4: `row` is the notice to queue
  no_rights,        // rule 2
  no_usable_email,  // rule 3
};

struct contact_notice {
  contact_verdict verdict = contact_verdict::no_rights;
  outbox_row row;  // set for contact_verdict::notice only
};

// Rules 2 to 4 for one contact and one report identity (key, test and year are used).
contact_notice notice_for(const sweep_student &student, const listed_report &report,
                          const contact_facts &contact);

// Rules 1 to 6: the log write for `change` with its notices. `contacts` are the student's
// contacts in sequence order; they are not read when the change does not notify.
report_write plan_notices(const sweep_student &student, detected_report change,
                          const std::vector<contact_facts> &contacts);

// True for an address worth handing to a mailer: one '@' with text either side, no spaces or
// control characters, none of the list and angle-bracket separators <>,; (one address, never a
// list), at most 320 bytes.
bool usable_email(std::string_view email);

// `email` without the ASCII white space around it: the address notice_for checks and sends to.
std::string_view trimmed_email(std::string_view email);

// What makes two addresses one mailbox for rule 5: trimmed and ASCII-lower-cased. The local part
// is case-sensitive in principle, but no mailbox provider a school meets treats it so, and two
// notices to one person are the failure seen in practice.
std::string mailbox_key(std::string_view email);

}  // namespace ssrlink::core
