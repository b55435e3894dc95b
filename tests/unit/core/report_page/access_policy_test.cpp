// The role × binding × flag matrix, checked twice: on the pure policy functions, and end to end
// through the service (outcome, message, no flag read and no ETS call for a viewer who is not
// entitled, one audit row each with its reason and contact).
#include "core/report_page/access_policy.hpp"

#include <gtest/gtest.h>

#include "core/i18n/ui_text.hpp"
#include "service_fixture.hpp"

namespace ssrlink::test {
namespace {

using v = access_verdict;
constexpr auto A = v::allow;
constexpr auto P = v::not_permitted;
constexpr auto I = v::inaccessible;
constexpr auto S = v::no_ssid;

// How the viewer is tied to student 1001 of the fixture (contact 1 with rights, linked to "p-1";
// contact 2 without rights, linked to "p-2"; the student's own account "s-1"; school "100").
struct binding_case {
  const char *name;
  viewer who;
  bool entitled;
  const char *reason;  // the audit reason when not entitled
};

viewer make(viewer_role role, std::string user, bool permitted = true) {
  viewer who;
  who.role = role;
  who.user_id = std::move(user);
  who.permitted = permitted;
  return who;
}

std::vector<binding_case> binding_cases() {
  std::vector<binding_case> cases;
  cases.push_back({"admin", make(viewer_role::admin, "a-1", false), true, ""});
  cases.push_back({"district staff", make(viewer_role::staff, "st-1"), true, ""});
  viewer school_staff = make(viewer_role::staff, "st-2");
  school_staff.school_codes = {"100", "300"};
  cases.push_back({"school staff of the school", school_staff, true, ""});
  school_staff.school_codes = {"200"};
  cases.push_back({"school staff of another school", school_staff, false, "staff_other_school"});
  viewer teacher = make(viewer_role::teacher, "t-1");
  teacher.school_codes = {"100"};
  cases.push_back({"teacher of the school", teacher, true, ""});
  teacher.school_codes = {"200"};
  cases.push_back({"teacher of another school", teacher, false, "teacher_other_school"});
  cases.push_back({"staff without permission", make(viewer_role::staff, "st-1", false), false,
                   "no_permission"});
  cases.push_back({"parent linked with rights", make(viewer_role::parent, "p-1"), true, ""});
  viewer named = make(viewer_role::parent, "p-1");
  named.contact_sequence = 1;
  cases.push_back({"parent naming its own contact", named, true, ""});
  named.contact_sequence = 2;
  cases.push_back({"parent naming another contact", named, false, "parent_not_linked"});
  cases.push_back({"relative linked without rights", make(viewer_role::parent, "p-2"), false,
                   "parent_without_educational_rights"});
  cases.push_back({"parent of another child", make(viewer_role::parent, "p-other"), false,
                   "parent_not_linked"});
  viewer student = make(viewer_role::student, "s-1");
  student.student_id = 1001;
  cases.push_back({"the student", student, true, ""});
  student.student_id = 1002;
  cases.push_back({"another student", student, false, "other_student"});
  student = make(viewer_role::student, "s-9");
  student.student_id = 1001;
  cases.push_back(
      {"another account claiming the student", student, false, "other_student_account"});
  return cases;
}

enum class flag { none, do_not_release, hide_contact_student, hide_contact_contact, no_ssid };
constexpr flag flags[] = {flag::none, flag::do_not_release, flag::hide_contact_student,
                          flag::hide_contact_contact, flag::no_ssid};

const char *flag_name(flag f) {
  switch (f) {
    case flag::none:
      return "none";
    case flag::do_not_release:
      return "do_not_release";
    case flag::hide_contact_student:
      return "hide_contact_student";
    case flag::hide_contact_contact:
      return "hide_contact_contact";
    case flag::no_ssid:
      return "no_ssid";
  }
  return "?";
}

// Rules 7 and 8 for an entitled viewer.
access_verdict expected_for_entitled(viewer_role role, flag f) {
  const bool privileged = role == viewer_role::admin || role == viewer_role::staff;
  switch (f) {
    case flag::none:
      return A;
    case flag::do_not_release:
    case flag::hide_contact_student:
      return privileged ? A : I;
    case flag::hide_contact_contact:
      return role == viewer_role::parent ? I : A;  // only the contact who asked to hide
    case flag::no_ssid:
      return S;
  }
  return P;
}

void apply(service_fixture &fx, flag f) {
  auto &s = fx.directory.students[1001];
  s.do_not_release = f == flag::do_not_release;
  s.hide_contact = f == flag::hide_contact_student;
  fx.directory.contacts[1001][0].hide_contact = f == flag::hide_contact_contact;
  if (f == flag::no_ssid) {
    s.ssid.clear();
  }
}

void add_relative(service_fixture &fx) {
  contact_facts relative;
  relative.sequence = 2;
  relative.email = "relative@example.org";
  fx.directory.contacts[1001].push_back(relative);
  fx.directory.portal_links.insert({"p-2", {1001, 2}});
}

std::string viewer_json(const viewer &who) {
  std::string out = "{\"role\": \"" + std::string(role_name(who.role)) + "\", \"user_id\": \"" +
                    who.user_id + "\", \"permitted\": " + (who.permitted ? "true" : "false");
  if (who.contact_sequence) {
    out += ", \"contact_sequence\": " + std::to_string(*who.contact_sequence);
  }
  if (who.student_id) {
    out += ", \"student_id\": " + std::to_string(*who.student_id);
  }
  if (who.school_codes) {
    out += ", \"school_codes\": [";
    for (std::size_t i = 0; i < who.school_codes->size(); ++i) {
      out += (i ? ", \"" : "\"") + (*who.school_codes)[i] + "\"";
    }
    out += "]";
  }
  return out + "}";
}

TEST(access_policy, matrix_on_the_pure_functions) {
  for (const auto &c : binding_cases()) {
    for (const flag f : flags) {
      service_fixture fx;
      add_relative(fx);
      apply(fx, f);
      const std::string label = std::string(c.name) + " × " + flag_name(f);
      const auto binding = fx.directory.find_binding(
          {1001, binding_kind_for(c.who),
           c.who.role == viewer_role::parent ? c.who.user_id : std::string()});
      ASSERT_TRUE(binding) << label;
      const entitlement e = decide_entitlement(c.who, 1001, &*binding);
      if (!c.entitled) {
        EXPECT_EQ(e.decision.verdict, P) << label;
        EXPECT_EQ(std::string(to_string(e.decision.reason)), c.reason) << label;
        continue;
      }
      ASSERT_EQ(e.decision.verdict, A) << label;
      EXPECT_EQ(e.contact_sequence.has_value(), c.who.role == viewer_role::parent) << label;
      const auto facts = fx.directory.find_student({1001, e.contact_sequence});
      ASSERT_TRUE(facts);
      EXPECT_EQ(decide_access(c.who, *facts).verdict, expected_for_entitled(c.who.role, f))
          << label;
    }
  }
}

TEST(access_policy, matrix_through_the_service) {
  for (const auto &c : binding_cases()) {
    for (const flag f : flags) {
      service_fixture fx;
      add_relative(fx);
      apply(fx, f);
      const std::string label = std::string(c.name) + " × " + flag_name(f);
      const auto result = fx.run(request_as(viewer_json(c.who)));
      const std::string outcome = str(result.at("outcome"));
      const std::string message = str(result.at("message"));
      const access_verdict expected = c.entitled ? expected_for_entitled(c.who.role, f) : P;
      switch (expected) {
        case A:
          EXPECT_EQ(outcome, "reports") << label;
          EXPECT_EQ(fx.ets.calls(), 1) << label;
          EXPECT_FALSE(result.at("reports").as_array().empty()) << label;
          break;
        case P:
          EXPECT_EQ(outcome, "denied") << label;
          EXPECT_EQ(message, text(ui_text::not_permitted, ui_language::en)) << label;
          break;
        case I:
          EXPECT_EQ(outcome, "denied") << label;
          EXPECT_EQ(message, text(ui_text::tests_inaccessible, ui_language::en)) << label;
          break;
        case S:
          EXPECT_EQ(outcome, "no_ssid") << label;
          break;
        default:
          FAIL() << label;
      }
      if (!c.entitled) {
        // Refused before any flag was read: the facts query never ran.
        EXPECT_EQ(fx.directory.fact_reads(), 0) << label;
      }
      if (expected != A) {
        EXPECT_EQ(fx.ets.calls(), 0) << label;
        EXPECT_TRUE(result.at("reports").as_array().empty()) << label;
        EXPECT_EQ(str(result.at("html")).find("https://"), std::string::npos) << label;
      }
      ASSERT_EQ(fx.audit.entries().size(), 1U) << label;
      const audit_entry row = fx.audit.entries().at(0);
      EXPECT_EQ(row.action, "reports") << label;
      EXPECT_EQ(row.outcome, outcome) << label;
      EXPECT_EQ(row.role, role_name(c.who.role)) << label;
      EXPECT_EQ(row.user_id, c.who.user_id) << label;
      EXPECT_EQ(row.student_id, 1001) << label;
      EXPECT_EQ(row.call_key.size(), 32U) << label;
      if (!c.entitled) {
        EXPECT_EQ(row.reason, c.reason) << label;
      }
      if (c.entitled && c.who.role == viewer_role::parent) {
        EXPECT_EQ(row.contact_sequence, std::optional<int>(1)) << label;  // from the data
      }
    }
  }
}

TEST(access_policy, a_refusal_is_one_sentence_whatever_the_flags) {
  // The same viewer, not entitled, against every flag: the page is byte for byte the same, so it
  // is no oracle for Do Not Release or Hide Contact Info.
  std::string first;
  for (const flag f : flags) {
    service_fixture fx;
    apply(fx, f);
    const auto result =
        fx.run(request_as(R"({"role": "parent", "user_id": "p-x", "permitted": true})"));
    std::string page =
        str(result.at("outcome")) + str(result.at("message")) + str(result.at("html"));
    if (first.empty()) {
      first = page;
    }
    EXPECT_EQ(page, first) << flag_name(f);
  }
}

TEST(access_policy, unknown_student_is_not_found_only_district_wide) {
  for (const auto &c : binding_cases()) {
    if (!c.entitled) {
      continue;
    }
    service_fixture fx;
    viewer who = c.who;
    if (who.student_id) {
      who.student_id = 4242;
    }
    const auto result = fx.run(request_as(viewer_json(who), 4242));
    const bool district_wide =
        who.role == viewer_role::admin || (who.role == viewer_role::staff && !who.school_codes);
    EXPECT_EQ(str(result.at("outcome")), district_wide ? "not_found" : "denied") << c.name;
    EXPECT_EQ(fx.ets.calls(), 0);
    ASSERT_EQ(fx.audit.entries().size(), 1U);
    EXPECT_EQ(fx.audit.entries()[0].student_id, 4242);
    EXPECT_EQ(fx.audit.entries()[0].reason, "unknown_student") << c.name;
  }
}

TEST(access_policy, without_permission_the_directory_is_not_asked) {
  service_fixture fx;
  const auto result = fx.run(request_as(
      R"({"role": "teacher", "user_id": "t-1", "permitted": false, "school_codes": ["100"]})"));
  EXPECT_EQ(str(result.at("outcome")), "denied");
  EXPECT_EQ(fx.directory.binding_reads(), 0);
  EXPECT_EQ(fx.directory.fact_reads(), 0);
  ASSERT_EQ(fx.audit.entries().size(), 1U);
  EXPECT_EQ(fx.audit.entries()[0].reason, "no_permission");
}

TEST(access_policy, the_host_cannot_name_the_contact_it_likes) {
  // The attack that was reproduced: "contact 1" is true of nearly every student, so the
  // sequence alone must never bind a parent. p-1 is linked to 1001 only.
  service_fixture fx;
  student_facts other = fx.directory.students[1001];
  other.student_id = 1002;
  fx.directory.students[1002] = other;
  contact_facts guardian;
  guardian.sequence = 1;
  guardian.educational_rights = true;
  fx.directory.contacts[1002].push_back(guardian);
  const auto result = fx.run(request_as(
      R"({"role": "parent", "user_id": "p-1", "permitted": true, "contact_sequence": 1})", 1002));
  EXPECT_EQ(str(result.at("outcome")), "denied");
  EXPECT_EQ(fx.ets.calls(), 0);
  EXPECT_EQ(fx.directory.fact_reads(), 0);
  EXPECT_EQ(fx.audit.entries().at(0).reason, "parent_not_linked");
}

TEST(access_policy, a_teacher_without_school_codes_is_a_malformed_request) {
  service_fixture fx;
  auto svc = fx.service();
  try {
    svc.handle(request_as(R"({"role": "teacher", "user_id": "t-1", "permitted": true})"));
    FAIL() << "accepted";
  } catch (const failure &error) {
    EXPECT_EQ(error.code(), status::invalid_argument);
    EXPECT_NE(std::string(error.what()).find("viewer.school_codes"), std::string::npos);
  }
}

TEST(access_policy, school_codes_may_be_numbers) {
  service_fixture fx;
  const auto result = fx.run(request_as(
      R"({"role": "teacher", "user_id": "t-1", "permitted": true, "school_codes": [100]})"));
  EXPECT_EQ(str(result.at("outcome")), "reports");
}

}  // namespace
}  // namespace ssrlink::test
