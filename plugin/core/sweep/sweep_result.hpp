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
  std::map<std::string, std::int64_t> errors;  // kind → count
  std::int64_t elapsed_ms = 0;

  // {"students_checked": n, ..., "errors": {...}, "elapsed_ms": n}
  std::string to_json() const;
};

}  // namespace ssrlink::core
