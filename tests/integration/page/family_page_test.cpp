// The family page through the C ABI on the reference tables (SQLite ODBC driver and a real
// PostgreSQL), with fake-ets over TLS: a parent-portal account without student_id gets one
// section per child ssrlink_portal_link ties it to, each under its own page's rules, and one
// audit row per child. The district is binding_district.hpp's families plus this file's rows:
//   fam-x  students 1 (Xia), 4 (Dana, Do Not Release; fam-x is its contact 2 here) and 6 (Sam)
//   gran-x student 1 only, as a contact without educational rights
//   gone-x student 1's deleted contact: no child
//   fam-q  students 7 (a first name full of HTML) and 8 (no first name): this file's own
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>
#include <vector>

#include "binding_district.hpp"
#include "html_search.hpp"

namespace ssrlink::e2e::binding {
namespace {

constexpr const char *ask_the_school = "Please ask the school for a copy.";

// This file's rows, on top of the families every binding district has: one statement each (the
// SQLite ODBC driver runs one statement per call).
const char *const family_rows_sql[] = {
    "INSERT INTO CON (PID, SQ, LN, FN, EM, ED, HCI, DEL, PU) VALUES "
    "(4, 2, 'Xavier', 'Mia', 'mia@example.org', 'Y', '', '', 'fam-x')",
    "INSERT INTO STU (ID, SC, SN, LN, FN, GR, CID, DNR, HCI, PU) VALUES "
    "(7, 1, 7, 'Quill', '<script>alert(\"q\")</script>', 5, '2000000002', '', '', ''), "
    "(8, 1, 8, 'Quill', '', 5, '2000000003', '', '', '')",
    "INSERT INTO CON (PID, SQ, LN, FN, EM, ED, HCI, DEL, PU) VALUES "
    "(7, 1, 'Quill', 'Quinn', 'quinn@example.org', 'Y', '', '', 'fam-q'), "
    "(8, 1, 'Quill', 'Quinn', 'quinn@example.org', 'Y', '', '', 'fam-q')",
};

std::string parent(const std::string &account, bool permitted = true) {
  return R"({"role": "parent", "user_id": ")" + account + R"(", "permitted": )" +
         (permitted ? "true" : "false") + "}";
}

using ssrlink::testing::contains;
using ssrlink::testing::count;

class FamilyPage : public ::testing::TestWithParam<backend> {
 protected:
  // A district of this file's own per backend, so its extra rows touch no other test.
  static district &d() {
    return own_district(GetParam(), "family_" + backend_name(GetParam()), [](district &made) {
      for (const char *statement : family_rows_sql) {
        made.execute(statement);
      }
    });
  }

  static answer family(const std::string &viewer_json, const std::string &extra = "") {
    return d().call(ssrlink_reports, R"({"viewer": )" + viewer_json + extra + "}");
  }

  static std::int64_t last_audit_id() {
    const auto found = d().rows("SELECT COALESCE(MAX(id), 0) FROM ssrlink_audit");
    return found.size() == 1 ? std::stoll(found[0]) : -1;
  }

  // The rows written after `since`: student_id|outcome|reason|contact_sequence (-1 for NULL),
  // by student.
  static std::vector<std::string> audit_rows_after(std::int64_t since, const std::string &user) {
    return d().rows(
        "SELECT student_id, outcome, reason, COALESCE(contact_sequence, -1) FROM ssrlink_audit "
        "WHERE id > " +
        std::to_string(since) + " AND action = 'reports' AND user_id = '" + user +
        "' ORDER BY student_id");
  }

  static const boost::json::object &student(const answer &a, std::size_t i) {
    return a.json.at("students").as_array().at(i).as_object();
  }

  // The i-th (0-based) child's section of the page's HTML.
  static std::string section(const answer &a, std::size_t i) {
    const std::string html(a.json.at("html").as_string());
    std::size_t at = 0;
    for (std::size_t n = 0; n <= i; ++n) {
      at = html.find("<section class=\"ssrlink-student\"", n == 0 ? 0 : at + 1);
      if (at == std::string::npos) {
        return {};
      }
    }
    return html.substr(at, html.find("</section>", at) - at);
  }
};

TEST_P(FamilyPage, a_parent_sees_one_section_per_child_with_do_not_release_only_in_its_own) {
  const std::int64_t since = last_audit_id();
  const answer a = family(parent("fam-x"));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("outcome").as_string(), "family");
  ASSERT_EQ(a.json.at("students").as_array().size(), 3U) << a.text;

  EXPECT_EQ(student(a, 0).at("student_id").as_int64(), x);
  EXPECT_EQ(student(a, 0).at("first_name").as_string(), "Xia");
  EXPECT_EQ(student(a, 0).at("outcome").as_string(), "reports");
  EXPECT_TRUE(student(a, 0).at("message").is_null());
  EXPECT_FALSE(student(a, 0).at("reports").as_array().empty());
  for (const auto &report : student(a, 0).at("reports").as_array()) {
    EXPECT_EQ(std::string(report.at("url").as_string()).rfind("https://127.0.0.1:", 0), 0U);
  }

  EXPECT_EQ(student(a, 1).at("student_id").as_int64(), dnr);
  EXPECT_EQ(student(a, 1).at("first_name").as_string(), "Dana");
  EXPECT_EQ(student(a, 1).at("outcome").as_string(), "denied");
  EXPECT_TRUE(contains(std::string(student(a, 1).at("message").as_string()), ask_the_school));
  EXPECT_TRUE(student(a, 1).at("reports").as_array().empty());

  EXPECT_EQ(student(a, 2).at("student_id").as_int64(), sibling);
  EXPECT_EQ(student(a, 2).at("first_name").as_string(), "Sam");
  EXPECT_EQ(student(a, 2).at("outcome").as_string(), "reports");

  EXPECT_TRUE(contains(section(a, 0), ">Xia</h3>"));
  EXPECT_TRUE(contains(section(a, 0), "class=\"ssrlink-button\" href=\"https://127.0.0.1:"));
  EXPECT_FALSE(contains(section(a, 0), ask_the_school));
  EXPECT_TRUE(contains(section(a, 1), ">Dana</h3>"));
  EXPECT_TRUE(contains(section(a, 1), ask_the_school));
  EXPECT_FALSE(contains(section(a, 1), "https://"));
  EXPECT_TRUE(contains(section(a, 2), ">Sam</h3>"));
  EXPECT_TRUE(contains(section(a, 2), "class=\"ssrlink-button\""));
  const std::string html(a.json.at("html").as_string());
  EXPECT_EQ(count(html, ask_the_school), 1U);
  EXPECT_EQ(count(html, "role=\"status\""), 1U);  // the 30-minute notice, once
  // No other family's child, and no student's ID as a name.
  for (const char *other : {"Yara", "Zeno", "Hal", "Quill", "Xavier"}) {
    EXPECT_FALSE(contains(a.text, other)) << other;
  }

  EXPECT_EQ(
      audit_rows_after(since, "fam-x"),
      (std::vector<std::string>{"1|reports||1", "4|denied|do_not_release|2", "6|reports||1"}));
}

TEST_P(FamilyPage, a_relative_without_educational_rights_gets_the_one_refusal) {
  const std::int64_t since = last_audit_id();
  const answer a = family(parent("gran-x"));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  ASSERT_EQ(a.json.at("students").as_array().size(), 1U) << a.text;
  EXPECT_EQ(student(a, 0).at("student_id").as_int64(), x);
  EXPECT_EQ(student(a, 0).at("outcome").as_string(), "denied");
  EXPECT_EQ(student(a, 0).at("message").as_string(), not_permitted_sentence);
  EXPECT_FALSE(contains(a.text, "https://"));
  EXPECT_FALSE(contains(a.text, ask_the_school));
  EXPECT_EQ(audit_rows_after(since, "gran-x"),
            std::vector<std::string>{"1|denied|parent_without_educational_rights|-1"});
}

TEST_P(FamilyPage, a_stranger_gets_an_empty_family_and_one_audit_row) {
  const std::int64_t since = last_audit_id();
  const answer a = family(parent("nobody-here"));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("outcome").as_string(), "family");
  EXPECT_TRUE(a.json.at("students").as_array().empty());
  EXPECT_TRUE(contains(std::string(a.json.at("html").as_string()),
                       "No students are linked to this account."));
  EXPECT_EQ(audit_rows_after(since, "nobody-here"), std::vector<std::string>{"0|family||-1"});
}

TEST_P(FamilyPage, a_deleted_contacts_account_has_no_child) {
  const answer a = family(parent("gone-x"), R"(, "ui_language": "es")");
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_TRUE(a.json.at("students").as_array().empty());
  EXPECT_TRUE(contains(std::string(a.json.at("html").as_string()),
                       "No hay estudiantes vinculados a esta cuenta."));
}

TEST_P(FamilyPage, spanish_sections_say_ask_the_school_in_spanish) {
  const answer a = family(parent("fam-x"), R"(, "ui_language": "es")");
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_TRUE(contains(section(a, 1), "Pida una copia a la escuela."));
  EXPECT_TRUE(contains(std::string(a.json.at("html").as_string()), "lang=\"es\""));
}

TEST_P(FamilyPage, hostile_and_missing_first_names_are_escaped_or_replaced) {
  const answer a = family(parent("fam-q"));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  ASSERT_EQ(a.json.at("students").as_array().size(), 2U) << a.text;
  EXPECT_EQ(student(a, 0).at("first_name").as_string(), "<script>alert(\"q\")</script>");
  EXPECT_EQ(student(a, 1).at("first_name").as_string(), "");
  const std::string html(a.json.at("html").as_string());
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_TRUE(contains(section(a, 0), "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;</h3>"));
  EXPECT_TRUE(contains(section(a, 1), ">Student 2 of 2</h3>"));
  EXPECT_FALSE(contains(section(a, 1), ">8<"));
}

TEST_P(FamilyPage, without_permission_no_child_is_named_and_the_refusal_is_audited) {
  const std::int64_t since = last_audit_id();
  const answer a = family(parent("fam-x", false));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("outcome").as_string(), "denied");
  EXPECT_EQ(a.json.at("message").as_string(), not_permitted_sentence);
  EXPECT_TRUE(a.json.at("students").as_array().empty());
  EXPECT_FALSE(contains(a.text, "Xia"));
  EXPECT_EQ(audit_rows_after(since, "fam-x"),
            std::vector<std::string>{"0|denied|no_permission|-1"});
}

TEST_P(FamilyPage, other_roles_still_need_a_student_id) {
  for (const std::string &viewer :
       {std::string(R"({"role": "staff", "user_id": "district-clerk", "permitted": true})"),
        std::string(R"({"role": "admin", "user_id": "admin-1"})"),
        std::string(R"({"role": "student", "user_id": "stu-x", "student_id": 1,
                        "permitted": true})")}) {
    const answer a = family(viewer);
    EXPECT_EQ(a.status, SSRLINK_INVALID_ARGUMENT) << a.text;
    EXPECT_TRUE(contains(a.error(), "student_id")) << a.text;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, FamilyPage,
                         ::testing::Values(backend::sqlite, backend::postgresql),
                         [](const ::testing::TestParamInfo<backend> &instance) {
                           return backend_name(instance.param);
                         });

}  // namespace
}  // namespace ssrlink::e2e::binding
