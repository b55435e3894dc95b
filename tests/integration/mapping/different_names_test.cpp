// Worked example 1 of docs/dba-guide.md, "a host with different names"
// (sql/examples/different-names/postgresql/), on a real PostgreSQL through the C ABI: pupils,
// guardians and portal accounts apart from guardians, in a database that never had the
// reference tables. install.sql, the host's tables and rows, then the guide's mapping.
//
// host-data.sql: pupils 1 to 4 are current (5 is deleted), each with an SSID and one Final
// report of this school year at fake-ets, so a dry-run sweep checks 4 and queues 4 notices:
// pupil 1's guardian 1 (guardian 2 is removed, guardian 3 holds no rights), pupil 2's, pupil 3's
// (Do Not Release: told to contact the school) and pupil 4's (ungraded: the grade CASE must not
// fail on 'UG').
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <memory>
#include <string>

#include "example_district.hpp"

namespace ssrlink::e2e::mapping {
namespace {

std::string parent(const std::string &account) {
  return R"({"role": "parent", "user_id": ")" + account + R"(", "permitted": true})";
}

class DifferentNames : public ::testing::Test {
 protected:
  // Made on first use, inside a test: a load that fails fails that test, naming the script.
  static district &d() {
    if (!shared_) {
      shared_ = std::make_unique<district>(backend::postgresql, "different_names",
                                           install_first("different-names"));
    }
    return *shared_;
  }
  static void TearDownTestSuite() { shared_.reset(); }

 private:
  static std::unique_ptr<district> shared_;
};

std::unique_ptr<district> DifferentNames::shared_;

TEST_F(DifferentNames, TheViewsReadTheHostsNames) {
  EXPECT_EQ(
      d().rows("SELECT student_id, school_code, grade, portal_user FROM ssrlink_student "
               "ORDER BY student_id"),
      (std::vector<std::string>{"1|10|0|pupil.one", "2|20|7|pupil.two", "3|10|-1|", "4|20|NULL|"}));
  EXPECT_EQ(d().rows("SELECT user_id, contact_sequence FROM ssrlink_portal_link "
                     "WHERE student_id = 1 ORDER BY user_id"),
            (std::vector<std::string>{"gone.parent|2", "gran.parent|3", "kim.parent|1"}));
  EXPECT_EQ(d().count("ssrlink_contact WHERE student_id = 1"), 2);  // guardian 2 was removed
  EXPECT_EQ(d().count("ssrlink_school"), 2);
  // The names (schema version 6), a surname the office has not recorded yet as empty.
  EXPECT_EQ(d().rows("SELECT student_id, first_name, last_name FROM ssrlink_student "
                     "ORDER BY student_id"),
            (std::vector<std::string>{"1|Mina|Kim", "2|Theo|Lee", "3|Sam|Ortega", "4|Ana|"}));
}

TEST_F(DifferentNames, ALinkedParentSeesTheReports) {
  const answer a = d().page(1, parent("kim.parent"));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("outcome").as_string(), "reports") << a.text;
  EXPECT_FALSE(a.json.at("reports").as_array().empty()) << a.text;
}

TEST_F(DifferentNames, OtherFamiliesAndDeadAccountsAreRefused) {
  expect_not_permitted(d().page(1, parent("lee.parent")));   // another family
  expect_not_permitted(d().page(2, parent("kim.parent")));   // and the other way round
  expect_not_permitted(d().page(1, parent("old.kim")));      // a disabled account
  expect_not_permitted(d().page(1, parent("gone.parent")));  // a removed guardian's account
  expect_not_permitted(d().page(1, parent("gran.parent")));  // a guardian without rights
}

TEST_F(DifferentNames, ADryRunSweepReadsEveryPupil) {
  const answer a = d().call(ssrlink_sweep, with_actor(R"("scope": "district", "dry_run": true)"));
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("students_checked").to_number<int>(), 4) << a.text;
  EXPECT_EQ(a.json.at("no_ssid").to_number<int>(), 0) << a.text;
  EXPECT_EQ(a.json.at("new_reports").to_number<int>(), 4) << a.text;
  EXPECT_EQ(a.json.at("notices_queued").to_number<int>(), 4) << a.text;
  EXPECT_EQ(a.json.at("no_email").to_number<int>(), 0) << a.text;
  EXPECT_TRUE(a.json.at("errors").as_object().empty()) << a.text;
}

TEST_F(DifferentNames, TheMappingChecksOut) {
  const answer a = d().call(ssrlink_check_mapping, with_actor());
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("dialect").as_string(), "postgresql") << a.text;
  EXPECT_TRUE(a.json.at("ok").as_bool()) << a.text;
  for (const char *list : {"checks", "statements"}) {
    for (const auto &item : a.json.at(list).as_array()) {
      SCOPED_TRACE(boost::json::serialize(item));
      EXPECT_NE(item.at("status").as_string(), "fail");
    }
  }
}

}  // namespace
}  // namespace ssrlink::e2e::mapping
