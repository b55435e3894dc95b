// A core::audit_log in memory: keeps every row written, once per non-empty call_key as the
// table's unique index does, or refuses every row (as a lost connection does) so tests can check
// the fail-closed rules. Thread-safe; entries() returns a
// copy, so hold it in a variable before taking references into it.
#pragma once

#include <algorithm>
#include <mutex>
#include <vector>

#include "core/error.hpp"
#include "core/ports/audit_log.hpp"

namespace ssrlink::testing {

class memory_audit_log final : public core::audit_log {
 public:
  void record(const core::audit_entry &entry) override {
    const std::lock_guard lock(mutex_);
    if (failing_) {
      throw core::failure(core::status::database, "The table ssrlink_audit could not be written.",
                          "SQLSTATE 08S01");
    }
    if (!entry.call_key.empty() &&
        std::any_of(entries_.begin(), entries_.end(),
                    [&](const core::audit_entry &e) { return e.call_key == entry.call_key; })) {
      return;  // idempotent per call key (ports/audit_log.hpp)
    }
    entries_.push_back(entry);
  }

  std::vector<core::audit_entry> entries() const {
    const std::lock_guard lock(mutex_);
    return entries_;
  }
  // From now on record() throws failure(database) and keeps nothing.
  void fail_every_write(bool failing = true) {
    const std::lock_guard lock(mutex_);
    failing_ = failing;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<core::audit_entry> entries_;
  bool failing_ = false;
};

}  // namespace ssrlink::testing
