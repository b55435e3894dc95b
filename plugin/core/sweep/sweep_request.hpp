// The `ssrlink_sweep` request (docs/abi.md, "ssrlink_sweep"), parsed and checked before any work
// starts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../model/credentials.hpp"
#include "../settings/district_settings.hpp"
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
  bool when_due = false;  // run only when the schedule says a run is due (schedule_due.hpp)

  // The school code when the scope is one school, nullopt for the whole district.
  std::optional<std::string> school() const;
};

// Strict parse: unknown keys, wrong types and out-of-range values throw
// failure(invalid_argument) naming the key, and so does "when_due" with "dry_run" (a dry run
// writes nothing, and a scheduled run writes its record). `default_worker` is used when "worker"
// is absent; include_previous_year, skip_leave_before, skip_tags and concurrency, when absent,
// come from `defaults` (the settings' sweep_defaults), and then from the contract's defaults.
sweep_request parse_sweep_request(std::string_view json, const std::string &default_worker,
                                  const sweep_defaults &defaults = {});

// The worker name of a process whose requests name none: unique across hosts and containers
// (where every host process may be pid 1), so two processes never share a lease. The host name
// is cut to 60 characters and anything but letters, digits, '-' and '.' becomes '-', so the name
// passes the same check as a named worker.
std::string default_worker_name(std::string_view host_name, long pid, std::uint32_t random);

}  // namespace ssrlink::core
