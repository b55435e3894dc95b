// When to try an ETS call again and how long to wait first. Pure arithmetic (the jitter comes in
// as a number), so it is unit-tested without a network or a clock.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace ssrlink::ets {

using std::chrono::milliseconds;

struct retry_settings {
  unsigned max_attempts = 4;           // first try included
  milliseconds base_backoff{100};      // before the first retry, doubled each time
  milliseconds max_backoff{2000};      // cap on the exponential part
  milliseconds max_retry_after{5000};  // cap on a server's Retry-After
};

// 429 and 503 (throttled, may carry Retry-After) and 502/504 (a gateway in front of ETS) are
// worth another try; every other status, 500 INTERNAL_ERROR included, is an answer.
bool retryable_status(int http_status);

// Retry-After as delta-seconds ("3"); nullopt for an HTTP-date or anything unreadable, which
// then falls back to the exponential backoff.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value);

class retry_policy {
 public:
  explicit retry_policy(retry_settings settings = {}) : settings_(settings) {}

  // "Equal jitter": half the exponential step fixed, half random. `jitter` is in [0, 1).
  // `retry` counts from 1 (the wait before the second attempt).
  milliseconds backoff(unsigned retry, double jitter) const;

  // The wait before another attempt after `attempts_made` attempts, or nullopt to give up: no
  // attempts left, or the wait would not leave time before the deadline (`remaining`).
  // A server's Retry-After replaces the backoff, capped at max_retry_after.
  std::optional<milliseconds> next_wait(unsigned attempts_made,
                                        std::optional<std::chrono::seconds> retry_after,
                                        double jitter, milliseconds remaining) const;

  const retry_settings &settings() const { return settings_; }

 private:
  retry_settings settings_;
};

}  // namespace ssrlink::ets
