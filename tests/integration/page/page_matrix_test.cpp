// The access rules through the C ABI, over real ODBC and real TLS: every role against every
// flag, and one audit row per request.
#include <gtest/gtest.h>

#include <string>

#include "page_world.hpp"

namespace ssrlink::e2e {
namespace {

// A viewer as the host would describe them. Parents sign in with the portal account of contact
// `contact` of `student` and say so; a student with their own account and ID; teachers work at
// school 1 (every student here but other_school); staff are district-level.
std::string viewer(const std::string &role, std::int64_t student = plain, int contact = 1,
                   bool permitted = true) {
  std::string user = "u-" + role;
  std::string extra;
  if (role == "parent") {
    user = parent_account(student, contact);
    extra = R"(, "contact_sequence": )" + std::to_string(contact);
  } else if (role == "student") {
    user = student_account(student);
    extra = R"(, "student_id": )" + std::to_string(student);
  } else if (role == "teacher") {
    extra = R"(, "school_codes": ["1"])";
  }
  return R"({"role": ")" + role + R"(", "user_id": ")" + user + R"(", "permitted": )" +
         (permitted ? "true" : "false") + extra + "}";
}

struct row {
  const char *what;
  std::int64_t student;
  std::string viewer_json;
  const char *outcome;
};

void expect_outcome(const row &r) {
  SCOPED_TRACE(r.what);
  const answer a = shared->page(r.student, r.viewer_json);
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("outcome").as_string(), r.outcome);
  const std::string html(a.json.at("html").as_string());
  const auto &reports = a.json.at("reports").as_array();
  if (std::string(r.outcome) == "reports") {
    EXPECT_FALSE(reports.empty());
    for (const auto &report : reports) {
      EXPECT_EQ(std::string(report.at("url").as_string()).rfind("https://127.0.0.1:", 0), 0u);
    }
    EXPECT_NE(html.find("role=\"status\""), std::string::npos);  // the 30-minute notice
  } else {
    EXPECT_TRUE(reports.empty());
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_NE(html.find("role=\"alert\""), std::string::npos);  // the red box
    EXPECT_FALSE(a.json.at("message").is_null());
  }
}

TEST(PageMatrix, EveryRoleAgainstEveryFlag) {
  const std::string roles[] = {"admin", "staff", "teacher", "parent", "student"};
  struct flag_case {
    std::int64_t student;
    bool staff_only;  // DNR / hide contact: only admin and staff see the reports
    const char *outcome_for_all;
  };
  const flag_case flags[] = {
      {plain, false, "reports"},
      {dnr, true, "reports"},
      {hidden, true, "reports"},
      {no_ssid, false, "no_ssid"},
  };
  const auto before = std::stoll(shared->query("SELECT COUNT(*) FROM ssrlink_audit"));
  int calls = 0;
  for (const auto &flag : flags) {
    for (const auto &role : roles) {
      const bool blocked = flag.staff_only && role != "admin" && role != "staff";
      const std::string what = "student " + std::to_string(flag.student) + " as " + role;
      expect_outcome({what.c_str(), flag.student, viewer(role, flag.student),
                      blocked ? "denied" : flag.outcome_for_all});
      ++calls;
    }
  }
  EXPECT_EQ(std::stoll(shared->query("SELECT COUNT(*) FROM ssrlink_audit")), before + calls);
}

TEST(PageMatrix, ContactsPermissionsAndIdentity) {
  const row rows[] = {
      {"parent whose own contact row hides contact info", contact_hidden,
       viewer("parent", contact_hidden, 1), "denied"},
      {"the other parent of that student", contact_hidden, viewer("parent", contact_hidden, 2),
       "reports"},
      {"teacher of that student", contact_hidden, viewer("teacher"), "reports"},
      {"parent signed in as a deleted contact", deleted_contact,
       viewer("parent", deleted_contact, 1), "denied"},
      {"parent not linked to the student", plain, viewer("parent", plain, 9), "denied"},
      {"parent of another student", plain, viewer("parent", contact_hidden, 2), "denied"},
      {"student viewing another student", plain, viewer("student", dnr), "denied"},
      {"student viewing themself", plain, viewer("student", plain), "reports"},
      {"staff without the permission", plain, viewer("staff", plain, 1, false), "denied"},
      {"teacher without the permission", plain, viewer("teacher", plain, 1, false), "denied"},
      {"parent without the permission", plain, viewer("parent", plain, 1, false), "denied"},
      {"admin always", plain, viewer("admin", plain, 1, false), "reports"},
      {"no such student", 999, viewer("admin"), "not_found"},
      {"school with its own credentials", other_school, viewer("staff"), "reports"},
  };
  for (const auto &r : rows) {
    expect_outcome(r);
  }
}

TEST(PageMatrix, DenialsAreAuditedWithoutLinks) {
  const answer a = shared->page(dnr, viewer("parent", dnr));
  ASSERT_EQ(a.json.at("outcome").as_string(), "denied");
  const std::string last = shared->query(
      "SELECT action || '|' || role || '|' || user_id || '|' || student_id || '|' || outcome || "
      "'|' || reason || '|' || contact_sequence || '|' || offered "
      "FROM ssrlink_audit ORDER BY rowid DESC LIMIT 1");
  // The linked parent is entitled; the student's Do Not Release flag refused them.
  EXPECT_EQ(last, "reports|parent|parent-2-1|2|denied|do_not_release|1|[]");
  // Offered reports are named, never linked.
  EXPECT_EQ(shared->query("SELECT COUNT(*) FROM ssrlink_audit WHERE offered LIKE '%https%' OR "
                          "offered LIKE '%Signature%'"),
            "0");
  EXPECT_NE(shared->query("SELECT COUNT(*) FROM ssrlink_audit WHERE outcome = 'reports' AND "
                          "offered LIKE '%\"SB\"%'"),
            "0");
}

}  // namespace
}  // namespace ssrlink::e2e
