// A core::credential_resolver answering from a table the test fills: the school's own pair when
// it has one, else the district's, else none (as credential_resolution resolves them). Fill it
// before the calls; reads are then thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/credentials/credential_resolver.hpp"

namespace ssrlink::testing {

// A pair named `set_id` (the link cache keys by it) whose Secret Key is "SECRET-KEY-123", so
// tests can search results and logs for it. Valid until 2027-11-20, or expired on 2026-11-01.
inline core::resolved_credentials credentials_for(std::string set_id, bool expired = false) {
  core::resolved_credentials resolved;
  resolved.pair = core::ets_credentials{"district", "user", "SECRET-KEY-123", std::move(set_id)};
  resolved.expired = expired;
  resolved.expires_on = expired ? core::day_point{std::chrono::year{2026} / 11 / 1}
                                : core::day_point{std::chrono::year{2027} / 11 / 20};
  return resolved;
}

class fake_credential_resolver final : public core::credential_resolver {
 public:
  std::map<std::string, core::resolved_credentials, std::less<>> by_school;
  std::optional<core::resolved_credentials> district;

  std::optional<core::resolved_credentials> for_school(std::string_view school_code) override {
    if (const auto found = by_school.find(school_code); found != by_school.end()) {
      return found->second;
    }
    return district;
  }
};

}  // namespace ssrlink::testing
