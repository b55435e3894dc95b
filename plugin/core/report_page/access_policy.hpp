// Who may see a student's score reports: a pure function of the viewer and the student's facts,
// so the whole role × flag matrix is testable without a database.
//
// Rules (in this order):
//  1. A viewer other than an admin needs the host's permission (`permitted`).
//  2. An unknown student is not_found.
//  3. A parent must be a non-deleted contact of the student, signed in as that contact
//     (student_facts.contact present with the same sequence); a student sees only themself.
//  4. Do Not Release Records, or Hide Student Contact Info on the student or on the viewing
//     parent's contact row: parents, students and teachers are denied (the reports carry the
//     student's address) and told to ask the school; staff and admins still see the reports.
//  5. No SSID: nothing to ask ETS for.
#pragma once

#include <string_view>

#include "../model/student.hpp"
#include "page_request.hpp"

namespace ssrlink::core {

enum class access_verdict {
  allow,
  not_permitted,  // no permission, parent not linked, another student, incomplete viewer
  inaccessible,   // DNR / HCI for parents, students and teachers
  not_found,
  no_ssid,
};

struct access_decision {
  access_verdict verdict = access_verdict::not_permitted;
  std::string_view reason;  // for the log: "no_permission", "parent_not_linked", ...
};

// `facts` is null when the directory has no such student. Staff and admins may see reports of
// any student the host lets them open; the host decides which students those are.
access_decision decide_access(const viewer &who, std::int64_t requested_student_id,
                              const student_facts *facts);

}  // namespace ssrlink::core
