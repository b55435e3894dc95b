// Who may see a student's score reports: pure functions of the viewer and what the data says
// about the student, so the whole role × binding × flag matrix is testable without a database.
//
// The host's word is not enough: a viewer is bound to the student through the data. The checks
// run in two steps, and the student's flags are read from the database only between them, once
// the viewer is entitled, so a page is never an oracle for which students carry Do Not Release
// or Hide Contact Info.
//
// Rules (in this order):
//  decide_entitlement, on the binding alone (no flag):
//   1. A viewer other than an admin needs the host's permission (`permitted`).
//   2. An unknown student is not_found for admins and district-level staff; every other viewer
//      gets the refusal of rules 3 to 6 instead, so IDs cannot be probed either.
//   3. A parent must be linked by ssrlink_portal_link (viewer.user_id) to a non-deleted contact
//      of the student that holds educational rights; when viewer.contact_sequence is given, to
//      that contact. The lowest such contact is the one the parent acts as.
//   4. A student must be the requested student (viewer.student_id), and viewer.user_id must
//      equal the student's portal account when the data has one.
//   5. A teacher must have the student's school among viewer.school_codes.
//   6. School-level staff (viewer.school_codes given) likewise; district-level staff (none
//      given) and admins are entitled to every student.
//  decide_access, on the facts of an entitled viewer:
//   7. A parent whose contact row vanished since the binding is refused as in rule 3. Then Do
//      Not Release Records, or Hide Student Contact Info on the student or on the contact the
//      parent acts as: parents, students and teachers are denied (the reports carry the home
//      address) and told to ask the school; staff and admins still see the reports.
//   8. No SSID: nothing to ask ETS for.
// Rules 1 and 3 to 6 give one verdict, not_permitted, with one sentence on the page whatever
// the reason; the reason goes to the audit row and the log only.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "../model/student.hpp"
#include "page_request.hpp"

namespace ssrlink::core {

enum class access_verdict {
  allow,
  not_permitted,  // no permission, or not entitled to this student (rules 1, 3 to 6)
  inaccessible,   // DNR / HCI for parents, students and teachers (rule 7)
  not_found,      // rule 2, for admins and district-level staff
  no_ssid,        // rule 8
};

// Why a verdict was given: for the audit row and the log only, never for the page (which shows
// one sentence per verdict). to_string gives the name the audit column holds.
enum class access_reason {
  entitled,                           // decide_entitlement: go on and read the facts
  allowed,                            // decide_access: show the reports
  no_permission,                      // rule 1
  unknown_student,                    // rule 2
  parent_not_linked,                  // rule 3
  parent_without_educational_rights,  // rule 3: linked, but to a contact without the rights
  other_student,                      // rule 4: another student's ID
  other_student_account,              // rule 4: the right ID, another portal account
  teacher_other_school,               // rule 5
  staff_other_school,                 // rule 6
  parent_contact_gone,                // rule 7: the contact was deleted since the binding
  do_not_release,                     // rule 7
  hide_contact_student,               // rule 7
  hide_contact_contact,               // rule 7
  no_ssid,                            // rule 8
};

// "no_permission", "parent_not_linked", ...: the enumerator's name.
std::string_view to_string(access_reason reason);

struct access_decision {
  access_verdict verdict = access_verdict::not_permitted;
  access_reason reason = access_reason::no_permission;
};

struct entitlement {
  access_decision decision;             // allow: entitled, go on and read the facts
  std::optional<int> contact_sequence;  // parents: the contact the data bound the viewer to
};

// What the binding query must read for this viewer (parents and students need more views).
binding_kind binding_kind_for(const viewer &who);

// Rules 1 to 6. `binding` is null when the directory has no such student.
entitlement decide_entitlement(const viewer &who, std::int64_t requested_student_id,
                               const student_binding *binding);

// Rules 7 and 8, for a viewer decide_entitlement allowed. `facts.contact` is the contact the
// viewer acts as (parents only).
access_decision decide_access(const viewer &who, const student_facts &facts);

}  // namespace ssrlink::core
