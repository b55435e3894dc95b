// The fault matrix: every transport fault ends in the expected failure, in bounded time.
#include <gtest/gtest.h>

#include "ets/ets_client_factory.hpp"
#include "test_support.hpp"

namespace ssrlink::ets::testing {
namespace {

using core::ets_error;
using core::ets_fault;
using namespace std::chrono_literals;

class ets_faults : public ::testing::Test {
 protected:
  static constexpr auto timeout = 2000ms;
  recording_logger log;
  system_clock clock;
  std::unique_ptr<core::ets_client> client =
      make_ets_client(settings_for(server(), timeout), log, clock);

  void SetUp() override {
    // Warm the token so the fault under test is the only thing that can go wrong.
    ASSERT_TRUE(client->check_credentials(district()).ok);
    server().post("reset-stats");
  }
  void TearDown() override { EXPECT_FALSE(leaked_secret(log)); }

  // Fetches and checks the failure and that it came within three deadlines.
  core::ets_failure fails(const std::string &id, ets_fault fault) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = client->fetch_reports(district(), id);
    const auto took = std::chrono::steady_clock::now() - start;
    EXPECT_LT(took, 3 * timeout);
    if (r.ok()) {
      ADD_FAILURE() << "succeeded";
      return {};
    }
    EXPECT_EQ(r.failure().error, ets_error::processing_error) << r.failure().detail;
    EXPECT_EQ(r.failure().fault, fault) << r.failure().detail;
    EXPECT_FALSE(r.failure().detail.empty());
    return r.failure();
  }
};

TEST_F(ets_faults, refused_connection_is_unreachable) {
  auto settings = settings_for(server(), timeout);
  settings.base_url = "https://127.0.0.1:" + std::to_string(closed_port()) + "/api/v1";
  client = make_ets_client(settings, log, clock);
  fails(ssid::reports, ets_fault::unreachable);
  EXPECT_TRUE(log.mentions("gave up"));
}

TEST_F(ets_faults, slow_answer_times_out) {
  const auto f = fails(ssid::latency, ets_fault::timed_out);
  EXPECT_EQ(f.http_status, 0);
}

TEST_F(ets_faults, stalled_body_times_out) {
  fails(ssid::stall_body, ets_fault::timed_out);
}

TEST_F(ets_faults, reset_without_answer_is_unreachable_after_bounded_retries) {
  fails(ssid::reset, ets_fault::unreachable);
  const auto tries = server().stat("report_requests");
  EXPECT_GE(tries, 2);
  // Four attempts, plus one when the first went out on the warm pooled connection: a reset
  // there looks exactly like a stale keep-alive connection and gets one fresh connection.
  EXPECT_LE(tries, 5);
  EXPECT_TRUE(log.mentions("retry"));
}

TEST_F(ets_faults, reset_mid_body_is_a_bad_response) {
  fails(ssid::reset_mid_body, ets_fault::bad_response);
}

TEST_F(ets_faults, persistent_503_is_rate_limited_after_retries) {
  const auto f = fails(ssid::status_503, ets_fault::rate_limited);
  EXPECT_EQ(f.http_status, 503);
  EXPECT_GE(server().stat("report_requests"), 2);
}

TEST_F(ets_faults, long_retry_after_gives_up_at_once_rather_than_pass_the_deadline) {
  const auto f = fails(ssid::rate_limited_long, ets_fault::rate_limited);
  EXPECT_EQ(f.http_status, 429);
  EXPECT_EQ(server().stat("report_requests"), 1);
}

TEST_F(ets_faults, html_error_page_is_a_bad_response_with_its_status) {
  const auto f = fails(ssid::html_error, ets_fault::bad_response);
  EXPECT_EQ(f.http_status, 500);
  EXPECT_EQ(server().stat("report_requests"), 1) << "500 is never retried";
}

TEST_F(ets_faults, twenty_mebibyte_body_is_refused) {
  const auto f = fails(ssid::huge_body, ets_fault::bad_response);
  EXPECT_NE(f.detail.find("4 MiB"), std::string::npos) << f.detail;
}

TEST_F(ets_faults, gateway_errors_are_retried_until_success) {
  const auto r = client->fetch_reports(district(), ssid::status_502_twice);
  ASSERT_TRUE(r.ok()) << r.failure().detail;
  EXPECT_EQ(server().stat("report_requests"), 3);
  const auto r2 = client->fetch_reports(district(), ssid::status_504_once);
  ASSERT_TRUE(r2.ok()) << r2.failure().detail;
  EXPECT_EQ(server().stat("report_requests"), 5);
}

TEST_F(ets_faults, retry_after_is_honoured_then_success) {
  client = make_ets_client(settings_for(server(), 5000ms), log, clock);
  const auto start = std::chrono::steady_clock::now();
  const auto r = client->fetch_reports(district(), ssid::rate_limited_once);
  ASSERT_TRUE(r.ok()) << r.failure().detail;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5000ms);
  EXPECT_EQ(server().stat("report_requests"), 2);
  EXPECT_TRUE(log.mentions("retry 1 in 1000 ms"));
}

}  // namespace
}  // namespace ssrlink::ets::testing
