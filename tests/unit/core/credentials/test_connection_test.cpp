#include <gmock/gmock.h>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Return;

ets_token_result refused(ets_error error, ets_fault fault, int http_status = 0) {
  ets_token_result r;
  r.ok = false;
  r.failure.error = error;
  r.failure.fault = fault;
  r.failure.http_status = http_status;
  r.failure.detail = "connect: 127.0.0.1:443";
  return r;
}

class test_connection_test : public credentials_fixture {
 protected:
  void SetUp() override {
    put("district", "lea-user", district_secret, day_text(200));
    put("0042", "school-user", school_secret, day_text(200));
  }

  // Runs test_connection for `scope` with ETS answering `answer`; returns {ok, message}.
  std::pair<bool, std::string> test_with(const std::string &scope, const ets_token_result &answer) {
    EXPECT_CALL(ets, check_credentials(_)).WillOnce(Return(answer));
    const auto result = call(admin.test_connection(R"({"scope": ")" + scope + "\"}"));
    return {result.at("ok").as_bool(), std::string(result.at("message").as_string())};
  }
};

TEST_F(test_connection_test, asks_ets_with_the_scopes_own_pair_in_clear) {
  EXPECT_CALL(ets, check_credentials(AllOf(Field(&ets_credentials::scope, "0042"),
                                           Field(&ets_credentials::username, "school-user"),
                                           Field(&ets_credentials::secret_key, school_secret))))
      .WillOnce(Return(ets_token_result{true, {}}));
  EXPECT_EQ(call(admin.test_connection(R"({"scope": "0042"})")).at("ok"), true);
}

TEST_F(test_connection_test, good_pair) {
  const auto [ok, message] = test_with("district", ets_token_result{true, {}});
  EXPECT_TRUE(ok);
  EXPECT_THAT(message, HasSubstr("Connected"));
  EXPECT_THAT(message, HasSubstr("the district"));
  EXPECT_EQ(log.at(log_level::info).back(), "Test connection for the district: " + message);
}

TEST_F(test_connection_test, good_pair_close_to_expiry_also_carries_the_warning) {
  clock.set(test_start() + std::chrono::days{195});
  const auto [ok, message] = test_with("district", ets_token_result{true, {}});
  EXPECT_TRUE(ok);
  EXPECT_THAT(message, HasSubstr("expire in 5 days"));
}

TEST_F(test_connection_test, wrong_or_superseded_pair) {
  const auto [ok, message] =
      test_with("0042", refused(ets_error::not_authorized, ets_fault::answered, 401));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("ETS refused the TOMS credentials for school 0042"));
  EXPECT_THAT(message, HasSubstr("only the most recently generated pair is valid"));
  EXPECT_THAT(message, HasSubstr("regenerated it in TOMS"));
  EXPECT_THAT(message, HasSubstr("another vendor"));
}

TEST_F(test_connection_test, refused_expired_pair_says_it_expired) {
  clock.set(test_start() + std::chrono::days{201});
  const auto [ok, message] =
      test_with("district", refused(ets_error::not_authorized, ets_fault::answered, 401));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("expired on " + day_text(200)));
}

TEST_F(test_connection_test, ets_unreachable) {
  const auto [ok, message] =
      test_with("district", refused(ets_error::processing_error, ets_fault::unreachable));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("Could not reach ETS"));
  EXPECT_THAT(message, HasSubstr("firewall"));
  EXPECT_THAT(message, HasSubstr("were not checked"));
}

TEST_F(test_connection_test, ets_timed_out) {
  const auto [ok, message] =
      test_with("district", refused(ets_error::processing_error, ets_fault::timed_out));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("did not answer within the configured timeout"));
}

TEST_F(test_connection_test, certificate_problem) {
  const auto [ok, message] =
      test_with("district", refused(ets_error::processing_error, ets_fault::tls));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("certificate could not be verified"));
  EXPECT_THAT(message, HasSubstr("ets.ca_file"));
}

TEST_F(test_connection_test, rate_limited) {
  const auto [ok, message] =
      test_with("district", refused(ets_error::processing_error, ets_fault::rate_limited, 429));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("busy"));
  EXPECT_THAT(message, HasSubstr("HTTP 429"));
}

TEST_F(test_connection_test, other_answers) {
  const auto [ok, message] =
      test_with("district", refused(ets_error::internal_error, ets_fault::bad_response, 502));
  EXPECT_FALSE(ok);
  EXPECT_THAT(message, HasSubstr("not with a token (HTTP 502)"));
  EXPECT_THAT(message, HasSubstr("CalTAC"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("127.0.0.1")));  // detail stays in the log
}

TEST_F(test_connection_test, unknown_scope_is_not_found_with_a_sentence) {
  const auto f = thrown([&] { admin.test_connection(R"({"scope": "0777"})"); });
  EXPECT_EQ(f.code(), status::not_found);
  EXPECT_THAT(f.what(), HasSubstr("No TOMS credentials are stored for school 0777"));
}

TEST_F(test_connection_test, malformed_request_is_an_invalid_argument) {
  EXPECT_EQ(thrown([&] { admin.test_connection("{}"); }).code(), status::invalid_argument);
  EXPECT_EQ(thrown([&] { admin.test_connection(R"({"scope": "district", "x": 1})"); }).code(),
            status::invalid_argument);
}

}  // namespace
}  // namespace ssrlink::core::testing
