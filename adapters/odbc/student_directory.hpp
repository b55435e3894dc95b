// core::student_directory over the ssrlink_student, ssrlink_contact and ssrlink_portal_link
// views: a page costs two round trips, the binding (who may act for the student, no flag) and,
// for an entitled viewer only, the facts (flags, SSID, the contact acted as). The statements are
// odbc::statements::staff_binding, student_binding, parent_binding and page_facts
// (odbc/view_statements.hpp), the ones docs/dba-guide.md quotes. The family page's list of an
// account's students is one more, statements::family_students, which reads the names
// (ssrlink_student.first_name, last_name: schema version 6) and no flag.
//
// The page checks the views' contract where it reads them, because a view that breaks it would
// otherwise hand the page whichever row comes first (possibly another school's credentials):
//  1. ssrlink_student has one row per student_id. A binding or facts read that shows a student on
//     two rows fails with status database and a sentence naming the view, the ID and the row
//     count (a view joined to enrollments, one row per school year, is the usual cause). The
//     family list fails the same way for a student it lists twice.
//  2. ssrlink_contact has one row per (student_id, contact_sequence); likewise.
//  3. ssrlink_portal_link may list one link twice (harmless): the contact is kept once, and the
//     family list names the student once.
//  4. A parent account linked to no contact of the student gets no such error: the access policy
//     refuses it as not linked, with the one sentence every unentitled viewer gets, so a broken
//     mapping never tells a stranger that a student ID exists.
// Which view made rows repeat is told by a COUNT run only when they repeat, so a page whose rows
// do not repeat pays one more fetch for the check and no statement. The binding's check reads no
// flag either, so its error tells an unentitled viewer nothing about Do Not Release or Hide Contact
// Info.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/ports/student_directory.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_student_directory final : public core::student_directory {
 public:
  explicit odbc_student_directory(std::shared_ptr<connection_pool> pool);
  std::optional<core::student_binding> find_binding(const core::binding_query &query) override;
  std::optional<core::student_facts> find_student(const core::student_query &query) override;
  std::vector<core::linked_student> linked_students(const std::string &user_id) override;

 private:
  std::shared_ptr<connection_pool> pool_;
};

}  // namespace ssrlink::odbc
