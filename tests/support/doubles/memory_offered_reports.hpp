// A core::offered_reports in memory: keeps every "offered to this guardian" the page recorded,
// or throws on each (as a lost connection does) so tests can check that the page still shows.
// Thread-safe; calls() returns a copy.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/report_page/offered_reports.hpp"

namespace ssrlink::testing {

class memory_offered_reports final : public core::offered_reports {
 public:
  struct call {
    std::int64_t student_id = 0;
    int contact_sequence = 0;
    std::vector<std::string> report_keys;
    core::time_point now{};
  };

  void record_offered(std::int64_t student_id, int contact_sequence,
                      const std::vector<std::string> &report_keys, core::time_point now) override {
    const std::lock_guard lock(mutex_);
    if (failing_) {
      throw core::failure(core::status::database,
                          "The table ssrlink_report_log could not be written.");
    }
    calls_.push_back({student_id, contact_sequence, report_keys, now});
  }

  std::vector<call> calls() const {
    const std::lock_guard lock(mutex_);
    return calls_;
  }
  // From now on record_offered() throws failure(database) and keeps nothing.
  void fail_every_call(bool failing = true) {
    const std::lock_guard lock(mutex_);
    failing_ = failing;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<call> calls_;
  bool failing_ = false;
};

}  // namespace ssrlink::testing
