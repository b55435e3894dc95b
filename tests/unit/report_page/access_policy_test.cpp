// The whole role × flag matrix, checked twice: on the pure policy function, and end to end
// through the service (outcome, message, ETS not called on a denial, one audit row each).
#include "core/report_page/access_policy.hpp"

#include <gtest/gtest.h>

#include "core/i18n/ui_text.hpp"
#include "service_fixture.hpp"

namespace ssrlink::test {
namespace {

enum class flag {
  none,
  do_not_release,
  hide_contact_student,
  hide_contact_contact,
  no_ssid,
  no_permission,
  parent_not_linked,
  other_student,
};

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
    case flag::no_permission:
      return "no_permission";
    case flag::parent_not_linked:
      return "parent_not_linked";
    case flag::other_student:
      return "other_student";
  }
  return "?";
}

using v = access_verdict;
constexpr auto A = v::allow;
constexpr auto P = v::not_permitted;
constexpr auto I = v::inaccessible;
constexpr auto S = v::no_ssid;

struct matrix_row {
  flag f;
  // admin, staff, teacher, parent, student
  std::array<access_verdict, 5> expected;
};

// The matrix the product promises (design.md §4).
const std::vector<matrix_row> matrix = {
    {flag::none, {A, A, A, A, A}},
    {flag::do_not_release, {A, A, I, I, I}},
    {flag::hide_contact_student, {A, A, I, I, I}},
    {flag::hide_contact_contact, {A, A, A, I, A}},  // only the contact who asked to hide
    {flag::no_ssid, {S, S, S, S, S}},
    {flag::no_permission, {A, P, P, P, P}},  // admins always pass
    {flag::parent_not_linked, {A, A, A, P, A}},
    {flag::other_student, {A, A, A, A, P}},
};

constexpr std::array<viewer_role, 5> roles = {viewer_role::admin, viewer_role::staff,
                                              viewer_role::teacher, viewer_role::parent,
                                              viewer_role::student};

// Applies `f` to the fixture's student and builds the viewer for `role`.
viewer setup(service_fixture &fx, viewer_role role, flag f) {
  auto &s = fx.directory.students[1001];
  auto &c = fx.directory.contacts[1001][0];
  viewer who;
  who.role = role;
  who.user_id = "u-1";
  who.permitted = f != flag::no_permission;
  if (role == viewer_role::parent) {
    who.contact_sequence = f == flag::parent_not_linked ? 9 : 1;
  }
  if (role == viewer_role::student) {
    who.student_id = f == flag::other_student ? 1002 : 1001;
  }
  s.do_not_release = f == flag::do_not_release;
  s.hide_contact = f == flag::hide_contact_student;
  c.hide_contact = f == flag::hide_contact_contact;
  if (f == flag::no_ssid) {
    s.ssid.clear();
  }
  return who;
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
  return out + "}";
}

TEST(access_policy, role_by_flag_matrix_on_the_policy) {
  for (const auto &row : matrix) {
    for (std::size_t r = 0; r < roles.size(); ++r) {
      service_fixture fx;
      const viewer who = setup(fx, roles[r], row.f);
      const auto facts = fx.directory.find_student(
          {1001, who.role == viewer_role::parent ? who.contact_sequence : std::nullopt});
      ASSERT_TRUE(facts);
      EXPECT_EQ(decide_access(who, 1001, &*facts).verdict, row.expected[r])
          << role_name(roles[r]) << " × " << flag_name(row.f);
    }
  }
}

TEST(access_policy, role_by_flag_matrix_through_the_service) {
  for (const auto &row : matrix) {
    for (std::size_t r = 0; r < roles.size(); ++r) {
      service_fixture fx;
      const viewer who = setup(fx, roles[r], row.f);
      const std::string label = std::string(role_name(roles[r])) + " × " + flag_name(row.f);
      const auto result = fx.run(request_as(viewer_json(who)));
      const std::string outcome = str(result.at("outcome"));
      const std::string message = str(result.at("message"));
      switch (row.expected[r]) {
        case A:
          EXPECT_EQ(outcome, "reports") << label;
          EXPECT_EQ(fx.ets.calls.load(), 1) << label;
          EXPECT_FALSE(result.at("reports").as_array().empty()) << label;
          break;
        case P:
          EXPECT_EQ(outcome, "denied") << label;
          EXPECT_EQ(message, text(ui_text::not_permitted, ui_language::en)) << label;
          break;
        case I:
          EXPECT_EQ(outcome, "denied") << label;
          EXPECT_EQ(message, text(ui_text::tests_inaccessible, ui_language::en)) << label;
          EXPECT_NE(message.find("school"), std::string::npos) << label;
          break;
        case S:
          EXPECT_EQ(outcome, "no_ssid") << label;
          EXPECT_EQ(message, "Student does not have a Statewide Student ID (SSID) assigned")
              << label;
          break;
        default:
          FAIL() << label;
      }
      if (row.expected[r] != A) {
        EXPECT_EQ(fx.ets.calls.load(), 0) << label;  // no ETS call without a "go"
        EXPECT_TRUE(result.at("reports").as_array().empty()) << label;
        EXPECT_EQ(str(result.at("html")).find("https://"), std::string::npos) << label;
        EXPECT_NE(str(result.at("html")).find("role=\"alert\""), std::string::npos) << label;
      }
      ASSERT_EQ(fx.audit.entries.size(), 1U) << label;
      EXPECT_EQ(fx.audit.entries[0].outcome, outcome) << label;
      EXPECT_EQ(fx.audit.entries[0].role, role_name(roles[r])) << label;
      EXPECT_EQ(fx.audit.entries[0].student_id, 1001) << label;
    }
  }
}

TEST(access_policy, unknown_student_is_not_found_for_everyone_permitted) {
  for (const auto role : roles) {
    service_fixture fx;
    viewer who = setup(fx, role, flag::none);
    const auto result = fx.run(request_as(viewer_json(who), 4242));
    EXPECT_EQ(str(result.at("outcome")), "not_found") << role_name(role);
    EXPECT_EQ(fx.ets.calls.load(), 0);
    ASSERT_EQ(fx.audit.entries.size(), 1U);
    EXPECT_EQ(fx.audit.entries[0].outcome, "not_found");
    EXPECT_EQ(fx.audit.entries[0].student_id, 4242);
  }
}

TEST(access_policy, without_permission_the_directory_is_not_asked) {
  service_fixture fx;
  const auto result =
      fx.run(request_as(R"({"role": "teacher", "user_id": "t-1", "permitted": false})"));
  EXPECT_EQ(str(result.at("outcome")), "denied");
  EXPECT_EQ(fx.directory.calls.load(), 0);
  EXPECT_EQ(fx.audit.entries.size(), 1U);
}

TEST(access_policy, incomplete_viewer_for_a_known_student_is_denied_and_audited) {
  for (const std::string viewer : {R"({"role": "parent", "user_id": "p-1", "permitted": true})",
                                   R"({"role": "student", "user_id": "s-1", "permitted": true})"}) {
    service_fixture fx;
    const auto result = fx.run(request_as(viewer));
    EXPECT_EQ(str(result.at("outcome")), "denied") << viewer;
    EXPECT_EQ(fx.ets.calls.load(), 0);
    ASSERT_EQ(fx.audit.entries.size(), 1U);
    EXPECT_EQ(fx.audit.entries[0].outcome, "denied");
  }
}

TEST(access_policy, parent_of_a_different_student_is_denied) {
  service_fixture fx;
  student_facts other = fx.directory.students[1001];
  other.student_id = 1002;
  fx.directory.students[1002] = other;  // contact 1 belongs to 1001 only
  const auto result = fx.run(request_as(
      R"({"role": "parent", "user_id": "p-1", "permitted": true, "contact_sequence": 1})", 1002));
  EXPECT_EQ(str(result.at("outcome")), "denied");
  EXPECT_EQ(fx.ets.calls.load(), 0);
}

}  // namespace
}  // namespace ssrlink::test
