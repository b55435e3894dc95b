// parse_token_response: the token endpoint's answers.
#include <gtest/gtest.h>

#include "ets/wire.hpp"

namespace ssrlink::ets::wire {
namespace {

using core::ets_error;
using core::ets_fault;

TEST(parse_token_response, golden_grant) {
  const auto r =
      parse_token_response(default_profile(), 200, R"({"token":"abc.DEF-123","expiresIn":1800})");
  ASSERT_TRUE(std::holds_alternative<token_grant>(r));
  EXPECT_EQ(std::get<token_grant>(r).token, "abc.DEF-123");
  EXPECT_EQ(std::get<token_grant>(r).expires_in, std::chrono::seconds{1800});
}

TEST(parse_token_response,
     missing_or_null_expires_in_means_an_hour_and_unknown_fields_are_ignored) {
  for (const char *body : {R"({"token":"t","tokenType":"Bearer","scope":["x"]})",
                           R"({"token":"t","expiresIn":null})"}) {
    const auto r = parse_token_response(default_profile(), 200, body);
    ASSERT_TRUE(std::holds_alternative<token_grant>(r)) << body;
    EXPECT_EQ(std::get<token_grant>(r).expires_in, std::chrono::seconds{3600});
  }
}

TEST(parse_token_response, absurd_lifetimes_are_capped_at_a_day) {
  for (const char *body : {R"({"token":"t","expiresIn":99999999})",
                           R"({"token":"t","expiresIn":18446744073709551615})",
                           R"({"token":"t","expiresIn":1e300})"}) {
    const auto r = parse_token_response(default_profile(), 200, body);
    ASSERT_TRUE(std::holds_alternative<token_grant>(r)) << body;
    EXPECT_EQ(std::get<token_grant>(r).expires_in, std::chrono::seconds{86400}) << body;
  }
}

TEST(parse_token_response, unusable_lifetimes_are_bad_responses) {
  for (const char *body :
       {R"({"token":"t","expiresIn":0})", R"({"token":"t","expiresIn":-5})",
        R"({"token":"t","expiresIn":"3600"})", R"({"token":"t","expiresIn":0.5})"}) {
    const auto r = parse_token_response(default_profile(), 200, body);
    ASSERT_TRUE(std::holds_alternative<core::ets_failure>(r)) << body;
    EXPECT_EQ(std::get<core::ets_failure>(r).fault, ets_fault::bad_response) << body;
  }
}

TEST(parse_token_response, tokens_that_could_break_a_header_are_refused_and_not_echoed) {
  for (const char *body :
       {R"({"token":"abc\r\nX-Evil: 1"})", R"({"token":"has space"})", R"({"token":""})",
        R"({"token":42})", R"({"access_token":"t"})", R"({"token":"caf\u00e9"})"}) {
    const auto r = parse_token_response(default_profile(), 200, body);
    ASSERT_TRUE(std::holds_alternative<core::ets_failure>(r)) << body;
    const auto &f = std::get<core::ets_failure>(r);
    EXPECT_EQ(f.error, ets_error::processing_error);
    EXPECT_EQ(f.detail.find("abc"), std::string::npos);
  }
}

TEST(parse_token_response, not_json_is_a_bad_response) {
  for (const char *body : {"", "<html>ok</html>", R"({"token":"t")", "[]"}) {
    const auto r = parse_token_response(default_profile(), 200, body);
    ASSERT_TRUE(std::holds_alternative<core::ets_failure>(r)) << body;
    EXPECT_EQ(std::get<core::ets_failure>(r).fault, ets_fault::bad_response);
  }
}

TEST(parse_token_response, refused_credentials_are_not_authorized) {
  const auto r = parse_token_response(default_profile(), 401,
                                      R"({"errorCode":"NOT_AUTHORIZED","message":"no"})");
  ASSERT_TRUE(std::holds_alternative<core::ets_failure>(r));
  EXPECT_EQ(std::get<core::ets_failure>(r).error, ets_error::not_authorized);
  EXPECT_EQ(std::get<core::ets_failure>(r).fault, ets_fault::answered);
}

TEST(parse_token_response, a_body_over_the_small_answer_bound_is_refused_unparsed) {
  // Valid JSON with a usable token: only its size is wrong. It would be parsed on the io thread.
  const std::string body =
      R"({"token":"t","padding":")" + std::string(max_small_answer_bytes, 'x') + R"("})";
  const auto r = parse_token_response(default_profile(), 200, body);
  ASSERT_TRUE(std::holds_alternative<core::ets_failure>(r));
  EXPECT_EQ(std::get<core::ets_failure>(r).fault, ets_fault::bad_response);
  EXPECT_NE(std::get<core::ets_failure>(r).detail.find("64 KiB"), std::string::npos);
}

// The one check for what may go into an Authorization header, used for ETS's own tokens and for
// tokens adopted from other processes.
TEST(usable_token, printable_ascii_without_spaces_up_to_the_bound) {
  EXPECT_TRUE(usable_token("eyJhbGciOi.J9-_~+/="));
  EXPECT_TRUE(usable_token(std::string(max_token_chars, 'a')));
  EXPECT_FALSE(usable_token(""));
  EXPECT_FALSE(usable_token(std::string(max_token_chars + 1, 'a')));
  EXPECT_FALSE(usable_token("two words"));
  EXPECT_FALSE(usable_token("line\r\nX-Injected: 1"));
  EXPECT_FALSE(usable_token("tab\there"));
  EXPECT_FALSE(usable_token("caf\xC3\xA9"));
  EXPECT_FALSE(usable_token(std::string("nul\0byte", 8)));
}

}  // namespace
}  // namespace ssrlink::ets::wire
