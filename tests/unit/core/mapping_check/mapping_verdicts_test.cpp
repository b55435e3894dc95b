#include "core/mapping_check/mapping_verdicts.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "observations_fixture.hpp"

namespace ssrlink::core {
namespace {

using testing::clean_mapping;
using testing::contact;
using ::testing::ElementsAre;
using testing::find;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::student;

TEST(MappingVerdicts, ACleanMappingPassesEveryCheckInTheFixedOrder) {
  const mapping_report report = judge(clean_mapping());
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.dialect, "postgresql");
  std::vector<std::string> order;
  for (const check_verdict &v : report.checks) {
    EXPECT_EQ(v.status, check_status::pass) << v.check << " " << v.view << ": " << v.message;
    EXPECT_TRUE(v.examples.empty()) << v.check;
    order.push_back(v.check + "/" + v.view);
  }
  EXPECT_THAT(
      order,
      ElementsAre("columns/ssrlink_student", "columns/ssrlink_contact", "columns/ssrlink_school",
                  "columns/ssrlink_portal_link", "one_row_per_student/ssrlink_student",
                  "one_row_per_contact/ssrlink_contact", "one_row_per_school/ssrlink_school",
                  "contact_sequence_stable/ssrlink_contact",
                  "contact_sequence_stable/ssrlink_portal_link", "ssid_format/ssrlink_student",
                  "language_codes/ssrlink_student", "language_codes/ssrlink_contact",
                  "grade_values/ssrlink_student", "flag_values/ssrlink_student",
                  "flag_values/ssrlink_contact"));
  ASSERT_EQ(report.statements.size(), 1U);
  EXPECT_EQ(report.statements[0].status, check_status::pass);
}

// Rule 1.
TEST(MappingVerdicts, AMissingViewFailsWithTheDatabaseSentenceAndSkipsItsChecks) {
  mapping_observations seen = clean_mapping();
  seen.link_view.exists = false;
  seen.link_view.problem = "SQLSTATE 42P01: ERROR: relation \"ssrlink_portal_link\" does not exist";
  const mapping_report report = judge(seen);
  EXPECT_FALSE(report.ok);
  const check_verdict &columns = find(report, "columns", "ssrlink_portal_link");
  EXPECT_EQ(columns.status, check_status::fail);
  EXPECT_THAT(columns.message, HasSubstr("does not exist"));
  EXPECT_EQ(find(report, "contact_sequence_stable", "ssrlink_portal_link").status,
            check_status::not_checked);
}

TEST(MappingVerdicts, AMissingColumnIsNamed) {
  mapping_observations seen = clean_mapping();
  seen.student_view.columns[9] = {"portal_user", false,
                                  "ERROR: column \"portal_user\" does not exist"};
  const check_verdict v = find(judge(seen), "columns", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_THAT(v.message, HasSubstr("has no column portal_user"));
  EXPECT_THAT(v.examples, ElementsAre(HasSubstr("portal_user: ERROR: column")));
}

// Rule 1, the columns of schema version 6: what reads them, and the migration that adds them.
TEST(MappingVerdicts, MissingNamesFailSayingWhatReadsThemAndWhichMigrationAddsThem) {
  mapping_observations seen = clean_mapping();
  seen.student_view.columns[10] = {"first_name", false, "ERROR: column \"first_name\" x"};
  seen.student_view.columns[11] = {"last_name", false, "ERROR: column \"last_name\" x"};
  const mapping_report report = judge(seen);
  EXPECT_FALSE(report.ok);
  const check_verdict &v = find(report, "columns", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_EQ(v.message,
            "The view ssrlink_student has no column first_name, last_name: only the Manager (the "
            "staff list with names) and the family page (a parent's students) read them; pages "
            "for one student and sweeps work without them. Run "
            "sql/postgresql/migrations/0006_student_names.sql (it adds them to the reference "
            "view), or add them to your mapping (docs/dba-guide.md, section 4).");
  EXPECT_THAT(v.examples,
              ElementsAre(HasSubstr("first_name: ERROR"), HasSubstr("last_name: ERROR")));
  // Nothing else about the view depends on the names: every other check still runs and passes.
  for (const check_verdict &other : report.checks) {
    if (&other != &v) {
      EXPECT_EQ(other.status, check_status::pass) << other.check << " " << other.view;
    }
  }
}

TEST(MappingVerdicts, OneMissingNameIsNamedAloneWithTheDialectsFolder) {
  mapping_observations seen = clean_mapping();
  seen.dialect = "sqlite";
  seen.student_view.columns[11] = {"last_name", false, "no such column: last_name"};
  const check_verdict v = find(judge(seen), "columns", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_THAT(v.message, HasSubstr("has no column last_name: only the Manager"));
  EXPECT_THAT(v.message, Not(HasSubstr("first_name")));
  EXPECT_THAT(v.message, HasSubstr("Run sql/sqlite/migrations/0006_student_names.sql"));
  // A dialect the plugin has no scripts for: the folder is left for the DBA to pick.
  seen.dialect = "other";
  EXPECT_THAT(find(judge(seen), "columns", "ssrlink_student").message,
              HasSubstr("Run sql/<dialect>/migrations/0006_student_names.sql"));
}

TEST(MappingVerdicts, NamesMissingBesideAnOlderColumnAreToldApart) {
  mapping_observations seen = clean_mapping();
  seen.student_view.columns[9] = {"portal_user", false, "ERROR: column \"portal_user\" x"};
  seen.student_view.columns[10] = {"first_name", false, "ERROR: column \"first_name\" x"};
  seen.student_view.columns[11] = {"last_name", false, "ERROR: column \"last_name\" x"};
  const check_verdict v = find(judge(seen), "columns", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_EQ(v.message,
            "The view ssrlink_student has no column portal_user; add it with that name "
            "(docs/dba-guide.md, section 4). Nor first_name, last_name: only the Manager (the "
            "staff list with names) and the family page (a parent's students) read them; pages "
            "for one student and sweeps work without them; "
            "sql/postgresql/migrations/0006_student_names.sql adds them to the reference view.");
  EXPECT_EQ(v.examples.size(), 3U);
}

TEST(MappingVerdicts, NamesAreAContractColumnOfTheStudentViewOnly) {
  // A contact view without first_name is no later column: ssrlink_contact has none in its
  // contract, and the inspector never asks it for one; were it reported, it reads as any other.
  mapping_observations seen = clean_mapping();
  seen.contact_view.columns.push_back({"first_name", false, "no such column"});
  const check_verdict v = find(judge(seen), "columns", "ssrlink_contact");
  EXPECT_EQ(v.message,
            "The view ssrlink_contact has no column first_name; add it with that name "
            "(docs/dba-guide.md, section 4).");
}

TEST(MappingVerdicts, AGradeThatIsNoNumberFailsTheColumnsCheckByStudent) {
  mapping_observations seen = clean_mapping();
  student_row kg = student("1004");
  kg.grade = "KG";
  seen.students.add(kg);
  const mapping_report report = judge(seen);
  const check_verdict &v = find(report, "columns", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_THAT(v.message, HasSubstr("grade is not a whole number"));
  EXPECT_THAT(v.examples, ElementsAre("student_id 1004: grade 'KG'"));
  // Counted once: the grade check is about numbers outside the range.
  EXPECT_EQ(find(report, "grade_values", "ssrlink_student").status, check_status::pass);
}

TEST(MappingVerdicts, AnUnreadableLeaveDateWarns) {
  mapping_observations seen = clean_mapping();
  student_row left = student("1004");
  left.leave_date = "12/06/2026";
  seen.students.add(left);
  const check_verdict v = find(judge(seen), "columns", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::warn);
  EXPECT_THAT(v.examples, ElementsAre("student_id 1004: leave_date '12/06/2026'"));
}

// Rules 2 to 4.
TEST(MappingVerdicts, AStudentOnTwoRowsFailsNamingTheIdAndTheRows) {
  mapping_observations seen;
  seen = clean_mapping();
  seen.students = {};
  for (const char *id : {"1001", "1004", "1004", "1004", "1005", "1006", "1006"}) {
    seen.students.add(student(id));
  }
  const mapping_report report = judge(seen);
  EXPECT_FALSE(report.ok);
  const check_verdict &v = find(report, "one_row_per_student", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_THAT(v.message, HasSubstr("2 keys on more than one row"));
  EXPECT_THAT(v.examples, ElementsAre("student_id 1004 (3 rows)", "student_id 1006 (2 rows)"));
}

TEST(MappingVerdicts, DuplicateExamplesStopAtFive) {
  mapping_observations seen = clean_mapping();
  seen.contacts = {};
  for (int id = 1; id <= 8; ++id) {
    seen.contacts.add(contact(std::to_string(id), "1"));
    seen.contacts.add(contact(std::to_string(id), "1"));
  }
  const check_verdict v = find(judge(seen), "one_row_per_contact", "ssrlink_contact");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_THAT(v.message, HasSubstr("8 keys"));
  ASSERT_EQ(v.examples.size(), 5U);
  EXPECT_EQ(v.examples[0], "student_id 1, contact_sequence 1 (2 rows)");
}

TEST(MappingVerdicts, ASchoolOnTwoRowsFails) {
  mapping_observations seen = clean_mapping();
  seen.schools.add({"1", "Lincoln again", ""});
  const check_verdict v = find(judge(seen), "one_row_per_school", "ssrlink_school");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_THAT(v.examples, ElementsAre("school_code '1' (2 rows)"));
}

// Rule 5.
TEST(MappingVerdicts, ARowNumberContactSequenceFails) {
  mapping_observations seen = clean_mapping();
  seen.contact_view.definition =
      "SELECT p.student_id, row_number() OVER (PARTITION BY p.student_id ORDER BY p.id) AS "
      "contact_sequence FROM people p";
  const mapping_report report = judge(seen);
  const check_verdict &v = find(report, "contact_sequence_stable", "ssrlink_contact");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_THAT(v.message, HasSubstr("ROW_NUMBER()"));
  EXPECT_EQ(find(report, "contact_sequence_stable", "ssrlink_portal_link").status,
            check_status::pass);
}

TEST(MappingVerdicts, NullOrNonPositiveSequencesFail) {
  mapping_observations seen = clean_mapping();
  seen.contacts.add(contact("1009", "0"));
  seen.links.add({"parent-1010", "1010", std::nullopt});
  const mapping_report report = judge(seen);
  EXPECT_THAT(find(report, "contact_sequence_stable", "ssrlink_contact").examples,
              ElementsAre("student_id 1009: contact_sequence '0'"));
  EXPECT_THAT(find(report, "contact_sequence_stable", "ssrlink_portal_link").examples,
              ElementsAre("student_id 1010: contact_sequence NULL"));
}

TEST(MappingVerdicts, LinksToMissingContactsWarn) {
  mapping_observations seen = clean_mapping();
  seen.links.add_orphan(std::string("1002"), std::string("3"));
  const check_verdict v = find(judge(seen), "contact_sequence_stable", "ssrlink_portal_link");
  EXPECT_EQ(v.status, check_status::warn);
  EXPECT_THAT(v.examples, ElementsAre("student_id 1002, contact_sequence 3"));
}

// Rule 6.
TEST(MappingVerdicts, AnSsidOfNineDigitsWarnsByStudentNeverShowingTheSsid) {
  mapping_observations seen = clean_mapping();
  seen.students.add(student("1007", "123456789"));
  seen.students.add(student("1008", ""));  // none assigned: fine
  const mapping_report report = judge(seen);
  EXPECT_TRUE(report.ok);
  const check_verdict &v = find(report, "ssid_format", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::warn);
  EXPECT_THAT(v.message, HasSubstr("1 row "));
  EXPECT_THAT(v.examples, ElementsAre("student_id 1007"));
  EXPECT_THAT(v.message + v.examples[0], Not(HasSubstr("123456789")));
}

// Rule 7.
TEST(MappingVerdicts, LanguagesThatAreNoCodesWarnWithDistinctValuesAndCounts) {
  mapping_observations seen = clean_mapping();
  for (const char *lang : {"Spanish", "es", "Spanish"}) {
    student_row s = student("1010");
    s.correspondence_language = lang;
    seen.students.add(s);
  }
  const check_verdict v = find(judge(seen), "language_codes", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::warn);
  EXPECT_THAT(v.message, HasSubstr("3 rows"));
  EXPECT_THAT(v.examples, ElementsAre("correspondence_language 'Spanish' (2 rows)",
                                      "correspondence_language 'es' (1 row)"));
}

// Rule 8.
TEST(MappingVerdicts, GradesOutsideTheRangeOrNullWarn) {
  mapping_observations seen = clean_mapping();
  student_row high = student("1011");
  high.grade = "13";
  student_row none = student("1012");
  none.grade = std::nullopt;
  seen.students.add(high);
  seen.students.add(none);
  const check_verdict v = find(judge(seen), "grade_values", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::warn);
  EXPECT_THAT(v.examples, ElementsAre("student_id 1011: grade 13", "student_id 1012: grade NULL"));
}

// Rule 9.
TEST(MappingVerdicts, OddFlagsFailWithCountsAndValuesButNoStudent) {
  mapping_observations seen = clean_mapping();
  for (const char *id : {"1013", "1014"}) {
    student_row s = student(id);
    s.do_not_release = "Y";
    seen.students.add(s);
  }
  const mapping_report report = judge(seen);
  EXPECT_FALSE(report.ok);
  const check_verdict &v = find(report, "flag_values", "ssrlink_student");
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_THAT(v.message, HasSubstr("do_not_release on 2 rows"));
  EXPECT_THAT(v.examples, ElementsAre("do_not_release 'Y' (2 rows)"));
  for (const std::string &text : {v.message, v.examples[0]}) {
    EXPECT_THAT(text, Not(HasSubstr("1013")));
    EXPECT_THAT(text, Not(HasSubstr("1014")));
  }
  EXPECT_EQ(find(report, "flag_values", "ssrlink_contact").status, check_status::pass);
}

// Escaping, everywhere database text reaches the report.
TEST(MappingVerdicts, HostileDatabaseTextIsEscapedAndClipped) {
  mapping_observations seen = clean_mapping();
  student_row s = student("1015");
  s.correspondence_language =
      std::string("\x1b[2J\n") + std::string(std::size_t{10} * 1024, 'x') + "\xff";
  seen.students.add(s);
  seen.contact_view.exists = false;
  seen.contact_view.problem = "bad\r\nline\xc0" + std::string(std::size_t{10} * 1024, 'y');
  const mapping_report report = judge(seen);
  const check_verdict &lang = find(report, "language_codes", "ssrlink_student");
  ASSERT_EQ(lang.examples.size(), 1U);
  EXPECT_LE(lang.examples[0].size(), 130U);
  EXPECT_THAT(lang.examples[0], HasSubstr("\\u001B[2J\\u000A"));
  const check_verdict &columns = find(report, "columns", "ssrlink_contact");
  EXPECT_LE(columns.message.size(), 610U);
  EXPECT_THAT(columns.message, HasSubstr("bad\\u000D\\u000Aline\\xC0"));
  for (const check_verdict &v : report.checks) {
    for (const std::string &text : v.examples) {
      EXPECT_EQ(text.find('\n'), std::string::npos);
      EXPECT_EQ(text.find('\x1b'), std::string::npos);
    }
    EXPECT_EQ(v.message.find('\n'), std::string::npos);
  }
}

// Rule 10.
TEST(MappingVerdicts, AFullScanFailsNamingTheTableAndWhatToIndex) {
  mapping_observations seen = clean_mapping();
  seen.statements[0].full_scans = {{"student_enrollment", "(e.student_id = 1001)"}};
  const mapping_report report = judge(seen);
  EXPECT_FALSE(report.ok);
  const statement_verdict &v = report.statements[0];
  EXPECT_EQ(v.status, check_status::fail);
  EXPECT_THAT(v.full_scans, ElementsAre("student_enrollment"));
  EXPECT_THAT(v.message, HasSubstr("page_facts"));
  EXPECT_THAT(v.message, HasSubstr("student_enrollment"));
  EXPECT_THAT(v.message, HasSubstr("contact_sequence, student_id"));
  EXPECT_THAT(v.message, HasSubstr("(e.student_id = 1001)"));
}

TEST(MappingVerdicts, SchoolTablesAndTheSweepsStudentListMayBeReadWhole) {
  mapping_observations seen = clean_mapping();
  seen.statements[0].full_scans = {{"scl", ""}};
  statement_observation ids = seen.statements[0];
  ids.name = "sweep_student_ids";
  ids.full_scans = {{"stu", ""}};
  seen.statements.push_back(ids);
  const mapping_report report = judge(seen);
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.statements[0].status, check_status::pass);
  EXPECT_THAT(report.statements[0].full_scans, ElementsAre("scl"));
  EXPECT_EQ(report.statements[1].status, check_status::pass);
  EXPECT_THAT(report.statements[1].message, HasSubstr("once per sweep"));
}

TEST(MappingVerdicts, AFailedExplainFailsAndAnotherDialectIsNotChecked) {
  mapping_observations seen = clean_mapping();
  seen.statements[0].explained = false;
  seen.statements[0].problem = "SQLSTATE 42703: column c.language does not exist";
  EXPECT_EQ(judge(seen).statements[0].status, check_status::fail);
  seen.plans_supported = false;
  seen.dialect = "sqlserver";
  const mapping_report report = judge(seen);
  EXPECT_EQ(report.statements[0].status, check_status::not_checked);
  EXPECT_THAT(report.statements[0].message, HasSubstr("sqlserver"));
}

}  // namespace
}  // namespace ssrlink::core
