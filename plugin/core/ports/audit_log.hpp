// Port: the audit trail. One row per call: every page view and every denial, and every other
// call with the actor who made it, failures included.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "../time.hpp"

namespace ssrlink::core {

struct audit_entry {
  time_point at{};
  std::string action = "reports";  // the C function without "ssrlink_": reports, sweep, ...
  std::string role;             // viewer or actor: admin, staff, teacher, parent, student, system
  std::string user_id;          // the host's user ID (an identifier, at most 128 bytes)
  std::int64_t student_id = 0;  // 0 when no single student is concerned
  std::string page;             // reports: test_scores, language_assessment; otherwise ""
  std::string outcome;  // reports, no_reports, denied, ... for pages; ok or a status name otherwise
  std::string reason;   // why a viewer was refused ("parent_not_linked"), else ""
  std::optional<int> contact_sequence;  // the contact the data bound a parent viewer to
  std::string offered;  // JSON array of {test, year, language, format} offered; never URLs
  // Unique per call (audit/call_key.hpp): the store writes at most one row per key, so a retried
  // insert after a dropped connection cannot write two.
  std::string call_key;
};

class audit_log {
 public:
  virtual ~audit_log() = default;
  // Thread-safe; idempotent per call_key; throws failure(database) when the row cannot be
  // written.
  virtual void record(const audit_entry &entry) = 0;
};

}  // namespace ssrlink::core
