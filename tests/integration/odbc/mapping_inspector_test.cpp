// check-mapping on both real databases: the ODBC inspector (adapters/odbc/mapping_check) and the
// core's rules (plugin/core/mapping_check) over the reference host, install.sql and the demo
// data, then over mappings spoiled the ways a DBA on another SIS spoils them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <type_traits>

#include "backends.hpp"
#include "core/mapping_check/mapping_check_service.hpp"
#include "odbc/mapping_check/odbc_mapping_inspector.hpp"
#include "odbc/odbc_ports.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

// ssrlink_student as install.sql maps it, with the pieces a test spoils given as arguments
// (`names`: the columns of schema version 6, which a view mapped before it lacks).
std::string student_view(
    const std::string &language = "s.CL",
    const std::string &do_not_release = "CASE WHEN s.DNR = 'Y' THEN 1 ELSE 0 END",
    const std::string &also = "",
    const std::string &names = ", s.FN AS first_name, s.LN AS last_name") {
  const std::string select =
      "SELECT s.ID AS student_id, CAST(s.SC AS VARCHAR(10)) AS school_code, "
      "COALESCE(s.CID, '') AS ssid, " +
      language + " AS correspondence_language, s.GR AS grade, " + do_not_release +
      " AS do_not_release, CASE WHEN s.HCI = 'Y' THEN 1 ELSE 0 END AS "
      "hide_contact, s.TG AS tag, s.LD AS leave_date, COALESCE(s.PU, '') "
      "AS portal_user" +
      names + " FROM STU s WHERE COALESCE(s.DEL, '') <> 'Y'";
  return "CREATE VIEW ssrlink_student AS " + select +
         (also.empty() ? "" : " UNION ALL " + select + " AND " + also);
}

std::string contact_view(const std::string &sequence, const std::string &table) {
  return "CREATE VIEW ssrlink_contact AS SELECT c.PID AS student_id, " + sequence +
         " AS contact_sequence, c.EM AS email, CASE WHEN c.ED = 'Y' THEN 1 ELSE 0 END AS "
         "educational_rights, c.CL AS language, CASE WHEN c.HCI = 'Y' THEN 1 ELSE 0 END AS "
         "hide_contact FROM " +
         table + " c WHERE COALESCE(c.DEL, '') <> 'Y'";
}

template <class Backend>
class mapping_inspector_test : public ::testing::Test {
 protected:
  void SetUp() override {
    // One connection, so the test sees the very connection the inspector used.
    ports_ = make_odbc_ports(Backend::fresh_database(), 1, log_);
    inspector_ = make_mapping_inspector(ports_.pool);
  }

  void exec(const std::string &sql) {
    ports_.pool->run({"prepare the test", {}}, [&](connection &c) {
      statement s(c, sql);
      s.execute(std::vector<parameter>{});
    });
  }

  boost::json::object check(const std::string &request = "{}") {
    core::mapping_check_service service(*inspector_);
    const core::call_result result = service.check(request);
    EXPECT_EQ(result.code, core::status::ok);
    last_json_ = result.json;
    return boost::json::parse(result.json).as_object();
  }

  static const boost::json::object &find(const boost::json::object &report, std::string_view check,
                                         std::string_view view) {
    for (const boost::json::value &v : report.at("checks").as_array()) {
      const boost::json::object &o = v.as_object();
      if (o.at("check").as_string() == check && o.at("view").as_string() == view) {
        return o;
      }
    }
    throw std::logic_error("no check " + std::string(check));
  }

  static const boost::json::object &statement_named(const boost::json::object &report,
                                                    std::string_view name) {
    for (const boost::json::value &v : report.at("statements").as_array()) {
      if (v.as_object().at("name").as_string() == name) {
        return v.as_object();
      }
    }
    throw std::logic_error("no statement " + std::string(name));
  }

  static std::vector<std::string> strings(const boost::json::value &array) {
    std::vector<std::string> out;
    for (const boost::json::value &v : array.as_array()) {
      out.emplace_back(v.as_string());
    }
    return out;
  }

  static constexpr bool postgres = std::is_same_v<Backend, postgres_backend>;
  recording_logger log_;
  odbc_ports ports_;
  std::unique_ptr<core::mapping_inspector> inspector_;
  std::string last_json_;
};

TYPED_TEST_SUITE(mapping_inspector_test, backends, backend_names);

TYPED_TEST(mapping_inspector_test, the_reference_mapping_passes_every_check) {
  const boost::json::object report = this->check();
  EXPECT_EQ(report.at("dialect"), TypeParam::name);
  for (const boost::json::value &v : report.at("checks").as_array()) {
    EXPECT_EQ(v.at("status"), "pass") << boost::json::serialize(v);
  }
  ASSERT_FALSE(report.at("statements").as_array().empty());
  for (const boost::json::value &v : report.at("statements").as_array()) {
    EXPECT_EQ(v.at("status"), "pass") << boost::json::serialize(v);
    EXPECT_FALSE(v.at("plan").as_array().empty()) << v.at("name");
  }
  EXPECT_EQ(report.at("ok"), true) << this->last_json_;
  // The sweep's list of students reads the student table whole, and says why that is fine.
  const boost::json::object &ids = this->statement_named(report, "sweep_student_ids");
  EXPECT_THAT(this->strings(ids.at("full_scans")), Contains(::testing::StrCaseEq("stu")));
  EXPECT_THAT(std::string(ids.at("message").as_string()), HasSubstr("once per sweep"));
  // The demo district's 33 students were all read.
  EXPECT_THAT(
      std::string(this->find(report, "columns", "ssrlink_student").at("message").as_string()),
      HasSubstr("33 rows"));
}

TYPED_TEST(mapping_inspector_test, the_pooled_connection_is_left_as_it_was) {
  this->check(R"({"student_id": 1003})");
  if constexpr (TestFixture::postgres) {
    std::string seqscan;
    this->ports_.pool->run({"read a setting", {}}, [&](connection &c) {
      statement s(c, "SHOW enable_seqscan");
      s.execute(std::vector<parameter>{});
      ASSERT_TRUE(s.fetch());
      seqscan = s.text(1).value_or("");
    });
    EXPECT_EQ(seqscan, "on");
  }
  // Autocommit is back on: a write outside any transaction stays written.
  this->exec("UPDATE STU SET TG = 'Z' WHERE ID = 1001");
  EXPECT_EQ(scalar(*this->ports_.pool, "SELECT COUNT(*) FROM STU WHERE TG = 'Z'"), 1);
}

TYPED_TEST(mapping_inspector_test, many_rows_stream_through_in_batches) {
  // More than one PostgreSQL FETCH (1000 rows) worth of students, with a duplicate at the end.
  this->exec(
      "INSERT INTO STU (ID, SC, GR, CID, CL) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i "
      "+ 1 FROM n WHERE i < 2500) SELECT 100000 + i, 1, 3, '', '00' FROM n");
  this->exec("DROP VIEW ssrlink_student");
  this->exec(student_view("s.CL", "CASE WHEN s.DNR = 'Y' THEN 1 ELSE 0 END", "s.ID = 102500"));
  const boost::json::object report = this->check();
  EXPECT_THAT(
      std::string(this->find(report, "columns", "ssrlink_student").at("message").as_string()),
      HasSubstr("2534 rows"));
  EXPECT_EQ(
      this->strings(this->find(report, "one_row_per_student", "ssrlink_student").at("examples")),
      std::vector<std::string>{"student_id 102500 (2 rows)"});
}

TYPED_TEST(mapping_inspector_test, a_student_on_two_rows_is_named) {
  this->exec("DROP VIEW ssrlink_student");
  this->exec(student_view("s.CL", "CASE WHEN s.DNR = 'Y' THEN 1 ELSE 0 END", "s.ID = 1004"));
  const boost::json::object report = this->check();
  EXPECT_EQ(report.at("ok"), false);
  const boost::json::object &v = this->find(report, "one_row_per_student", "ssrlink_student");
  EXPECT_EQ(v.at("status"), "fail");
  EXPECT_EQ(this->strings(v.at("examples")), std::vector<std::string>{"student_id 1004 (2 rows)"});
}

TYPED_TEST(mapping_inspector_test, a_missing_column_is_named_with_the_database_sentence) {
  this->exec("DROP VIEW ssrlink_student");
  std::string view = student_view();
  view.replace(view.find(", COALESCE(s.PU, '') AS portal_user"),
               std::string(", COALESCE(s.PU, '') AS portal_user").size(), "");
  this->exec(view);
  const boost::json::object report = this->check();
  const boost::json::object &v = this->find(report, "columns", "ssrlink_student");
  EXPECT_EQ(v.at("status"), "fail");
  EXPECT_THAT(std::string(v.at("message").as_string()), HasSubstr("no column portal_user"));
  ASSERT_EQ(v.at("examples").as_array().size(), 1U);
  EXPECT_THAT(std::string(v.at("examples").as_array()[0].as_string()), HasSubstr("portal_user"));
  // The statement that reads it cannot be EXPLAINed either, and says so.
  EXPECT_EQ(this->statement_named(report, "page_student_binding").at("status"), "fail");
}

TYPED_TEST(mapping_inspector_test, a_view_mapped_before_the_names_says_what_needs_them) {
  this->exec("DROP VIEW ssrlink_student");
  this->exec(student_view("s.CL", "CASE WHEN s.DNR = 'Y' THEN 1 ELSE 0 END", "", ""));
  const boost::json::object report = this->check();
  EXPECT_EQ(report.at("ok"), false);
  const boost::json::object &v = this->find(report, "columns", "ssrlink_student");
  EXPECT_EQ(v.at("status"), "fail");
  EXPECT_EQ(std::string(v.at("message").as_string()),
            std::string("The view ssrlink_student has no column first_name, last_name: only the "
                        "Manager (the staff list with names) and the family page (a parent's "
                        "students) read them; pages for one student and sweeps work without "
                        "them. Run sql/") +
                TypeParam::name +
                "/migrations/0006_student_names.sql (it adds them to the reference view), or "
                "add them to your mapping (docs/dba-guide.md, section 4).");
  // The database's own sentence for each, as for any missing column.
  const std::vector<std::string> examples = this->strings(v.at("examples"));
  ASSERT_EQ(examples.size(), 2U);
  EXPECT_THAT(examples[0], HasSubstr("first_name: "));
  EXPECT_THAT(examples[1], HasSubstr("last_name: "));
  // Everything else about the view still checks out: it was read and judged.
  for (const boost::json::value &check : report.at("checks").as_array()) {
    if (check.at("check") != "columns") {
      EXPECT_EQ(check.at("status"), "pass") << boost::json::serialize(check);
    }
  }
  // The pages' and the sweep's statements pass; the family page's alone cannot be EXPLAINed.
  for (const boost::json::value &statement : report.at("statements").as_array()) {
    const bool family = statement.at("name") == "family_students";
    EXPECT_EQ(statement.at("status"), family ? "fail" : "pass")
        << boost::json::serialize(statement);
  }
  EXPECT_THAT(
      std::string(this->statement_named(report, "family_students").at("message").as_string()),
      HasSubstr("first_name"));
}

TYPED_TEST(mapping_inspector_test, a_row_number_contact_sequence_fails) {
  this->exec("DROP VIEW ssrlink_contact");
  this->exec(contact_view("ROW_NUMBER() OVER (PARTITION BY c.PID ORDER BY c.SQ)", "CON"));
  const boost::json::object report = this->check();
  const boost::json::object &v = this->find(report, "contact_sequence_stable", "ssrlink_contact");
  EXPECT_EQ(v.at("status"), "fail");
  EXPECT_THAT(std::string(v.at("message").as_string()), HasSubstr("ROW_NUMBER()"));
  EXPECT_EQ(report.at("ok"), false);
}

TYPED_TEST(mapping_inspector_test, odd_ssids_languages_and_flags_are_reported) {
  this->exec("UPDATE STU SET CID = '123456789' WHERE ID = 1007");
  this->exec("DROP VIEW ssrlink_student");
  this->exec(student_view("CASE WHEN s.ID IN (1010, 1018) THEN 'Spanish' ELSE s.CL END",
                          "CASE WHEN s.DNR = 'Y' THEN 'Y' ELSE '0' END"));
  const boost::json::object report = this->check();
  const boost::json::object &ssid = this->find(report, "ssid_format", "ssrlink_student");
  EXPECT_EQ(ssid.at("status"), "warn");
  EXPECT_EQ(this->strings(ssid.at("examples")), std::vector<std::string>{"student_id 1007"});
  EXPECT_THAT(this->last_json_, Not(HasSubstr("123456789")));  // the SSID itself never shows

  const boost::json::object &language = this->find(report, "language_codes", "ssrlink_student");
  EXPECT_EQ(language.at("status"), "warn");
  EXPECT_EQ(this->strings(language.at("examples")),
            std::vector<std::string>{"correspondence_language 'Spanish' (2 rows)"});

  const boost::json::object &flags = this->find(report, "flag_values", "ssrlink_student");
  EXPECT_EQ(flags.at("status"), "fail");
  EXPECT_EQ(this->strings(flags.at("examples")),
            std::vector<std::string>{"do_not_release 'Y' (2 rows)"});  // 1004 and 1017
  const std::string flag_text = boost::json::serialize(flags);
  EXPECT_THAT(flag_text, Not(HasSubstr("1004")));
  EXPECT_THAT(flag_text, Not(HasSubstr("1017")));
  EXPECT_EQ(report.at("ok"), false);
}

TYPED_TEST(mapping_inspector_test, a_table_without_an_index_fails_the_statements_that_read_it) {
  this->exec("CREATE TABLE guardians AS SELECT * FROM CON");
  this->exec("DROP VIEW ssrlink_contact");
  this->exec(contact_view("c.SQ", "guardians"));
  const boost::json::object report = this->check();
  for (const char *name : {"page_facts", "sweep_contacts"}) {
    const boost::json::object &v = this->statement_named(report, name);
    EXPECT_EQ(v.at("status"), "fail") << boost::json::serialize(v);
    EXPECT_THAT(this->strings(v.at("full_scans")), Contains("guardians")) << name;
    // CON still has its key (ssrlink_portal_link reads it under the same alias c).
    EXPECT_THAT(this->strings(v.at("full_scans")), Not(Contains(::testing::StrCaseEq("con"))));
    const std::string message(v.at("message").as_string());
    EXPECT_THAT(message, HasSubstr(name));
    EXPECT_THAT(message, HasSubstr("guardians"));
    EXPECT_THAT(message, HasSubstr("student_id"));
  }
  EXPECT_EQ(this->statement_named(report, "page_staff_binding").at("status"), "pass");
  EXPECT_EQ(report.at("ok"), false);
}

TYPED_TEST(mapping_inspector_test, a_dropped_index_of_the_reference_host_is_found) {
  if constexpr (TestFixture::postgres) {
    this->exec("ALTER TABLE CON DROP CONSTRAINT con_pkey");
  } else {
    // SQLite cannot drop a primary key: rebuild CON without one.
    this->exec("DROP VIEW ssrlink_contact");
    this->exec("DROP VIEW ssrlink_portal_link");
    this->exec("ALTER TABLE CON RENAME TO CON_OLD");
    this->exec("CREATE TABLE CON AS SELECT * FROM CON_OLD");
    this->exec(contact_view("c.SQ", "CON"));
    this->exec(
        "CREATE VIEW ssrlink_portal_link AS SELECT c.PU AS user_id, c.PID AS student_id, "
        "c.SQ AS contact_sequence FROM CON c WHERE COALESCE(c.PU, '') <> '' AND "
        "COALESCE(c.DEL, '') <> 'Y'");
  }
  const boost::json::object report = this->check();
  const boost::json::object &v = this->statement_named(report, "sweep_contacts");
  EXPECT_EQ(v.at("status"), "fail") << boost::json::serialize(v);
  EXPECT_THAT(this->strings(v.at("full_scans")), Contains(::testing::StrCaseEq("con")));
}

}  // namespace
}  // namespace ssrlink::odbc::testing
