// credential_admin::probe (ssrlink_ets_probe) over a mock ETS client, and the report's JSON and
// text (probe_report.hpp).
#include <gmock/gmock.h>

#include "core/credentials/probe_report.hpp"
#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::Eq;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Return;

ets_probe_step matching_token_step() {
  ets_probe_step step;
  step.name = "token";
  step.request = "POST /api/v1/token (json: username, secretKey)";
  step.http_status = 200;
  step.headers = {{"Content-Type", "application/json"}, {"Set-Cookie", "(31 bytes, not shown)"}};
  step.shape = {"token: string", "expiresIn: number"};
  step.found = {"token", "expiresIn"};
  step.verdict = "a usable token (lifetime 3600 s)";
  return step;
}

ets_probe_report report_of(std::vector<ets_probe_step> steps) {
  ets_probe_report report;
  report.profile_name = "ssrlink default";
  report.profile_source = "built-in";
  report.steps = std::move(steps);
  return report;
}

class probe_test : public credentials_fixture {
 protected:
  void SetUp() override { put("district", "lea-user", district_secret, day_text(200)); }
};

TEST_F(probe_test, probes_with_the_scopes_pair_and_the_ssid_given) {
  EXPECT_CALL(ets, probe(AllOf(Field(&ets_credentials::scope, "district"),
                               Field(&ets_credentials::secret_key, district_secret)),
                         Eq(std::optional<std::string>("1234567890"))))
      .WillOnce(Return(report_of({matching_token_step()})));
  const auto result = call(admin.probe(R"({"scope": "district", "ssid": "1234567890"})"));
  EXPECT_EQ(result.at("matched"), true);
  EXPECT_EQ(result.at("first_mismatch"), "");
  EXPECT_EQ(result.at("scope"), "the district");
  EXPECT_EQ(result.at("profile").at("source"), "built-in");
  EXPECT_EQ(result.at("steps").as_array().size(), 1U);
  EXPECT_EQ(log.at(log_level::info).back(),
            "ETS probe for the district: every answer matched the wire profile");
  // The SSID goes to ETS and nowhere else.
  EXPECT_THAT(boost::json::serialize(result), Not(HasSubstr("1234567890")));
}

TEST_F(probe_test, without_an_ssid_only_the_token_step_is_asked_for) {
  EXPECT_CALL(ets, probe(_, Eq(std::nullopt))).WillOnce(Return(report_of({matching_token_step()})));
  call(admin.probe(R"({"scope": "district"})"));
}

TEST_F(probe_test, a_mismatch_is_a_successful_call_that_names_the_first_difference) {
  ets_probe_step reports;
  reports.name = "reports";
  reports.http_status = 200;
  reports.missing = {"data.scoreReports[].downloadLink (url): absent"};
  reports.first_mismatch = "data.scoreReports[].downloadLink (url) is absent";
  reports.verdict = "not usable: processing_error / bad_response";
  EXPECT_CALL(ets, probe(_, _)).WillOnce(Return(report_of({matching_token_step(), reports})));
  const auto result = call(admin.probe(R"({"scope": "district", "ssid": "1234567890"})"));
  EXPECT_EQ(result.at("matched"), false);
  EXPECT_EQ(result.at("first_mismatch"),
            "reports: data.scoreReports[].downloadLink (url) is absent");
  const std::string text(result.at("text").as_string());
  EXPECT_THAT(text, HasSubstr("2. reports:"));
  EXPECT_THAT(text, HasSubstr("first difference: data.scoreReports[].downloadLink (url)"));
  EXPECT_THAT(text, HasSubstr("Result: the answers differ from the wire profile"));
  EXPECT_THAT(log.at(log_level::warning).back(), HasSubstr("first difference: reports: "));
}

TEST_F(probe_test, bad_requests_name_the_key_and_unknown_scopes_say_what_to_do) {
  for (const char *bad : {R"({"scope": "district", "ssid": "12345"})",
                          R"({"scope": "district", "ssid": "12345678x0"})",
                          R"({"scope": "district", "ssid": 1234567890})"}) {
    const failure f = thrown([&] { admin.probe(bad); });
    EXPECT_EQ(f.code(), status::invalid_argument) << bad;
    EXPECT_THAT(f.what(), HasSubstr("\"ssid\"")) << bad;
  }
  EXPECT_EQ(thrown([&] { admin.probe(R"({"scope": "district", "extra": 1})"); }).code(),
            status::invalid_argument);
  const failure unknown = thrown([&] { admin.probe(R"({"scope": "0099"})"); });
  EXPECT_EQ(unknown.code(), status::not_found);
  EXPECT_THAT(unknown.what(), HasSubstr("enter its User Name and Secret Key first"));
}

TEST(probe_report, the_text_holds_every_part_of_every_step) {
  const std::string text = probe_report_text(report_of({matching_token_step()}), "the district");
  EXPECT_THAT(text, HasSubstr("Wire profile: ssrlink default (built-in)"));
  EXPECT_THAT(text, HasSubstr("Credentials: the district"));
  EXPECT_THAT(text, HasSubstr("1. token: POST /api/v1/token (json: username, secretKey)"));
  EXPECT_THAT(text, HasSubstr("   HTTP 200\n"));
  EXPECT_THAT(text, HasSubstr("     Set-Cookie: (31 bytes, not shown)\n"));
  EXPECT_THAT(text, HasSubstr("     token: string\n"));
  EXPECT_THAT(text, HasSubstr("   expected and missing: none\n"));
  EXPECT_THAT(text, HasSubstr("   ssrlink reads it as: a usable token (lifetime 3600 s)\n"));
  EXPECT_THAT(text, HasSubstr("Result: every answer matched the wire profile."));
}

TEST(probe_report, control_characters_cannot_forge_a_line) {
  ets_probe_step step = matching_token_step();
  step.headers = {{"X-Evil\r\nResult: every answer matched", "v\n1"}};
  step.first_mismatch = "HTTP 500\nResult: fine";
  const std::string text = probe_report_text(report_of({step}), "the district");
  EXPECT_THAT(text, Not(HasSubstr("\nResult: every answer matched")));
  EXPECT_THAT(text, Not(HasSubstr("\nResult: fine")));
  EXPECT_THAT(text, HasSubstr("X-Evil  Result: every answer matched: v 1"));
}

TEST(probe_report, a_transport_failure_and_an_empty_report_are_said_plainly) {
  ets_probe_step step;
  step.name = "token";
  step.request = "POST /api/v1/token (json: username, secretKey)";
  step.transport_failure = "connect: connection refused";
  step.first_mismatch = "no answer: connect: connection refused";
  const std::string text = probe_report_text(report_of({step}), "school 7");
  EXPECT_THAT(text, HasSubstr("   no answer: connect: connection refused\n"));
  EXPECT_FALSE(report_of({step}).matched());
  EXPECT_EQ(first_mismatch(report_of({})), "nothing was asked of ETS");
  EXPECT_FALSE(report_of({}).matched());
}

}  // namespace
}  // namespace ssrlink::core::testing
