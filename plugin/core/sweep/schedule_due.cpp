#include "schedule_due.hpp"

#include <algorithm>

namespace ssrlink::core {

namespace {

bool never_due(const sweep_schedule &schedule) {
  return !schedule.enabled ||
         std::none_of(schedule.days.begin(), schedule.days.end(),
                      [](bool listed) { return listed; }) ||
         schedule.minute_of_day < 0 || schedule.minute_of_day >= 24 * 60;
}

}  // namespace

std::string_view to_string(schedule_reason reason) {
  switch (reason) {
    case schedule_reason::off:
      return "off";
    case schedule_reason::no_recent_slot:
      return "no_recent_slot";
    case schedule_reason::already_ran:
      return "already_ran";
    case schedule_reason::due:
      return "due";
  }
  return "off";
}

std::optional<time_point> slot_on(const sweep_schedule &schedule, const time_zone &zone,
                                  std::chrono::local_days day) {
  const unsigned weekday = std::chrono::weekday{day}.c_encoding();  // 0 is Sunday
  if (!schedule.days[weekday]) {
    return std::nullopt;
  }
  const std::chrono::local_seconds wall = day + std::chrono::minutes{schedule.minute_of_day};
  // Unique: that instant; repeated: the first; skipped: the instant the clocks changed.
  return time_point{zone.resolve(wall).first};
}

schedule_verdict decide_schedule(const sweep_schedule &schedule, const time_zone &zone,
                                 time_point now, const std::optional<schedule_run> &latest) {
  schedule_verdict verdict;
  // Rule 1.
  if (never_due(schedule)) {
    return verdict;
  }
  // Rule 2: the slots from two days back to eight ahead of the district's today hold the latest
  // one at or before now and the first one after it, whatever the week and the zone.
  const std::chrono::local_days today = std::chrono::floor<std::chrono::days>(
      zone.to_local(std::chrono::floor<std::chrono::seconds>(now)));
  std::optional<time_point> last;
  for (int offset = -2; offset <= 8; ++offset) {
    const std::optional<time_point> slot =
        slot_on(schedule, zone, today + std::chrono::days{offset});
    if (!slot) {
      continue;
    }
    if (*slot <= now) {
      last = last ? std::max(*last, *slot) : *slot;
    } else if (!verdict.next_due || *slot < *verdict.next_due) {
      verdict.next_due = slot;
    }
  }
  // Rule 3.
  if (!last || now - *last >= missed_slot_window) {
    verdict.reason = schedule_reason::no_recent_slot;
    return verdict;
  }
  verdict.slot = last;
  // Rule 4.
  if (latest && (latest->slot >= *last || latest->started_at >= *last)) {
    verdict.reason = schedule_reason::already_ran;
    return verdict;
  }
  // Rule 5.
  verdict.reason = schedule_reason::due;
  return verdict;
}

}  // namespace ssrlink::core
