#include "retry_policy.hpp"

#include <algorithm>
#include <cstdint>

namespace ssrlink::ets {

bool retryable_status(int http_status) {
  return http_status == 429 || http_status == 502 || http_status == 503 || http_status == 504;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
    value.remove_prefix(1);
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
    value.remove_suffix(1);
  }
  // Ten digits already exceed any cap we honour; more would only risk overflow.
  if (value.empty() || value.size() > 10) {
    return std::nullopt;
  }
  long long seconds = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    seconds = seconds * 10 + (c - '0');
  }
  return std::chrono::seconds{seconds};
}

milliseconds retry_policy::backoff(unsigned retry, double jitter) const {
  const unsigned shift = std::min(retry == 0 ? 0u : retry - 1, 16u);
  const milliseconds step = std::min<milliseconds>(
      settings_.base_backoff * (std::int64_t{1} << shift), settings_.max_backoff);
  const double j = std::clamp(jitter, 0.0, 1.0);
  const auto half = step / 2;
  return half +
         milliseconds{static_cast<milliseconds::rep>(double(step.count() - half.count()) * j)};
}

std::optional<milliseconds> retry_policy::next_wait(unsigned attempts_made,
                                                    std::optional<std::chrono::seconds> retry_after,
                                                    double jitter, milliseconds remaining) const {
  if (attempts_made >= settings_.max_attempts) {
    return std::nullopt;
  }
  milliseconds wait = retry_after ? std::min(milliseconds{*retry_after}, settings_.max_retry_after)
                                  : backoff(attempts_made, jitter);
  // Waiting until (or past) the deadline would only turn the failure into a timeout.
  if (wait >= remaining) {
    return std::nullopt;
  }
  return wait;
}

}  // namespace ssrlink::ets
