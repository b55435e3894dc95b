// The gate of a request with "when_due" (docs/abi.md, "ssrlink_sweep"): whether the schedule says
// a run is due (schedule_due.hpp decides), the claim of the due slot through schedule_runs, so
// that of several processes asking at once exactly one runs it, and the record of how that run
// ended. Thin: the zone is read, the latest run fetched, the verdict taken, the slot claimed.
#pragma once

#include <optional>
#include <string>

#include "../ports/clock.hpp"
#include "../ports/logger.hpp"
#include "../settings/district_settings.hpp"
#include "schedule_runs.hpp"
#include "zone_files.hpp"

namespace ssrlink::core {

struct gate_answer {
  std::optional<time_point> slot;      // claimed by this process: run, then close()
  std::optional<time_point> next_due;  // the first slot after now; absent when the schedule is off
};

class schedule_gate {
 public:
  // Every reference must outlive the gate.
  schedule_gate(schedule_runs &runs, const zone_source &zones, const clock &clock, logger &log);

  // The slot this process is to run now, claimed for `worker`, or none with the next due time.
  // Throws failure(config) when the schedule is on and its time zone is not in this machine's
  // time zone database, and failure(database).
  gate_answer open(const sweep_schedule &schedule, const std::string &worker);

  // Records the end of the slot's run. A failure to record it is logged, never thrown: the
  // sweep's own result (or exception) is what the caller reports.
  void close(time_point slot, run_outcome outcome) noexcept;

 private:
  schedule_runs &runs_;
  const zone_source &zones_;
  const clock &clock_;
  logger &log_;
};

}  // namespace ssrlink::core
