#include "odbc/sweep/odbc_schedule_runs.hpp"

#include "odbc/column_values.hpp"
#include "odbc/diagnostics.hpp"
#include "odbc/dialect.hpp"
#include "odbc/statement.hpp"

namespace ssrlink::odbc {
namespace {

// A function, not a global: building the action allocates, and a failure before main() could
// not be caught.
const db_action &use_schedule() {
  static const db_action action{"record the sweep's scheduled runs",
                                {{"ssrlink_schedule_run", "table", "0005_staff_and_families.sql"}}};
  return action;
}

}  // namespace

bool odbc_schedule_runs::claim(core::time_point slot, const std::string &worker,
                               core::time_point now) {
  bool claimed = false;
  pool_.run(use_schedule(), [&](connection &c) {
    claimed = false;
    statement &s = c.prepare(
        "INSERT INTO ssrlink_schedule_run (slot, worker, started_at, finished_at, outcome) "
        "VALUES (?, ?, ?, NULL, NULL)");
    try {
      s.execute({parameter::of(core::format_utc(slot)), parameter::of(clip_to_width(worker, 128)),
                 parameter::of(now)});
    } catch (const database_error &e) {
      if (!is_duplicate_key(e.records())) {
        throw;
      }
      // Another process inserted the slot first; or the pool retries after a dropped
      // connection, and the row found is this call's own, committed before the drop.
      statement &own = c.prepare(
          "SELECT COUNT(*) FROM ssrlink_schedule_run WHERE slot = ? AND worker = ? "
          "AND started_at = CAST(? AS BIGINT)");
      own.execute({parameter::of(core::format_utc(slot)), parameter::of(clip_to_width(worker, 128)),
                   parameter::of(now)});
      claimed = own.fetch() && own.integer(1).value_or(0) > 0;
      own.close();
      return;
    }
    claimed = true;
  });
  return claimed;
}

void odbc_schedule_runs::finish(core::time_point slot, core::run_outcome outcome,
                                core::time_point now) {
  pool_.run(use_schedule(), [&](connection &c) {
    statement &s =
        c.prepare("UPDATE ssrlink_schedule_run SET finished_at = ?, outcome = ? WHERE slot = ?");
    s.execute({parameter::of(now), parameter::of(std::string_view(core::to_string(outcome))),
               parameter::of(core::format_utc(slot))});
  });
}

std::optional<core::schedule_run> odbc_schedule_runs::latest() {
  std::optional<core::schedule_run> run;
  pool_.run(use_schedule(), [&](connection &c) {
    run.reset();
    // Slots are fixed-width UTC text, so their text order is their time order; a row of another
    // shape (written by hand) is passed over.
    statement &s = c.prepare("SELECT " + top_prefix(c.sql_dialect(), 1) +
                             "slot, worker, started_at, finished_at, outcome "
                             "FROM ssrlink_schedule_run WHERE slot LIKE '____-__-__T__:__:__Z' "
                             "ORDER BY slot DESC" +
                             limit_suffix(c.sql_dialect(), 1));
    s.execute({});
    if (s.fetch()) {
      core::schedule_run row;
      const std::string slot = s.text(1).value_or("");
      if (core::parse_utc(slot, row.slot)) {
        row.worker = s.text(2).value_or("");
        row.started_at = s.time(3).value_or(core::time_point{});
        row.finished_at = s.time(4);
        row.outcome = s.text(5).value_or("");
        run = std::move(row);
      }
    }
    s.close();
  });
  return run;
}

}  // namespace ssrlink::odbc
