// The messages people see for every ETS answer, and hostile data from ETS kept off the page.
#include <gtest/gtest.h>

#include <string>

#include "page_world.hpp"

namespace ssrlink::e2e {
namespace {

const std::string staff = R"({"role": "staff", "user_id": "clerk", "permitted": true})";

void expect_message(std::int64_t student, const char *outcome, const char *message) {
  SCOPED_TRACE(message);
  const answer a = shared->page(student, staff);
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("outcome").as_string(), outcome);
  EXPECT_EQ(a.json.at("message").as_string(), message);
  EXPECT_NE(std::string(a.json.at("html").as_string()).find(message), std::string::npos);
}

TEST(PageMessages, EveryEtsAnswerHasItsSentence) {
  expect_message(no_data, "no_reports", "Student does not have any test data");
  expect_message(mismatch, "ets_error",
                 "Student enrollment record does not match calling district");
  expect_message(unknown_ssid, "ets_error", "Student identification number not found");
  expect_message(ets_internal, "ets_error", "Internal error occurred");
  expect_message(no_ssid, "no_ssid",
                 "Student does not have a Statewide Student ID (SSID) assigned");
}

TEST(PageMessages, SpanishUi) {
  const answer a = shared->page(no_data, staff, R"(, "ui_language": "es")");
  ASSERT_EQ(a.status, SSRLINK_OK);
  EXPECT_NE(std::string(a.json.at("html").as_string()).find("lang=\"es\""), std::string::npos);
  EXPECT_NE(a.json.at("message").as_string(), "Student does not have any test data");
}

TEST(PageMessages, HostileEtsDataNeverReachesThePageUnescaped) {
  const answer a = shared->page(hostile, staff);
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  const std::string html(a.json.at("html").as_string());
  for (const char *bad : {"<script", "javascript:", "data:", "http://", "onerror=", "<img"}) {
    EXPECT_EQ(html.find(bad), std::string::npos) << bad << " in " << html;
  }
  for (const auto &report : a.json.at("reports").as_array()) {
    EXPECT_EQ(std::string(report.at("url").as_string()).rfind("https://127.0.0.1:", 0), 0u);
  }
  // The dropped links were logged without their query strings.
  bool noted = false;
  for (const auto &line : logged()) {
    EXPECT_EQ(line.find("X-Amz-Signature"), std::string::npos) << line;
    noted = noted || line.find("javascript") != std::string::npos ||
            line.find("dropped") != std::string::npos;
  }
  EXPECT_TRUE(noted);
}

}  // namespace
}  // namespace ssrlink::e2e
