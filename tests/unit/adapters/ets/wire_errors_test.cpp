// map_error: the error-code table, and everything that is not in it.
#include <gtest/gtest.h>

#include <string>

#include "ets/wire.hpp"

namespace ssrlink::ets::wire {
namespace {

using core::ets_error;
using core::ets_fault;

struct code_case {
  int status;
  const char *code;
  ets_error error;
};

void PrintTo(const code_case &c, std::ostream *os) {
  *os << c.status << " " << c.code;
}

class known_codes : public ::testing::TestWithParam<code_case> {};

TEST_P(known_codes, map_to_their_error_as_answered) {
  const auto &c = GetParam();
  const std::string body =
      std::string(R"({"errorCode":")") + c.code + R"(","message":"whatever ETS says"})";
  const auto f = map_error(default_profile(), c.status, body);
  EXPECT_EQ(f.error, c.error);
  EXPECT_EQ(f.fault, ets_fault::answered);
  EXPECT_EQ(f.http_status, c.status);
  EXPECT_EQ(f.detail, "HTTP " + std::to_string(c.status) + " " + c.code);
}

INSTANTIATE_TEST_SUITE_P(
    contract_table, known_codes,
    ::testing::Values(code_case{401, "NOT_AUTHORIZED", ets_error::not_authorized},
                      code_case{403, "NOT_AUTHORIZED", ets_error::not_authorized},
                      code_case{404, "NO_TEST_DATA", ets_error::no_test_data},
                      code_case{404, "SSID_NOT_FOUND", ets_error::ssid_not_found},
                      code_case{403, "ENROLLMENT_MISMATCH", ets_error::enrollment_mismatch},
                      code_case{500, "INTERNAL_ERROR", ets_error::internal_error}),
    [](const ::testing::TestParamInfo<code_case> &param) {
      return std::string(param.param.code) + "_" + std::to_string(param.param.status);
    });

TEST(map_error, unknown_code_is_a_processing_error_naming_the_code) {
  const auto f =
      map_error(default_profile(), 400, R"({"errorCode":"SSID_FORMAT","message":"bad"})");
  EXPECT_EQ(f.error, ets_error::processing_error);
  EXPECT_EQ(f.fault, ets_fault::bad_response);
  EXPECT_EQ(f.http_status, 400);
  EXPECT_NE(f.detail.find("SSID_FORMAT"), std::string::npos);
}

TEST(map_error, codes_are_case_sensitive) {
  const auto f = map_error(default_profile(), 404, R"({"errorCode":"no_test_data"})");
  EXPECT_EQ(f.error, ets_error::processing_error);
}

TEST(map_error, html_error_page_is_a_bad_response_with_a_clean_excerpt) {
  const std::string html =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n\t<body>nginx</body></html>";
  const auto f = map_error(default_profile(), 502, html);
  EXPECT_EQ(f.error, ets_error::processing_error);
  EXPECT_EQ(f.fault, ets_fault::bad_response);
  EXPECT_EQ(f.http_status, 502);
  EXPECT_EQ(
      f.detail,
      "HTTP 502: <html> <head><title>502 Bad Gateway</title></head> <body>nginx</body></html>");
}

TEST(map_error, empty_body_says_so) {
  const auto f = map_error(default_profile(), 500, "");
  EXPECT_EQ(f.error, ets_error::processing_error);
  EXPECT_EQ(f.fault, ets_fault::bad_response);
  EXPECT_EQ(f.detail, "HTTP 500: empty body");
}

TEST(map_error, json_without_error_code_is_a_processing_error) {
  EXPECT_EQ(map_error(default_profile(), 404, R"({"message":"nope"})").error,
            ets_error::processing_error);
  EXPECT_EQ(map_error(default_profile(), 404, R"(["NO_TEST_DATA"])").error,
            ets_error::processing_error);
  EXPECT_EQ(map_error(default_profile(), 404, R"({"errorCode":404})").error,
            ets_error::processing_error);
}

TEST(map_error, throttling_without_a_known_code_is_rate_limited) {
  EXPECT_EQ(map_error(default_profile(), 429, "").fault, ets_fault::rate_limited);
  EXPECT_EQ(map_error(default_profile(), 503, "<html>busy</html>").fault, ets_fault::rate_limited);
  EXPECT_EQ(map_error(default_profile(), 504, "").fault, ets_fault::bad_response);
}

TEST(map_error, detail_is_short_and_free_of_control_characters_and_invalid_utf8) {
  std::string body(100000, 'x');
  body[3] = '\n';
  body[5] = '\x1b';
  body[7] = '\xff';
  const auto f = map_error(default_profile(), 500, body);
  const std::string prefix = "HTTP 500: ";
  ASSERT_EQ(f.detail.rfind(prefix, 0), 0u);
  EXPECT_EQ(f.detail.size(), prefix.size() + detail_excerpt_chars);
  for (const char c : f.detail) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 && u < 0x7f) << "byte " << int(u);
  }
}

TEST(body_excerpt, folds_whitespace_and_trims) {
  EXPECT_EQ(body_excerpt("  a\r\n\r\n  b\t\t"), "a b");
  EXPECT_EQ(body_excerpt(""), "");
  EXPECT_EQ(body_excerpt("\x01\x02\x7f"), "");
}

TEST(map_error, a_body_over_the_small_answer_bound_is_not_parsed_for_a_code) {
  const std::string padded = R"({"errorCode":"NO_TEST_DATA","padding":")" +
                             std::string(max_small_answer_bytes, 'x') + R"("})";
  const auto f = map_error(default_profile(), 404, padded);
  EXPECT_EQ(f.error, ets_error::processing_error);
  EXPECT_EQ(f.fault, ets_fault::bad_response);
  EXPECT_LT(f.detail.size(), 300u);
}

}  // namespace
}  // namespace ssrlink::ets::wire
