#include "core/mapping_check/mapping_check_service.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "observations_fixture.hpp"

namespace ssrlink::core {
namespace {

using ::testing::HasSubstr;

class fixed_inspector final : public mapping_inspector {
 public:
  explicit fixed_inspector(mapping_observations seen) : seen_(std::move(seen)) {}
  mapping_observations observe(std::optional<std::int64_t> sample_student_id) override {
    asked = sample_student_id;
    ++calls;
    return seen_;
  }
  std::optional<std::int64_t> asked;
  int calls = 0;

 private:
  mapping_observations seen_;
};

TEST(MappingCheckService, ReportsEveryCheckAndStatementAsJson) {
  fixed_inspector inspector(testing::clean_mapping());
  mapping_check_service service(inspector);
  const call_result result = service.check(R"({"student_id": 1004})");
  EXPECT_EQ(result.code, status::ok);
  EXPECT_EQ(inspector.asked, 1004);
  const boost::json::object report = boost::json::parse(result.json).as_object();
  EXPECT_EQ(report.at("ok"), true);
  EXPECT_EQ(report.at("dialect"), "postgresql");
  const boost::json::array &checks = report.at("checks").as_array();
  ASSERT_EQ(checks.size(), 15U);
  const boost::json::object &first = checks[0].as_object();
  EXPECT_EQ(first.at("check"), "columns");
  EXPECT_EQ(first.at("view"), "ssrlink_student");
  EXPECT_EQ(first.at("status"), "pass");
  EXPECT_TRUE(first.at("message").is_string());
  EXPECT_TRUE(first.at("examples").as_array().empty());
  const boost::json::object &statement = report.at("statements").as_array()[0].as_object();
  EXPECT_EQ(statement.at("name"), "page_facts");
  for (const char *key : {"purpose", "sql", "status", "message", "full_scans", "plan"}) {
    EXPECT_TRUE(statement.contains(key)) << key;
  }
}

TEST(MappingCheckService, AFailingCheckIsStillASuccessfulCallWithOkFalse) {
  mapping_observations seen = testing::clean_mapping();
  seen.students.add(testing::student("1003"));
  fixed_inspector inspector(seen);
  mapping_check_service service(inspector);
  const call_result result = service.check("{}");
  EXPECT_EQ(result.code, status::ok);
  EXPECT_FALSE(inspector.asked);
  EXPECT_EQ(boost::json::parse(result.json).at("ok"), false);
  EXPECT_THAT(result.json, HasSubstr("student_id 1003 (2 rows)"));
}

TEST(MappingCheckService, AnEmptyRequestMeansNoStudent) {
  fixed_inspector inspector(testing::clean_mapping());
  mapping_check_service service(inspector);
  EXPECT_EQ(service.check("").code, status::ok);
  EXPECT_FALSE(inspector.asked);
}

TEST(MappingCheckService, BadRequestsAreRefusedBeforeTheDatabaseIsAsked) {
  fixed_inspector inspector(testing::clean_mapping());
  mapping_check_service service(inspector);
  for (const char *request : {R"({"student_id": "1004"})", R"({"studentid": 1})", "[1]", "{"}) {
    try {
      service.check(request);
      ADD_FAILURE() << request;
    } catch (const failure &f) {
      EXPECT_EQ(f.code(), status::invalid_argument) << request;
    }
  }
  EXPECT_EQ(inspector.calls, 0);
}

}  // namespace
}  // namespace ssrlink::core
