// The page's outcome names: the `outcome` key of the result and of the audit row, as
// docs/abi.md lists them. A renamed enumerator must not rename what hosts and auditors read.
#include "core/report_page/page_answer.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace ssrlink::test {
namespace {

using core::page_outcome;

TEST(page_outcome, names_are_the_documented_ones) {
  EXPECT_EQ(to_string(page_outcome::reports), "reports");
  EXPECT_EQ(to_string(page_outcome::no_reports), "no_reports");
  EXPECT_EQ(to_string(page_outcome::denied), "denied");
  EXPECT_EQ(to_string(page_outcome::not_found), "not_found");
  EXPECT_EQ(to_string(page_outcome::no_ssid), "no_ssid");
  EXPECT_EQ(to_string(page_outcome::not_configured), "not_configured");
  EXPECT_EQ(to_string(page_outcome::ets_error), "ets_error");
}

TEST(access_reason, names_are_distinct_audit_values) {
  using core::access_reason;
  std::set<std::string> names;
  for (const auto reason :
       {access_reason::entitled, access_reason::allowed, access_reason::no_permission,
        access_reason::unknown_student, access_reason::parent_not_linked,
        access_reason::parent_without_educational_rights, access_reason::other_student,
        access_reason::other_student_account, access_reason::teacher_other_school,
        access_reason::staff_other_school, access_reason::parent_contact_gone,
        access_reason::do_not_release, access_reason::hide_contact_student,
        access_reason::hide_contact_contact, access_reason::no_ssid}) {
    const std::string name(to_string(reason));
    EXPECT_NE(name, "unknown");
    EXPECT_LE(name.size(), 64U);  // the audit column keeps 64 bytes
    EXPECT_TRUE(names.insert(name).second) << name;
  }
  EXPECT_EQ(to_string(access_reason::parent_without_educational_rights),
            "parent_without_educational_rights");
}

TEST(page_answer, an_answer_names_only_what_it_has) {
  const core::page_answer answer{.outcome = page_outcome::no_ssid, .message = "no SSID"};
  EXPECT_EQ(answer.outcome, page_outcome::no_ssid);
  EXPECT_FALSE(answer.hint);
  EXPECT_TRUE(answer.reports().empty());
  EXPECT_FALSE(answer.cached);
  EXPECT_FALSE(answer.reason);
  EXPECT_FALSE(answer.contact_sequence);
}

}  // namespace
}  // namespace ssrlink::test
