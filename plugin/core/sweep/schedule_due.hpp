// When the sweep runs on its own (a request with "when_due", docs/abi.md "ssrlink_sweep"): pure
// functions of the schedule, its zone, the time and the latest recorded run, so every rule,
// daylight saving days included, is tested with a manual clock and no database.
//
// Rules (in this order):
//  1. A schedule that is not enabled, lists no day, or whose time is not a time of day
//     (0 to 1439 minutes) is never due and has no next due time.
//  2. The slots: on each day of the week the schedule lists, at its time of day on the district's
//     wall clock (schedule.time_zone). A time that does not exist that day, because the clocks
//     spring forward over it (02:30 when they jump from 02:00 to 03:00), falls at the moment the
//     clocks change: 03:00 local. A time that happens twice, because the clocks fall back over
//     it (01:30), is one slot, at its first occurrence (daylight time).
//  3. The slot in question is the latest at or before now. When it is 24 hours old or more, or
//     there is none, the sweep is not due: a slot missed while the host was down is made up at
//     any call within 24 hours of it, never later (the next slot is awaited instead).
//  4. A scheduled run recorded since that slot (the latest run's slot is this one or a later
//     one, or that run started at or after this slot's time) means it is not due: one run per
//     slot, however many processes ask and however often.
//  5. Otherwise the slot is due.
// Every verdict but rule 1's names next_due, the first slot after now: a host shows it, and a
// process that loses the race for a due slot (schedule_runs::claim) answers with it.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "../settings/district_settings.hpp"
#include "../time.hpp"
#include "schedule_runs.hpp"
#include "time_zone.hpp"

namespace ssrlink::core {

inline constexpr std::chrono::hours missed_slot_window{24};  // rule 3

enum class schedule_reason {
  off,             // rule 1
  no_recent_slot,  // rule 3
  already_ran,     // rule 4
  due,             // rule 5
};

// "off", "no_recent_slot", "already_ran", "due".
std::string_view to_string(schedule_reason reason);

struct schedule_verdict {
  schedule_reason reason = schedule_reason::off;
  std::optional<time_point> slot;      // the slot in question (rules 4 and 5)
  std::optional<time_point> next_due;  // the first slot after now (absent under rule 1)
};

// Rule 2 for one day of the district's calendar: its slot, or nullopt when the schedule does not
// list that day of the week.
std::optional<time_point> slot_on(const sweep_schedule &schedule, const time_zone &zone,
                                  std::chrono::local_days day);

// Rules 1 to 5.
schedule_verdict decide_schedule(const sweep_schedule &schedule, const time_zone &zone,
                                 time_point now, const std::optional<schedule_run> &latest);

}  // namespace ssrlink::core
