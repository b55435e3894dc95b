// check-mapping's judgement: pure functions of what the inspector saw (mapping_observations.hpp),
// so every rule is tested without a database. Each check names the view, the column and the IDs
// a DBA needs to fix the mapping; database text is escaped and clipped (mapping_values.hpp).
//
// Rules (in this order; the report lists the checks in this order, always all of them):
//  1. columns, per view (student, contact, school, portal_link): the view can be read, else fail
//     with the database's sentence; every contract column is there, else fail naming each
//     missing column with the database's sentence; student_id and contact_sequence hold whole
//     numbers (the plugin reads them as integers) and grade is NULL or a whole number, else
//     fail with examples; a leave_date that is not YYYY-MM-DD warns (the sweep ignores it).
//     A column a later schema version added (ssrlink_student.first_name and last_name, version
//     6) fails too, saying what reads it (the Manager, the family page), that pages for one
//     student and sweeps do not, and which migration adds it to the reference view.
//     Flag columns are judged by rule 9 alone, which names no student.
//  2. one_row_per_student: a student_id on two rows of ssrlink_student fails, naming the IDs and
//     their row counts (a page would take whichever row comes first).
//  3. one_row_per_contact: the same for (student_id, contact_sequence) of ssrlink_contact.
//  4. one_row_per_school: the same for school_code of ssrlink_school.
//  5. contact_sequence_stable, for ssrlink_contact and ssrlink_portal_link: a definition that
//     renumbers (mapping_values.hpp, rule 7) fails; a NULL, non-numeric or non-positive
//     sequence fails; a portal link naming a contact ssrlink_contact lacks warns (a renumbered
//     or deleted contact).
//  6. ssid_format: a non-empty SSID that is not ten digits warns, counted, with student_ids as
//     examples (never the SSID itself).
//  7. language_codes, for ssrlink_student.correspondence_language and ssrlink_contact.language:
//     values that are not two-digit CALPADS codes warn, with the distinct odd values and counts.
//  8. grade_values: NULL or outside -1..12 warns, counted, with student_ids as examples.
//  9. flag_values, for ssrlink_student (do_not_release, hide_contact) and ssrlink_contact
//     (educational_rights, hide_contact): values other than 0, 1 or NULL fail with counts and
//     the distinct odd values only: never which rows, which would tell who is Do Not Release.
// 10. statements, one per statement the plugin runs: not_checked on a dialect the inspector
//     cannot EXPLAIN; fail when the EXPLAIN failed (the database's sentence) or the plan reads a
//     base table whole, naming the table and what to index, except tables behind
//     ssrlink_school (a district has few schools) and the two statements that read the
//     students for a sweep's ranges (sweep_student_ids, sweep_school_student_ids: once per
//     sweep, all of a district's or a school's students); else pass.
// A check whose view or column is missing is not_checked and says so (rule 1 fails for it).
// "ok" is true when no check and no statement failed (warnings are allowed).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mapping_observations.hpp"

namespace ssrlink::core {

enum class check_status { pass, warn, fail, not_checked };

// "pass", "warn", "fail", "not_checked".
std::string_view to_string(check_status status);

struct check_verdict {
  std::string check;  // "columns", "one_row_per_student", ...
  std::string view;   // "ssrlink_student"
  check_status status = check_status::pass;
  std::string message;                // one sentence, escaped
  std::vector<std::string> examples;  // at most max_examples, escaped
};

struct statement_verdict {
  std::string name, purpose, sql;
  check_status status = check_status::pass;
  std::string message;
  std::vector<std::string> full_scans;  // the base tables the plan reads whole, escaped
  std::vector<std::string> plan;        // escaped and clipped
};

struct mapping_report {
  bool ok = true;
  std::string dialect;
  std::vector<check_verdict> checks;
  std::vector<statement_verdict> statements;
};

// Rules 1 to 9, in order.
std::vector<check_verdict> judge_views(const mapping_observations &seen);
// Rule 10, one verdict per observed statement, in order.
std::vector<statement_verdict> judge_statements(const mapping_observations &seen);
// Both, and "ok".
mapping_report judge(const mapping_observations &seen);

}  // namespace ssrlink::core
