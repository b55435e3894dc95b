// Port: the record of the sweep's scheduled runs (ssrlink_schedule_run, migration 0005), one row
// per slot: the due time in UTC, "YYYY-MM-DDTHH:MM:SSZ". Claiming a slot inserts its row, and
// an insert of a slot that exists fails, so of several host processes asking at once exactly
// one runs it (adapters/odbc/sweep implements it).
#pragma once

#include <optional>
#include <string>

#include "../time.hpp"

namespace ssrlink::core {

// How a scheduled run ended, as the table's outcome column keeps it.
enum class run_outcome {
  ok,      // the sweep ran to its end (or to max_students)
  failed,  // the sweep threw: the log says why
};

// "ok", "failed".
inline const char *to_string(run_outcome outcome) {
  switch (outcome) {
    case run_outcome::ok:
      return "ok";
    case run_outcome::failed:
      return "failed";
  }
  return "failed";
}

struct schedule_run {
  time_point slot{};  // whole seconds
  std::string worker;
  time_point started_at{};
  std::optional<time_point> finished_at;  // absent while it runs, or when its process died
  std::string outcome;                    // "ok", "failed"; empty while absent
};

class schedule_runs {
 public:
  virtual ~schedule_runs() = default;

  // Inserts the slot's row for `worker`, started at `now`; false when the slot has one already
  // (another process claimed it). Thread-safe; throws failure(database).
  virtual bool claim(time_point slot, const std::string &worker, time_point now) = 0;
  // Records the end of the slot's run. Thread-safe; throws failure(database).
  virtual void finish(time_point slot, run_outcome outcome, time_point now) = 0;
  // The row of the latest slot, if any. Thread-safe; throws failure(database).
  virtual std::optional<schedule_run> latest() = 0;
};

}  // namespace ssrlink::core
