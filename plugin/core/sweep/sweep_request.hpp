// The `ssrlink_sweep` request (contract §6), parsed and checked before any work starts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../model/credentials.hpp"
#include "../time.hpp"

namespace ssrlink::core {

struct sweep_request {
  std::string scope = "district";  // "district" or one school code
  bool dry_run = false;
  bool include_previous_year = false;
  std::optional<day_point> skip_leave_before;  // students who left before this day are skipped
  std::vector<std::string> skip_tags;          // students carrying any of these tags are skipped
  unsigned concurrency = 16;                   // ETS calls in flight, 1..256
  std::string worker;                          // names this process in the lease table
  std::optional<std::int64_t> max_students;    // stop after checking this many students
  std::chrono::seconds lease{300};             // how long a claimed batch stays claimed

  // The school code when the scope is one school, nullopt for the whole district.
  std::optional<std::string> school() const;
};

// Strict parse: unknown keys, wrong types and out-of-range values throw
// failure(invalid_argument) naming the key. `default_worker` is used when "worker" is absent.
sweep_request parse_sweep_request(std::string_view json, const std::string &default_worker);

}  // namespace ssrlink::core
