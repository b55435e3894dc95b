// Port: one audit row per page request (every view and every denial).
#pragma once

#include <cstdint>
#include <string>

#include "../time.hpp"

namespace ssrlink::core {

struct audit_entry {
  time_point at{};
  std::string role;     // admin, staff, teacher, parent, student
  std::string user_id;  // the host's user id for the viewer
  std::int64_t student_id = 0;
  std::string page;     // test_scores, language_assessment
  std::string outcome;  // reports, no_reports, no_ssid, denied, ets_error, not_configured, ...
  std::string offered;  // JSON array of {test, year, language, format} offered; never URLs
};

class audit_log {
 public:
  virtual ~audit_log() = default;
  // Thread-safe; throws failure(database) when the row cannot be written.
  virtual void record(const audit_entry &entry) = 0;
};

}  // namespace ssrlink::core
