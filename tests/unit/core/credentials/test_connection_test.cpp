#include <gmock/gmock.h>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::AnyOf;
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

// Rule 1 of test_connection: a pair typed into the setup form, tested before it is saved.
TEST_F(test_connection_test, a_typed_pair_is_tested_as_typed_and_nothing_is_stored) {
  const auto rows_before = store.list().size();
  EXPECT_CALL(ets, check_credentials(AllOf(Field(&ets_credentials::scope, "0100"),
                                           Field(&ets_credentials::username, "new-user"),
                                           Field(&ets_credentials::secret_key, "Typed-Secret-1"),
                                           Field(&ets_credentials::set_id, ""))))
      .WillOnce(Return(ets_token_result{true, {}}));
  const auto result = call(admin.test_connection(
      R"({"scope": "0100", "username": " new-user ", "secret_key": "Typed-Secret-1\n"})"));
  EXPECT_EQ(result.at("ok"), true);
  EXPECT_EQ(result.at("saved"), false);
  EXPECT_THAT(std::string(result.at("message").as_string()),
              AllOf(HasSubstr("Connected"), HasSubstr(std::string(not_saved_sentence))));
  EXPECT_EQ(store.list().size(), rows_before);
  EXPECT_FALSE(store.get("0100").has_value());
}

TEST_F(test_connection_test, a_typed_pair_is_tested_even_where_a_pair_is_stored) {
  // The district's stored pair is not used: the form tests what the administrator typed.
  EXPECT_CALL(ets, check_credentials(AllOf(Field(&ets_credentials::username, "replacement"),
                                           Field(&ets_credentials::secret_key, "Other-Secret"))))
      .WillOnce(Return(refused(ets_error::not_authorized, ets_fault::answered, 401)));
  const auto result = call(admin.test_connection(
      R"({"scope": "district", "username": "replacement", "secret_key": "Other-Secret"})"));
  EXPECT_EQ(result.at("ok"), false);
  EXPECT_THAT(std::string(result.at("message").as_string()),
              AllOf(HasSubstr("ETS refused"), HasSubstr(std::string(not_saved_sentence))));
  EXPECT_EQ(store.get("district")->username, "lea-user");
}

TEST_F(test_connection_test, a_typed_pair_meets_the_rules_of_put) {
  EXPECT_CALL(ets, check_credentials(_)).Times(0);
  for (const char *request :
       {R"({"scope": "district", "secret_key": "s"})", R"({"scope": "district", "username": "u"})",
        R"({"scope": "district", "username": "", "secret_key": "s"})",
        R"({"scope": "district", "username": "u", "secret_key": " "})",
        R"({"scope": "district", "username": "u\u0007", "secret_key": "s"})"}) {
    const failure f = thrown([&] { admin.test_connection(request); });
    EXPECT_EQ(f.code(), status::invalid_argument) << request;
    EXPECT_THAT(f.what(), AnyOf(HasSubstr("username"), HasSubstr("secret_key"))) << request;
  }
}

}  // namespace
}  // namespace ssrlink::core::testing
