// Viewers bound to students by the data, through the C ABI, on the SQLite ODBC driver and on a
// real PostgreSQL: the host says who signed in, the district's portal links say whom they may
// see. Every role against every binding, the reproduced attack (a parent of one family opening
// other families' children), no oracle for Do Not Release / Hide Contact Info, the audit row of
// each call, and a database that was never migrated to portal links.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <optional>
#include <string>

#include "binding_district.hpp"

namespace ssrlink::e2e::binding {
namespace {

std::string viewer(const std::string &role, const std::string &user_id,
                   const std::string &extra = "", bool permitted = true) {
  return R"({"role": ")" + role + R"(", "user_id": ")" + user_id + R"(", "permitted": )" +
         (permitted ? "true" : "false") + extra + "}";
}

// A parent signed in with portal account `account`, saying which contact they are (or not).
std::string parent(const std::string &account, std::optional<int> contact = std::nullopt,
                   bool permitted = true) {
  return viewer("parent", account,
                contact ? R"(, "contact_sequence": )" + std::to_string(*contact) : "", permitted);
}

std::string student_viewer(const std::string &account, std::int64_t self) {
  return viewer("student", account, R"(, "student_id": )" + std::to_string(self));
}

// `codes` is a JSON array: R"(["1"])".
std::string teacher(const std::string &codes) {
  std::string user = "teacher";
  for (const char c : codes) {
    if (c >= '0' && c <= '9') {
      user += std::string("-") + c;
    }
  }
  return viewer("teacher", user, R"(, "school_codes": )" + codes);
}

// School-level staff when `codes` (a JSON array) is given, district-level staff otherwise.
std::string staff(const std::string &codes = "") {
  return viewer("staff", codes.empty() ? "district-clerk" : "school-clerk",
                codes.empty() ? "" : R"(, "school_codes": )" + codes);
}

std::string admin(bool permitted = true) {
  return viewer("admin", "admin-1", "", permitted);
}

class ViewerBinding : public ::testing::TestWithParam<backend> {
 protected:
  static district &d() { return shared_district(GetParam()); }

  // The newest audit row: action|role|user_id|student_id|outcome|reason|contact_sequence, and
  // its call_key apart.
  static std::string last_audit_row(std::string *call_key = nullptr) {
    const auto found = d().rows(
        "SELECT action, role, user_id, student_id, outcome, reason, contact_sequence, "
        "call_key FROM ssrlink_audit ORDER BY id DESC LIMIT 1");
    if (found.size() != 1) {
      return "no audit row";
    }
    const std::string &row = found[0];
    const auto key_at = row.rfind('|');
    if (call_key != nullptr) {
      *call_key = row.substr(key_at + 1);
    }
    return row.substr(0, key_at);
  }
};

bool is_call_key(const std::string &key) {
  return key.size() == 32 && key.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST_P(ViewerBinding, AParentOfOneFamilyCannotOpenOtherFamiliesChildren) {
  // The host vouches for the sign-in ("contact 1 of student 1") and lets the request name any
  // student: before portal links, that was enough to read every child's reports.
  const std::string attacker = parent("fam-x", 1);
  expect_reports(d().page(x, attacker));  // their own child: allowed
  for (const std::int64_t other : {y, z}) {
    SCOPED_TRACE("student " + std::to_string(other));
    expect_not_permitted(d().page(other, attacker));
    EXPECT_EQ(last_audit_row(),
              "reports|parent|fam-x|" + std::to_string(other) + "|denied|parent_not_linked|NULL");
  }
}

struct binding_case {
  const char *what;
  std::string viewer_json;
  std::int64_t student;
  const char *outcome;
  // The audit row's reason and contact_sequence; reason nullptr: not checked.
  const char *reason;
  const char *contact_sequence;
};

TEST_P(ViewerBinding, EveryRoleAgainstEveryBinding) {
  const binding_case cases[] = {
      {"linked parent with rights", parent("fam-x", 1), x, "reports", "", "1"},
      {"linked parent naming no contact: the data names it", parent("dad-x"), x, "reports", "",
       "2"},
      {"linked parent claiming another contact", parent("dad-x", 1), x, "denied",
       "parent_not_linked", "NULL"},
      {"one account, two children of a family", parent("fam-x", 1), sibling, "reports", "", "1"},
      {"relative without educational rights", parent("gran-x"), x, "denied",
       "parent_without_educational_rights", "NULL"},
      {"account of a deleted contact", parent("gone-x", 4), x, "denied", "parent_not_linked",
       "NULL"},
      {"parent of another family", parent("fam-y", 1), x, "denied", "parent_not_linked", "NULL"},
      {"parent without the host's permission", parent("fam-x", 1, false), x, "denied",
       "no_permission", "NULL"},
      {"parent asking for an unknown student", parent("fam-x", 1), unknown, "denied",
       "unknown_student", "NULL"},
      {"student by own account", student_viewer("stu-x", x), x, "reports", "", "NULL"},
      {"student ID claimed with another account", student_viewer("stu-y", x), x, "denied",
       "other_student_account", "NULL"},
      {"student viewing another student", student_viewer("stu-x", x), y, "denied", "other_student",
       "NULL"},
      {"student without an account of their own", student_viewer("any-login", sibling), sibling,
       "reports", "", "NULL"},
      {"teacher of the school", teacher(R"(["1"])"), x, "reports", "", "NULL"},
      {"teacher of the school, codes as numbers", teacher("[2, 1]"), x, "reports", "", "NULL"},
      {"teacher of another school", teacher(R"(["2"])"), x, "denied", "teacher_other_school",
       "NULL"},
      {"school-level staff of the school", staff(R"(["1"])"), x, "reports", "", "NULL"},
      {"school-level staff of another school", staff(R"(["2"])"), x, "denied", "staff_other_school",
       "NULL"},
      {"school-level staff, unknown student", staff(R"(["2"])"), unknown, "denied",
       "unknown_student", "NULL"},
      {"district staff", staff(), z, "reports", "", "NULL"},
      {"district staff, unknown student", staff(), unknown, "not_found", nullptr, "NULL"},
      {"admin", admin(), z, "reports", "", "NULL"},
      {"admin without the host's permission", admin(false), x, "reports", "", "NULL"},
      {"admin, unknown student", admin(), unknown, "not_found", nullptr, "NULL"},
      // Entitled viewers of flagged students: refused with the ask-the-school sentence.
      {"linked parent of a DNR student", parent("fam-d", 1), dnr, "denied", "do_not_release", "1"},
      {"linked parent of an HCI student", parent("fam-h"), hidden, "denied", "hide_contact_student",
       "1"},
      {"DNR student by own account", student_viewer("stu-d", dnr), dnr, "denied", "do_not_release",
       "NULL"},
      {"teacher of a DNR student's school", teacher(R"(["1"])"), dnr, "denied", "do_not_release",
       "NULL"},
      {"school staff of a DNR student's school", staff(R"(["1"])"), dnr, "reports", "", "NULL"},
      {"district staff, HCI student", staff(), hidden, "reports", "", "NULL"},
  };
  for (const binding_case &c : cases) {
    SCOPED_TRACE(c.what);
    const answer a = d().page(c.student, c.viewer_json);
    ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
    EXPECT_EQ(a.json.at("outcome").as_string(), c.outcome) << a.text;
    const std::string outcome = c.outcome;
    if (outcome == "reports") {
      expect_reports(a);
    } else if (outcome == "denied") {
      const std::string reason = c.reason;
      const bool flagged = reason == "do_not_release" || reason.rfind("hide_contact", 0) == 0;
      if (flagged) {
        EXPECT_NE(a.json.at("message").as_string(), not_permitted_sentence) << a.text;
      } else {
        expect_not_permitted(a);
      }
    }

    std::string call_key;
    const std::string row = last_audit_row(&call_key);
    const auto view = boost::json::parse(c.viewer_json).as_object();
    const std::string expected_start = "reports|" + std::string(view.at("role").as_string()) + "|" +
                                       std::string(view.at("user_id").as_string()) + "|" +
                                       std::to_string(c.student) + "|" + outcome + "|";
    EXPECT_EQ(row.rfind(expected_start, 0), 0U) << row;
    if (c.reason != nullptr) {
      EXPECT_EQ(row, expected_start + c.reason + "|" + c.contact_sequence);
    } else {
      EXPECT_EQ(row.substr(row.rfind('|') + 1), c.contact_sequence) << row;
    }
    EXPECT_TRUE(is_call_key(call_key)) << call_key;
  }
}

TEST_P(ViewerBinding, FlagsAreNoOracleForViewersWhoAreNotEntitled) {
  // Each of these viewers may see none of students y, dnr, hidden and unknown. If the answer
  // told a DNR or HCI student (or an unknown ID) from a plain one, the page would leak the flag.
  const std::pair<const char *, std::string> outsiders[] = {
      {"parent of another family", parent("fam-x", 1)},
      {"relative without rights", parent("gran-x")},
      {"another student", student_viewer("stu-x", x)},
      {"teacher of another school", teacher(R"(["2"])")},
      {"school staff of another school", staff(R"(["2"])")},
  };
  for (const auto &[what, who] : outsiders) {
    SCOPED_TRACE(what);
    const answer plain = d().page(y, who);
    expect_not_permitted(plain);
    for (const std::int64_t flagged : {dnr, hidden, unknown}) {
      SCOPED_TRACE("student " + std::to_string(flagged));
      const answer a = d().page(flagged, who);
      expect_not_permitted(a);
      EXPECT_EQ(a.text, plain.text);
      // Refused on the binding alone: the student's flags were never the reason.
      const std::string row = last_audit_row();
      EXPECT_EQ(row.find("do_not_release"), std::string::npos) << row;
      EXPECT_EQ(row.find("hide_contact"), std::string::npos) << row;
    }
  }
}

TEST_P(ViewerBinding, EveryPageCallWritesOneRowWithItsOwnCallKey) {
  const std::int64_t before = d().count("ssrlink_audit");
  d().page(x, parent("fam-x", 1));
  d().page(y, parent("fam-x", 1));
  d().page(x, teacher(R"(["2"])"));
  d().page(unknown, admin());
  EXPECT_EQ(d().count("ssrlink_audit"), before + 4);
  EXPECT_EQ(d().count("ssrlink_audit WHERE call_key IS NULL"), 0);
  const auto keys = d().rows("SELECT COUNT(*), COUNT(DISTINCT call_key) FROM ssrlink_audit");
  ASSERT_EQ(keys.size(), 1U);
  const std::string total = keys[0].substr(0, keys[0].find('|'));
  EXPECT_EQ(keys[0], total + "|" + total) << "call keys must be unique";
}

TEST_P(ViewerBinding, ADatabaseWithoutPortalLinksFailsParentsAndNamesTheMigration) {
  district old(GetParam(), "no_portal_link_" + backend_name(GetParam()));
  old.execute("DROP VIEW ssrlink_portal_link");

  const answer refused = old.page(x, parent("fam-x", 1));
  EXPECT_EQ(refused.status, SSRLINK_DATABASE) << refused.text;
  EXPECT_NE(refused.error().find("ssrlink_portal_link"), std::string::npos) << refused.text;
  EXPECT_NE(refused.error().find("0003_viewers.sql"), std::string::npos) << refused.text;
  EXPECT_EQ(refused.text.find("https://"), std::string::npos) << refused.text;

  // Viewers whose binding needs no portal link are served as before.
  expect_reports(old.page(x, admin()));
  expect_reports(old.page(x, teacher(R"(["1"])")));
  expect_reports(old.page(x, student_viewer("stu-x", x)));
}

INSTANTIATE_TEST_SUITE_P(Backends, ViewerBinding,
                         ::testing::Values(backend::sqlite, backend::postgresql),
                         [](const ::testing::TestParamInfo<backend> &instance) {
                           return backend_name(instance.param);
                         });

}  // namespace
}  // namespace ssrlink::e2e::binding
