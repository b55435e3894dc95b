// Every statement the plugin runs against the DBA's views (ssrlink_student, ssrlink_contact,
// ssrlink_portal_link, ssrlink_school), word for word and in one place: the student directory
// and the sweep's student feed run them, check-mapping EXPLAINs those in view_statements, and
// docs/dba-guide.md quotes those (a test holds the guide to this file), so a DBA can see and index
// exactly what is asked of the host's tables.
//
// The casts keep an ID beyond the host's column type (an INTEGER on PostgreSQL) a plain "no such
// student" instead of an out-of-range error. The page's binding statements read no flag, so a
// viewer who is not entitled learns nothing about the student.
#pragma once

#include <array>
#include <string_view>

namespace ssrlink::odbc {

// What a statement's `?` markers stand for, in order, so check-mapping can bind sample values.
enum class statement_parameter {
  student_id,        // an ssrlink_student.student_id
  user_id,           // an ssrlink_portal_link.user_id
  contact_sequence,  // an ssrlink_contact.contact_sequence of that student
  school_code,       // an ssrlink_student.school_code
};

struct view_statement {
  std::string_view name;     // stable, for check-mapping's report
  std::string_view purpose;  // a sentence for the DBA
  std::string_view sql;
  std::array<statement_parameter, 3> parameters{};
  std::size_t parameter_count = 0;
};

namespace statements {

// Page, binding, for teachers, staff and administrators: the student's school.
inline constexpr std::string_view staff_binding = R"sql(SELECT s.student_id, s.school_code
  FROM ssrlink_student s
 WHERE s.student_id = CAST(? AS BIGINT))sql";

// Page, binding, for a student: the student's own portal account.
inline constexpr std::string_view student_binding =
    R"sql(SELECT s.student_id, s.school_code, s.portal_user
  FROM ssrlink_student s
 WHERE s.student_id = CAST(? AS BIGINT))sql";

// Page, binding, for a parent: the contacts the signed-in account may act as. A deleted contact
// has no ssrlink_contact row, so its link comes back with a NULL sequence and is left out.
inline constexpr std::string_view parent_binding =
    R"sql(SELECT s.student_id, s.school_code, c.contact_sequence, c.educational_rights
  FROM ssrlink_student s
  LEFT JOIN ssrlink_portal_link l ON l.student_id = s.student_id AND l.user_id = ?
  LEFT JOIN ssrlink_contact c
    ON c.student_id = l.student_id AND c.contact_sequence = l.contact_sequence
 WHERE s.student_id = CAST(? AS BIGINT)
 ORDER BY c.contact_sequence)sql";

// Page, facts, only for a viewer the binding entitles: flags, SSID, the contact acted as. A NULL
// contact sequence matches no contact, so one statement serves staff and parents alike.
inline constexpr std::string_view page_facts =
    R"sql(SELECT s.student_id, s.school_code, s.ssid, s.correspondence_language, s.grade,
       s.do_not_release, s.hide_contact, c.contact_sequence, c.hide_contact,
       c.educational_rights, c.email, c.language
  FROM ssrlink_student s
  LEFT JOIN ssrlink_contact c
    ON c.student_id = s.student_id AND c.contact_sequence = CAST(? AS BIGINT)
 WHERE s.student_id = CAST(? AS BIGINT))sql";

// Family page, for a parent without a student_id: every student the signed-in account is linked
// to through a contact ssrlink_contact has (a deleted contact has none), once each, with the
// names that tell siblings apart. No flag is read: each student's own page rules decide what the
// parent sees. A student on two ssrlink_student rows comes back twice, which the directory
// refuses as it does on a page.
inline constexpr std::string_view family_students =
    R"sql(SELECT s.student_id, s.first_name, s.last_name
  FROM ssrlink_student s
 WHERE s.student_id IN (SELECT l.student_id
                          FROM ssrlink_portal_link l
                          JOIN ssrlink_contact c
                            ON c.student_id = l.student_id
                           AND c.contact_sequence = l.contact_sequence
                         WHERE l.user_id = ?)
 ORDER BY s.student_id)sql";

// Sweep: the students of the district, to cut into ranges.
inline constexpr std::string_view sweep_student_ids = R"sql(SELECT student_id
  FROM ssrlink_student
 ORDER BY student_id)sql";

// Sweep: the students of one school, to cut into ranges.
inline constexpr std::string_view sweep_school_student_ids = R"sql(SELECT student_id
  FROM ssrlink_student
 WHERE school_code = ?
 ORDER BY student_id)sql";

// Sweep: one range of students, for the district also when the sweep is one school's: a student
// on two rows (one per school) must be seen whole to be skipped, so the sweep applies the school
// itself.
inline constexpr std::string_view sweep_students =
    R"sql(SELECT s.student_id, s.school_code, s.ssid, s.do_not_release, s.hide_contact, s.tag,
       CAST(s.leave_date AS VARCHAR(10)), k.name
  FROM ssrlink_student s
  LEFT JOIN ssrlink_school k ON k.school_code = s.school_code
 WHERE s.student_id BETWEEN CAST(? AS BIGINT) AND CAST(? AS BIGINT)
 ORDER BY s.student_id)sql";

// Sweep: the guardians of one student.
inline constexpr std::string_view sweep_contacts =
    R"sql(SELECT contact_sequence, email, educational_rights, language, hide_contact
  FROM ssrlink_contact
 WHERE student_id = CAST(? AS BIGINT)
 ORDER BY contact_sequence)sql";

// Page, diagnosis only: how many rows the view has for one student. Run only when the binding or
// facts rows repeat, which a view with one row per student never does, to tell which view is at
// fault; a correct mapping never runs it. Not in view_statements: it reads through the same key
// as the binding (ssrlink_student.student_id), so it needs no index of its own.
inline constexpr std::string_view count_student_rows = R"sql(SELECT COUNT(*)
  FROM ssrlink_student
 WHERE student_id = CAST(? AS BIGINT))sql";

// Page, diagnosis only: how many rows the view has for one contact, for the same reason and run
// only on the same rare path; it reads through ssrlink_contact (student_id, contact_sequence).
inline constexpr std::string_view count_contact_rows = R"sql(SELECT COUNT(*)
  FROM ssrlink_contact
 WHERE student_id = CAST(? AS BIGINT)
   AND contact_sequence = CAST(? AS BIGINT))sql";

}  // namespace statements

// Every statement above that a page or a sweep runs in normal operation, in the order
// check-mapping reports them (the two diagnostic counts are left out, see above).
inline constexpr std::array<view_statement, 9> view_statements{{
    {"page_staff_binding",
     "a staff, teacher or administrator page: the student's school",
     statements::staff_binding,
     {statement_parameter::student_id},
     1},
    {"page_student_binding",
     "a student's page: the student's own portal account",
     statements::student_binding,
     {statement_parameter::student_id},
     1},
    {"page_parent_binding",
     "a parent's page: the contacts the account may act as",
     statements::parent_binding,
     {statement_parameter::user_id, statement_parameter::student_id},
     2},
    {"page_facts",
     "every entitled page: flags, SSID and the contact acted as",
     statements::page_facts,
     {statement_parameter::contact_sequence, statement_parameter::student_id},
     2},
    {"family_students",
     "a parent's family page: the students the account is linked to, with their names",
     statements::family_students,
     {statement_parameter::user_id},
     1},
    {"sweep_student_ids",
     "a district sweep: the students to cut into ranges",
     statements::sweep_student_ids,
     {},
     0},
    {"sweep_school_student_ids",
     "a school's sweep: the students to cut into ranges",
     statements::sweep_school_student_ids,
     {statement_parameter::school_code},
     1},
    {"sweep_students",
     "a sweep: one range of students",
     statements::sweep_students,
     {statement_parameter::student_id, statement_parameter::student_id},
     2},
    {"sweep_contacts",
     "a sweep: the guardians of one student",
     statements::sweep_contacts,
     {statement_parameter::student_id},
     1},
}};

}  // namespace ssrlink::odbc
