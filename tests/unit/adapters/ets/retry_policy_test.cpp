// Retry decisions and waits: pure arithmetic, jitter passed in.
#include "ets/retry_policy.hpp"

#include <gtest/gtest.h>

namespace ssrlink::ets {
namespace {

using namespace std::chrono_literals;

TEST(retryable_status, only_throttling_and_gateway_errors) {
  for (int s : {429, 502, 503, 504}) {
    EXPECT_TRUE(retryable_status(s)) << s;
  }
  for (int s : {200, 400, 401, 403, 404, 408, 500, 501, 505}) {
    EXPECT_FALSE(retryable_status(s)) << s;
  }
}

TEST(parse_retry_after, delta_seconds) {
  EXPECT_EQ(parse_retry_after("3"), 3s);
  EXPECT_EQ(parse_retry_after(" 120 "), 120s);
  EXPECT_EQ(parse_retry_after("0"), 0s);
  EXPECT_EQ(parse_retry_after("9999999999"), 9999999999s);
}

TEST(parse_retry_after, anything_else_is_unknown) {
  for (const char *v : {"", " ", "-1", "1.5", "3s", "Wed, 21 Oct 2015 07:28:00 GMT",
                        "99999999999999999999", "+3"}) {
    EXPECT_FALSE(parse_retry_after(v).has_value()) << v;
  }
}

TEST(retry_policy, backoff_doubles_with_equal_jitter_and_is_capped) {
  const retry_policy p{retry_settings{4, 100ms, 1000ms, 5000ms}};
  EXPECT_EQ(p.backoff(1, 0.0), 50ms);
  EXPECT_EQ(p.backoff(1, 0.999), 99ms);
  EXPECT_EQ(p.backoff(2, 0.0), 100ms);
  EXPECT_EQ(p.backoff(3, 0.5), 300ms);
  EXPECT_EQ(p.backoff(10, 0.0), 500ms);
  EXPECT_EQ(p.backoff(40, 1.0), 1000ms);
}

TEST(retry_policy, gives_up_after_max_attempts) {
  const retry_policy p{retry_settings{3, 100ms, 1000ms, 5000ms}};
  EXPECT_TRUE(p.next_wait(1, std::nullopt, 0.0, 10s).has_value());
  EXPECT_TRUE(p.next_wait(2, std::nullopt, 0.0, 10s).has_value());
  EXPECT_FALSE(p.next_wait(3, std::nullopt, 0.0, 10s).has_value());
}

TEST(retry_policy, honours_retry_after_up_to_the_cap) {
  const retry_policy p{retry_settings{4, 100ms, 1000ms, 5000ms}};
  EXPECT_EQ(p.next_wait(1, 2s, 0.9, 10s), 2000ms);
  EXPECT_EQ(p.next_wait(1, 0s, 0.9, 10s), 0ms);
  EXPECT_EQ(p.next_wait(1, 60s, 0.9, 10s), 5000ms);
}

TEST(retry_policy, never_waits_past_the_deadline) {
  const retry_policy p{retry_settings{4, 100ms, 1000ms, 5000ms}};
  EXPECT_FALSE(p.next_wait(1, 3s, 0.0, 2999ms).has_value());
  EXPECT_FALSE(p.next_wait(1, std::nullopt, 0.0, 50ms).has_value());
  EXPECT_FALSE(p.next_wait(1, std::nullopt, 0.0, -5ms).has_value());
  EXPECT_EQ(p.next_wait(1, std::nullopt, 0.0, 51ms), 50ms);
}

}  // namespace
}  // namespace ssrlink::ets
