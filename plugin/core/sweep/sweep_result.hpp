// The counts a sweep reports (docs/abi.md, "ssrlink_sweep"), safe to add to from several threads'
// results once they are back on the sweep thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace ssrlink::core {

struct sweep_counts {
  std::int64_t students_checked = 0;
  std::int64_t new_reports = 0;
  std::int64_t notices_queued = 0;
  std::int64_t no_email = 0;
  std::int64_t no_ssid = 0;
  // Students skipped because the DBA's views give them, or one of their contacts, more than one
  // row (range_check.hpp, rules 2 and 8): a mapping to fix, not an ETS or database error.
  std::int64_t duplicate_students = 0;
  std::int64_t duplicate_contacts = 0;
  std::map<std::string, std::int64_t> errors;  // kind → count
  std::int64_t elapsed_ms = 0;

  // {"students_checked": n, "new_reports": n, "notices_queued": n, "no_email": n, "no_ssid": n,
  //  "duplicate_students": n, "duplicate_contacts": n, "errors": {...}, "elapsed_ms": n}
  std::string to_json() const;
  // Adds every count of `other` (elapsed_ms aside: the run's clock is not a sum), as range_check
  // adds its writer's counts to its own.
  sweep_counts &operator+=(const sweep_counts &other);
};

}  // namespace ssrlink::core
