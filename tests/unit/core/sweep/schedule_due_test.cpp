// Every rule of due-ness (schedule_due.hpp) with a manual clock and Los Angeles' real zone file:
// ordinary days, the day clocks spring forward and the day they fall back, missed slots, and the
// record of earlier runs.
#include "core/sweep/schedule_due.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/sweep/zone_files.hpp"
#include "doubles/manual_clock.hpp"

namespace ssrlink::core {
namespace {

using namespace std::chrono;

time_point at(const std::string &text) {
  time_point t{};
  EXPECT_TRUE(parse_utc(text, t)) << text;
  return t;
}

std::string text(const std::optional<time_point> &t) {
  return t ? format_utc(*t) : "none";
}

sweep_schedule every_day_at(int hour, int minute) {
  sweep_schedule s;
  s.enabled = true;
  s.days.fill(true);
  s.minute_of_day = hour * 60 + minute;
  s.time_zone = "America/Los_Angeles";
  return s;
}

schedule_run ran(const std::string &slot, const std::string &started) {
  return {at(slot), "w1", at(started), at(started) + minutes{5}, "ok"};
}

class ScheduleDue : public ::testing::Test {
 protected:
  schedule_verdict ask(const sweep_schedule &s, const std::optional<schedule_run> &latest = {}) {
    return decide_schedule(s, zone, clock.now(), latest);
  }

  time_zone zone = *load_zone(zoneinfo_directory(), "America/Los_Angeles");
  testing::manual_clock clock;
};

TEST_F(ScheduleDue, Rule1AScheduleThatIsOffIsNeverDue) {
  clock.set(at("2026-11-23T10:30:00Z"));
  sweep_schedule off = every_day_at(2, 30);
  off.enabled = false;
  sweep_schedule no_day = every_day_at(2, 30);
  no_day.days.fill(false);
  sweep_schedule no_time = every_day_at(2, 30);
  no_time.minute_of_day = 24 * 60;
  for (const sweep_schedule &s : {off, no_day, no_time}) {
    const schedule_verdict v = ask(s);
    EXPECT_EQ(v.reason, schedule_reason::off);
    EXPECT_FALSE(v.slot);
    EXPECT_FALSE(v.next_due);
  }
  EXPECT_EQ(ask(every_day_at(2, 30)).reason, schedule_reason::due);  // the same, switched on
}

TEST_F(ScheduleDue, Rule2SlotsFallOnTheListedDaysAtTheWallClockTime) {
  const sweep_schedule s = every_day_at(2, 30);
  // Monday 2026-11-23, Pacific Standard Time: 10:30 UTC; in July, daylight time: 09:30 UTC.
  EXPECT_EQ(text(slot_on(s, zone, local_days{2026y / November / 23})), "2026-11-23T10:30:00Z");
  EXPECT_EQ(text(slot_on(s, zone, local_days{2026y / July / 6})), "2026-07-06T09:30:00Z");
  sweep_schedule mondays = s;
  mondays.days.fill(false);
  mondays.days[1] = true;
  EXPECT_TRUE(slot_on(mondays, zone, local_days{2026y / November / 23}));
  EXPECT_FALSE(slot_on(mondays, zone, local_days{2026y / November / 24}));
  sweep_schedule sundays = s;
  sundays.days.fill(false);
  sundays.days[0] = true;
  EXPECT_TRUE(slot_on(sundays, zone, local_days{2026y / November / 22}));
}

TEST_F(ScheduleDue, Rule2TheSpringForwardDayRunsWhenTheClocksChange) {
  // 2026-03-08: clocks jump from 02:00 PST to 03:00 PDT; 02:30 does not exist.
  const sweep_schedule s = every_day_at(2, 30);
  EXPECT_EQ(text(slot_on(s, zone, local_days{2026y / March / 8})), "2026-03-08T10:00:00Z");
  const std::optional<schedule_run> saturday = ran("2026-03-07T10:30:00Z", "2026-03-07T10:30:00Z");
  clock.set(at("2026-03-08T09:59:59Z"));  // 01:59:59 PST
  schedule_verdict v = ask(s, saturday);
  EXPECT_EQ(v.reason, schedule_reason::already_ran);
  EXPECT_EQ(text(v.next_due), "2026-03-08T10:00:00Z");
  clock.set(at("2026-03-08T10:00:00Z"));  // 03:00 PDT
  v = ask(s, saturday);
  EXPECT_EQ(v.reason, schedule_reason::due);
  EXPECT_EQ(text(v.slot), "2026-03-08T10:00:00Z");
  // Run, then asked again at 03:30 PDT: done until Monday 02:30 PDT.
  clock.set(at("2026-03-08T10:30:00Z"));
  v = ask(s, ran("2026-03-08T10:00:00Z", "2026-03-08T10:00:00Z"));
  EXPECT_EQ(v.reason, schedule_reason::already_ran);
  EXPECT_EQ(text(v.next_due), "2026-03-09T09:30:00Z");
}

TEST_F(ScheduleDue, Rule2TheFallBackDayRunsItsRepeatedTimeOnce) {
  // 2026-11-01: clocks fall back from 02:00 PDT to 01:00 PST; 01:30 happens twice.
  const sweep_schedule s = every_day_at(1, 30);
  EXPECT_EQ(text(slot_on(s, zone, local_days{2026y / November / 1})), "2026-11-01T08:30:00Z");
  const std::optional<schedule_run> saturday = ran("2026-10-31T08:30:00Z", "2026-10-31T08:30:00Z");
  clock.set(at("2026-11-01T08:30:00Z"));  // the first 01:30 (PDT)
  schedule_verdict v = ask(s, saturday);
  ASSERT_EQ(v.reason, schedule_reason::due);
  EXPECT_EQ(text(v.slot), "2026-11-01T08:30:00Z");
  const schedule_run first = ran("2026-11-01T08:30:00Z", "2026-11-01T08:30:00Z");
  clock.set(at("2026-11-01T09:30:00Z"));  // the second 01:30 (PST): not again
  v = ask(s, first);
  EXPECT_EQ(v.reason, schedule_reason::already_ran);
  EXPECT_EQ(text(v.slot), "2026-11-01T08:30:00Z");
  EXPECT_EQ(text(v.next_due), "2026-11-02T09:30:00Z");  // Monday 01:30 PST
  // Down through the first 01:30: the second still makes it up, once.
  clock.set(at("2026-11-01T09:45:00Z"));
  v = ask(s, saturday);
  EXPECT_EQ(v.reason, schedule_reason::due);
  EXPECT_EQ(text(v.slot), "2026-11-01T08:30:00Z");
  // 02:30 that day exists once, in standard time.
  EXPECT_EQ(text(slot_on(every_day_at(2, 30), zone, local_days{2026y / November / 1})),
            "2026-11-01T10:30:00Z");
}

TEST_F(ScheduleDue, Rule3AMissedSlotIsMadeUpWithin24HoursOnly) {
  sweep_schedule mondays = every_day_at(2, 30);
  mondays.days.fill(false);
  mondays.days[1] = true;
  // Monday's slot: 2026-11-23T10:30Z. The host comes back on Tuesday.
  clock.set(at("2026-11-24T10:29:59Z"));
  schedule_verdict v = ask(mondays);
  EXPECT_EQ(v.reason, schedule_reason::due);
  EXPECT_EQ(text(v.slot), "2026-11-23T10:30:00Z");
  clock.set(at("2026-11-24T10:30:00Z"));  // 24 hours late: skipped
  v = ask(mondays);
  EXPECT_EQ(v.reason, schedule_reason::no_recent_slot);
  EXPECT_FALSE(v.slot);
  EXPECT_EQ(text(v.next_due), "2026-11-30T10:30:00Z");
  // Before the first slot of a new schedule: nothing to run yet.
  clock.set(at("2026-11-23T10:29:59Z"));
  v = ask(mondays);
  EXPECT_EQ(v.reason, schedule_reason::no_recent_slot);
  EXPECT_EQ(text(v.next_due), "2026-11-23T10:30:00Z");
}

TEST_F(ScheduleDue, Rule4OneRunPerSlot) {
  const sweep_schedule s = every_day_at(2, 30);
  clock.set(at("2026-11-23T11:00:00Z"));
  // This slot's own run.
  EXPECT_EQ(ask(s, ran("2026-11-23T10:30:00Z", "2026-11-23T10:30:01Z")).reason,
            schedule_reason::already_ran);
  // A later slot's (the schedule was moved earlier since).
  EXPECT_EQ(ask(s, ran("2026-11-23T10:45:00Z", "2026-11-23T10:45:00Z")).reason,
            schedule_reason::already_ran);
  // An earlier slot's run that started after this slot's time (a missed slot made up late).
  EXPECT_EQ(ask(s, ran("2026-11-22T10:30:00Z", "2026-11-23T10:40:00Z")).reason,
            schedule_reason::already_ran);
  // An earlier slot's run that started before this slot: this one is due.
  const schedule_verdict v = ask(s, ran("2026-11-22T10:30:00Z", "2026-11-23T10:20:00Z"));
  EXPECT_EQ(v.reason, schedule_reason::due);
  EXPECT_EQ(text(v.next_due), "2026-11-24T10:30:00Z");
}

TEST_F(ScheduleDue, Rule5DueAtTheSlotExactly) {
  const sweep_schedule s = every_day_at(2, 30);
  const std::optional<schedule_run> yesterday = ran("2026-11-22T10:30:00Z", "2026-11-22T10:30:00Z");
  clock.set(at("2026-11-23T10:29:59.999Z"));
  EXPECT_EQ(ask(s, yesterday).reason, schedule_reason::already_ran);
  clock.set(at("2026-11-23T10:30:00Z"));
  const schedule_verdict v = ask(s, yesterday);
  EXPECT_EQ(v.reason, schedule_reason::due);
  EXPECT_EQ(text(v.slot), "2026-11-23T10:30:00Z");
  EXPECT_EQ(text(v.next_due), "2026-11-24T10:30:00Z");
  EXPECT_EQ(to_string(v.reason), "due");
}

TEST_F(ScheduleDue, OtherZonesKeepTheirOwnWallClock) {
  sweep_schedule s = every_day_at(2, 30);
  s.time_zone = "UTC";
  const time_zone utc_zone = *load_zone(zoneinfo_directory(), "UTC");
  clock.set(at("2026-03-08T02:30:00Z"));
  const schedule_verdict v = decide_schedule(s, utc_zone, clock.now(), std::nullopt);
  EXPECT_EQ(v.reason, schedule_reason::due);
  EXPECT_EQ(text(v.slot), "2026-03-08T02:30:00Z");
}

}  // namespace
}  // namespace ssrlink::core
