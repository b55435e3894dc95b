// Worked example 2 of docs/dba-guide.md, "people and enrollments": ssrlink over a foreign SIS
// schema (sql/examples/people-and-enrollments/), on the SQLite ODBC driver and on a real
// PostgreSQL, through the C ABI, in a database that never had the reference tables STU, CON and
// SCL. The views pick one enrollment per student out of several school years; parents are bound
// by the host's user accounts, staff by the school of the latest year; a dry-run sweep counts
// each student once; check-mapping passes, and names a duplicate student and a missing index.
//
// What a dry-run sweep of the whole district must report, from host-data.sql (each student with
// an SSID has one Final report of this school year at fake-ets):
//   students_checked 9    nine students, though 13 enrollment rows
//   no_ssid          1    1005
//   new_reports      8    one per student with an SSID
//   notices_queued   7    1001: 501 and 502 (503 has no custody); 1002, 1003, 1004 (Do Not
//                         Release: still told, to contact the school), 1008 (withdrawn, Hide
//                         Contact Information: the same) one each; 1006: 508 and 509 share one
//                         mailbox, one notice; 1007: no contact with custody, none; 1009: none
//   no_email         1    1009's parent 512 holds custody but has no email
// School 1 (this year 1001, 1003, 1004, 1009): 4 checked, 4 notices; school 2 (1002, which
// moved there, 1005, 1008): 3 checked, 2 notices; school 3 (1006, 1007): 2 checked, 1 notice.
// A planted second enrollment of 1003 in the latest year: 8 checked, 1 duplicate_students, 6
// notices, 7 new reports.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <map>
#include <memory>
#include <string>

#include "example_district.hpp"
#include "odbc/view_statements.hpp"

namespace ssrlink::e2e::mapping {
namespace {

constexpr const char *example = "people-and-enrollments";

std::string viewer(const std::string &role, const std::string &user_id,
                   const std::string &extra = "") {
  return R"({"role": ")" + role + R"(", "user_id": ")" + user_id + R"(", "permitted": true)" +
         extra + "}";
}

std::string parent(const std::string &account) {
  return viewer("parent", account);
}

// School-level staff with `codes` (a JSON array).
std::string school_staff(const std::string &codes) {
  return viewer("staff", "school-clerk", R"(, "school_codes": )" + codes);
}

std::string teacher(const std::string &codes) {
  return viewer("teacher", "a-teacher", R"(, "school_codes": )" + codes);
}

std::int64_t number(const answer &a, const char *key) {
  const auto *value = a.json.if_contains(key);
  return value != nullptr && value->is_number() ? value->to_number<std::int64_t>() : -1;
}

struct sweep_counts {
  std::int64_t checked, no_ssid, new_reports, notices, no_email, duplicates;
};

void expect_sweep(const answer &a, const sweep_counts &expected) {
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(number(a, "students_checked"), expected.checked) << a.text;
  EXPECT_EQ(number(a, "no_ssid"), expected.no_ssid) << a.text;
  EXPECT_EQ(number(a, "new_reports"), expected.new_reports) << a.text;
  EXPECT_EQ(number(a, "notices_queued"), expected.notices) << a.text;
  EXPECT_EQ(number(a, "no_email"), expected.no_email) << a.text;
  EXPECT_EQ(number(a, "duplicate_students"), expected.duplicates) << a.text;
  EXPECT_TRUE(a.json.at("errors").as_object().empty()) << a.text;
}

answer dry_run(const district &d, const std::string &scope) {
  return d.call(ssrlink_sweep, with_actor(R"("scope": ")" + scope + R"(", "dry_run": true)"));
}

// The checks and statements of a check-mapping report that did not pass, for failure messages.
std::string not_passed(const answer &a) {
  std::string out;
  for (const char *list : {"checks", "statements"}) {
    const auto *items = a.json.if_contains(list);
    if (items == nullptr || !items->is_array()) {
      out += std::string("no \"") + list + "\"; ";
      continue;
    }
    for (const auto &item : items->as_array()) {
      if (item.at("status").as_string() == "fail") {
        out += boost::json::serialize(item) + "\n";
      }
    }
  }
  return out;
}

// The item of `list` ("checks" or "statements") whose `key` is `name` (and view, when given).
const boost::json::object *find_item(const answer &a, const char *list, const char *key,
                                     const std::string &name, const std::string &view = "") {
  const auto *items = a.json.if_contains(list);
  if (items == nullptr || !items->is_array()) {
    return nullptr;
  }
  for (const auto &item : items->as_array()) {
    const auto &object = item.as_object();
    if (object.at(key).as_string() == name &&
        (view.empty() || object.at("view").as_string() == view)) {
      return &object;
    }
  }
  return nullptr;
}

class PeopleAndEnrollments : public ::testing::TestWithParam<backend> {
 protected:
  // The district loaded install.sql first, shared by the tests that leave its data alone.
  static district &d() {
    auto &made = shared_[GetParam()];
    if (!made) {
      made = std::make_unique<district>(GetParam(), "people_" + backend_name(GetParam()),
                                        install_first(example));
    }
    return *made;
  }
  // A district of the test's own, for a test that changes the data or the schema.
  static std::unique_ptr<district> own(const std::string &name) {
    return std::make_unique<district>(GetParam(), name + "_" + backend_name(GetParam()),
                                      install_first(example));
  }
  static void TearDownTestSuite() { shared_.clear(); }

 private:
  static std::map<backend, std::unique_ptr<district>> shared_;
};

std::map<backend, std::unique_ptr<district>> PeopleAndEnrollments::shared_;

TEST_P(PeopleAndEnrollments, TheViewsGiveOneRowPerStudentOutOfThirteenEnrollments) {
  EXPECT_EQ(d().count("student_enrollment"), 13);
  EXPECT_EQ(d().count("ssrlink_student"), 9);
  // The latest year's school and grade; TK -1, KG 0, PK and UG NULL; a withdrawal's date.
  EXPECT_EQ(
      d().rows("SELECT student_id, school_code, grade, CAST(leave_date AS VARCHAR(10)) "
               "FROM ssrlink_student ORDER BY student_id"),
      (std::vector<std::string>{"1001|1|1|NULL", "1002|2|6|NULL", "1003|1|-1|NULL", "1004|1|4|NULL",
                                "1005|2|7|NULL", "1006|3|12|NULL", "1007|3|NULL|NULL",
                                "1008|2|8|2026-10-15", "1009|1|NULL|NULL"}));
  // The names (schema version 6), from the students table.
  EXPECT_EQ(d().rows("SELECT student_id, first_name, last_name FROM ssrlink_student "
                     "WHERE student_id IN (1001, 1002, 1009) ORDER BY student_id"),
            (std::vector<std::string>{"1001|Ana|Alvarez", "1002|Ben|Brooks", "1009|Ivy|Ito"}));
  // Custom fields by their field table: SSID, flags, the home language as a CALPADS code.
  EXPECT_EQ(d().rows("SELECT ssid, correspondence_language, do_not_release, hide_contact "
                     "FROM ssrlink_student WHERE student_id IN (1001, 1004, 1005, 1008) "
                     "ORDER BY student_id"),
            (std::vector<std::string>{"3000000001|01|0|0", "3000000004|00|1|0", "|00|0|0",
                                      "3000000008|00|0|1"}));
  // Contacts numbered by the host's person_id; email from the key-value table; rights from
  // custody; the student's language.
  EXPECT_EQ(d().rows("SELECT contact_sequence, email, educational_rights, language "
                     "FROM ssrlink_contact WHERE student_id = 1001 ORDER BY contact_sequence"),
            (std::vector<std::string>{"501|maria.alvarez@example.org|1|01",
                                      "502|jose.alvarez@example.org|1|01",
                                      "503|rosa.alvarez@example.org|0|01"}));
  EXPECT_EQ(d().rows("SELECT email FROM ssrlink_contact WHERE student_id = 1009"),
            std::vector<std::string>{""});
  // This year's parent accounts only (maria.alvarez has a row for each year: one link).
  EXPECT_EQ(d().rows("SELECT user_id, student_id, contact_sequence FROM ssrlink_portal_link "
                     "ORDER BY user_id"),
            (std::vector<std::string>{"beth.brooks|1002|504", "lucia.diaz|1004|506",
                                      "maria.alvarez|1001|501", "rosa.alvarez|1001|503"}));
  // Each school once, by its latest year's row (school 1 was renamed).
  EXPECT_EQ(d().rows("SELECT school_code, name FROM ssrlink_school ORDER BY school_code"),
            (std::vector<std::string>{"1|Lincoln Elementary", "2|Washington Middle",
                                      "3|Roosevelt High"}));
}

TEST_P(PeopleAndEnrollments, ALinkedParentSeesTheReports) {
  expect_reports(d().page(1001, parent("maria.alvarez")));
  expect_reports(d().page(1002, parent("beth.brooks")));
}

TEST_P(PeopleAndEnrollments, AParentOfAnotherFamilyIsRefused) {
  expect_not_permitted(d().page(1001, parent("beth.brooks")));
  expect_not_permitted(d().page(1002, parent("maria.alvarez")));
  // An account of the family whose person holds no custody: the same sentence.
  expect_not_permitted(d().page(1001, parent("rosa.alvarez")));
  // A login the host has no account for.
  expect_not_permitted(d().page(1001, parent("nobody")));
}

TEST_P(PeopleAndEnrollments, ADoNotReleaseStudentIsRefusedToItsParent) {
  const answer a = d().page(1004, parent("lucia.diaz"));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("outcome").as_string(), "denied") << a.text;
  EXPECT_TRUE(a.json.at("reports").as_array().empty()) << a.text;
  EXPECT_EQ(a.text.find("https://"), std::string::npos) << a.text;
  // Entitled but flagged: the ask-the-school sentence, not the one for strangers.
  EXPECT_NE(a.json.at("message").as_string(), not_permitted_sentence) << a.text;
}

TEST_P(PeopleAndEnrollments, StaffSeeAStudentAtTheSchoolOfTheLatestYear) {
  // 1002 was at school 1 last year and is at school 2 this year.
  expect_reports(d().page(1002, school_staff(R"(["2"])")));
  expect_reports(d().page(1002, teacher(R"(["2"])")));
  expect_not_permitted(d().page(1002, school_staff(R"(["1"])")));
  expect_not_permitted(d().page(1002, teacher(R"(["1"])")));
}

TEST_P(PeopleAndEnrollments, ADryRunSweepChecksEachStudentOnce) {
  expect_sweep(dry_run(d(), "district"), {9, 1, 8, 7, 1, 0});
  EXPECT_EQ(d().count("ssrlink_outbox"), 0);  // a dry run writes nothing
  EXPECT_EQ(d().count("ssrlink_report_log"), 0);
}

TEST_P(PeopleAndEnrollments, ASchoolDryRunCountsOnlyItsCurrentStudents) {
  expect_sweep(dry_run(d(), "1"), {4, 0, 4, 4, 1, 0});
  expect_sweep(dry_run(d(), "2"), {3, 1, 2, 2, 0, 0});
  expect_sweep(dry_run(d(), "3"), {2, 0, 2, 1, 0, 0});
}

TEST_P(PeopleAndEnrollments, TheMappingChecksOut) {
  const answer a = d().call(ssrlink_check_mapping, with_actor());
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("dialect").as_string(), backend_name(GetParam())) << a.text;
  EXPECT_TRUE(a.json.at("ok").as_bool()) << not_passed(a);
  EXPECT_EQ(not_passed(a), "");
  // Every statement the plugin runs was EXPLAINed, in the order of odbc::view_statements, and
  // all pass: none reads a host table whole but those that list every student of the district
  // or a school, and the sweep's join to the few rows of schools (check-mapping allows both).
  const auto &statements = a.json.at("statements").as_array();
  ASSERT_EQ(statements.size(), odbc::view_statements.size()) << a.text;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    SCOPED_TRACE(boost::json::serialize(statements[i]));
    const std::string name(odbc::view_statements[i].name);
    EXPECT_EQ(statements[i].at("name").as_string(), name);
    EXPECT_EQ(statements[i].at("status").as_string(), "pass");
    if (name.find("student_ids") == std::string::npos) {
      for (const auto &table : statements[i].at("full_scans").as_array()) {
        EXPECT_EQ(table.as_string(), "schools");
      }
    }
  }
}

TEST_P(PeopleAndEnrollments, MappedBeforeInstallTheViewsSurviveInstall) {
  load_plan plan = install_first(example);
  plan.scripts = {"host-tables", "host-data", "mapping", "install", "indexes"};
  const district mapped_first(GetParam(), "mapped_first_" + backend_name(GetParam()), plan);
  mapped_first.run_script(example, "install");  // and a rerun of install.sql
  EXPECT_EQ(mapped_first.count("ssrlink_student"), 9);
  EXPECT_EQ(mapped_first.count("ssrlink_portal_link"), 4);
  expect_reports(mapped_first.page(1001, parent("maria.alvarez")));
  expect_not_permitted(mapped_first.page(1001, parent("beth.brooks")));
  expect_sweep(dry_run(mapped_first, "district"), {9, 1, 8, 7, 1, 0});
}

TEST_P(PeopleAndEnrollments, ADuplicateStudentIsNamedNotGuessed) {
  const auto dup = own("duplicate");
  // A second enrollment of 1003 in the latest year, at another school: two ssrlink_student rows.
  dup->execute(
      "INSERT INTO student_enrollment (id, syear, school_id, student_id, grade_id, start_date, "
      "end_date, drop_code) VALUES (14, 2026, 2, 1003, 9, '2026-09-01', NULL, NULL)");
  ASSERT_EQ(dup->count("ssrlink_student WHERE student_id = 1003"), 2);

  // The page does not pick one of the two schools' rows: it fails, naming the view and the ID.
  for (const std::string &who :
       {school_staff(R"(["1"])"), school_staff(R"(["2"])"), viewer("admin", "admin-1")}) {
    SCOPED_TRACE(who);
    const answer page = dup->page(1003, who);
    EXPECT_EQ(page.status, SSRLINK_DATABASE) << page.text;
    EXPECT_NE(page.error().find("ssrlink_student"), std::string::npos) << page.text;
    EXPECT_NE(page.error().find("1003"), std::string::npos) << page.text;
    EXPECT_EQ(page.text.find("https://"), std::string::npos) << page.text;
  }
  // Other students are unaffected.
  expect_reports(dup->page(1001, parent("maria.alvarez")));

  // The sweep skips 1003 and counts it; its parent 505 gets no notice.
  expect_sweep(dry_run(*dup, "district"), {8, 1, 7, 6, 1, 1});

  const answer check = dup->call(ssrlink_check_mapping, with_actor());
  ASSERT_EQ(check.status, SSRLINK_OK) << check.text;
  EXPECT_FALSE(check.json.at("ok").as_bool()) << check.text;
  const boost::json::object *rows =
      find_item(check, "checks", "check", "one_row_per_student", "ssrlink_student");
  ASSERT_NE(rows, nullptr) << check.text;
  EXPECT_EQ(rows->at("status").as_string(), "fail") << check.text;
  EXPECT_NE(boost::json::serialize(*rows).find("1003"), std::string::npos) << check.text;
}

TEST_P(PeopleAndEnrollments, WithoutTheEnrollmentIndexCheckMappingNamesTheFullScan) {
  const auto unindexed = own("unindexed");
  unindexed->execute("DROP INDEX ssrlink_ix_enrollment_student");
  const answer check = unindexed->call(ssrlink_check_mapping, with_actor());
  ASSERT_EQ(check.status, SSRLINK_OK) << check.text;
  EXPECT_FALSE(check.json.at("ok").as_bool()) << check.text;
  // A page reads one student: without the index it reads every enrollment.
  for (const char *name : {"page_staff_binding", "page_parent_binding", "page_facts"}) {
    SCOPED_TRACE(name);
    const boost::json::object *statement = find_item(check, "statements", "name", name);
    ASSERT_NE(statement, nullptr) << check.text;
    EXPECT_EQ(statement->at("status").as_string(), "fail") << boost::json::serialize(*statement);
    bool named = false;
    for (const auto &table : statement->at("full_scans").as_array()) {
      named = named || table.as_string() == "student_enrollment";
    }
    EXPECT_TRUE(named) << boost::json::serialize(*statement);
    EXPECT_NE(statement->at("message").as_string().find("student_enrollment"), std::string::npos)
        << boost::json::serialize(*statement);
  }
}

// SQLite: the parent's reads find an account's links from its staff row (SQLite applies the
// account inside ssrlink_portal_link before building it), so without indexes.sql's index on
// students_join_users (staff_id) the family page and a parent's page both read every link of the
// district, and check-mapping says so. (PostgreSQL's planner reaches the links another way here,
// through the host's keys.)
TEST(PeopleAndEnrollmentsOnSqlite, WithoutTheAccountIndexTheParentsReadsAreNamedAsFullScans) {
  const district unindexed(backend::sqlite, "no_account_index_sqlite", install_first(example));
  unindexed.execute("DROP INDEX ssrlink_ix_users_staff");
  const answer check = unindexed.call(ssrlink_check_mapping, with_actor());
  ASSERT_EQ(check.status, SSRLINK_OK) << check.text;
  EXPECT_FALSE(check.json.at("ok").as_bool()) << check.text;
  for (const char *name : {"family_students", "page_parent_binding"}) {
    SCOPED_TRACE(name);
    const boost::json::object *statement = find_item(check, "statements", "name", name);
    ASSERT_NE(statement, nullptr) << check.text;
    EXPECT_EQ(statement->at("status").as_string(), "fail") << boost::json::serialize(*statement);
    bool named = false;
    for (const auto &table : statement->at("full_scans").as_array()) {
      named = named || table.as_string() == "students_join_users";
    }
    EXPECT_TRUE(named) << boost::json::serialize(*statement);
  }
  // A staff page starts from the student and does not need it.
  const boost::json::object *staff = find_item(check, "statements", "name", "page_staff_binding");
  ASSERT_NE(staff, nullptr) << check.text;
  EXPECT_EQ(staff->at("status").as_string(), "pass") << boost::json::serialize(*staff);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleAndEnrollments,
                         ::testing::Values(backend::sqlite, backend::postgresql),
                         [](const ::testing::TestParamInfo<backend> &instance) {
                           return backend_name(instance.param);
                         });

}  // namespace
}  // namespace ssrlink::e2e::mapping
