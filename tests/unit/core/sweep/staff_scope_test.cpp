// Which schools a staff member sees in the notification log: staff_scope.hpp's rules, one test
// each, in order.
#include "core/sweep/staff_scope.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace ssrlink::core {
namespace {

failure failure_of(const std::function<void()> &call) {
  try {
    call();
  } catch (const failure &f) {
    return f;
  }
  ADD_FAILURE() << "accepted";
  return failure(status::ok, "");
}

const staff_schools district{};
const staff_schools one_school{std::vector<std::string>{"2"}};
const staff_schools two_schools{std::vector<std::string>{"2", "7"}};

TEST(StaffScope, Rule1WithoutSchoolCodesTheFilterStandsAsGiven) {
  EXPECT_EQ(scoped_school(district, std::nullopt), std::nullopt);
  EXPECT_EQ(scoped_school(district, std::string("9")), "9");
}

TEST(StaffScope, Rule2AFilterOutsideTheStaffsSchoolsIsDenied) {
  EXPECT_EQ(scoped_school(two_schools, std::string("7")), "7");
  const failure f = failure_of([] { scoped_school(two_schools, std::string("9")); });
  EXPECT_EQ(f.code(), status::denied);
  EXPECT_EQ(std::string(f.what()),
            "School 9 is not one of the schools in \"actor.school_codes\"; school staff see their "
            "own schools only.");
}

TEST(StaffScope, Rule3OneSchoolAndNoFilterListsThatSchool) {
  EXPECT_EQ(scoped_school(one_school, std::nullopt), "2");
}

TEST(StaffScope, Rule4SeveralSchoolsAndNoFilterMustNameOne) {
  const failure f = failure_of([] { scoped_school(two_schools, std::nullopt); });
  EXPECT_EQ(f.code(), status::invalid_argument);
  EXPECT_NE(std::string(f.what()).find("\"school\""), std::string::npos) << f.what();
  // An empty list of codes is no school at all, not the district.
  EXPECT_EQ(failure_of([] {
              scoped_school(staff_schools{std::vector<std::string>{}}, std::nullopt);
            }).code(),
            status::invalid_argument);
}

TEST(StaffScope, Rule5StaffActOnlyForStudentsOfTheirSchools) {
  EXPECT_TRUE(may_act_for(district, "9"));
  EXPECT_TRUE(may_act_for(two_schools, "7"));
  EXPECT_FALSE(may_act_for(two_schools, "9"));
  EXPECT_FALSE(may_act_for(staff_schools{std::vector<std::string>{}}, "2"));
}

}  // namespace
}  // namespace ssrlink::core
