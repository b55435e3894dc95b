// "when_due" through the sweep service over the memory stores: the answer when nothing is due,
// one run per slot whichever process asks, the record of each run, the host's clock moved across
// a daylight saving change, and the refusals.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "core/error.hpp"
#include "sweep_fixture.hpp"

namespace ssrlink::testing {
namespace {

using namespace ssrlink::core;

constexpr const char *when_due =
    R"({"scope": "district", "when_due": true, "skip_tags": ["X"],
        "skip_leave_before": "2026-06-30"})";

time_point at(const std::string &text) {
  time_point t{};
  EXPECT_TRUE(parse_utc(text, t)) << text;
  return t;
}

// A schedule_runs whose latest() never sees the other process's row: the moment between two
// processes' reads and their inserts, when only the claim tells them apart.
class stale_reads final : public schedule_runs {
 public:
  explicit stale_reads(schedule_runs &inner) : inner_(inner) {}
  bool claim(time_point slot, const std::string &worker, time_point now) override {
    return inner_.claim(slot, worker, now);
  }
  void finish(time_point slot, run_outcome outcome, time_point now) override {
    inner_.finish(slot, outcome, now);
  }
  std::optional<schedule_run> latest() override { return std::nullopt; }

 private:
  schedule_runs &inner_;
};

// A student feed whose database is gone.
class broken_feed final : public student_feed {
 public:
  std::vector<student_range> plan_ranges(const std::optional<std::string> &, unsigned) override {
    throw failure(status::database, "The database could not read the students.");
  }
  std::vector<sweep_student> students(const student_range &) override { return {}; }
  std::vector<contact_facts> contacts(std::int64_t) override { return {}; }
};

class ScheduledSweep : public SweepFixture {
 protected:
  ScheduledSweep() {
    settings.schedule.enabled = true;
    settings.schedule.days.fill(true);
    settings.schedule.minute_of_day = 2 * 60 + 30;
    settings.schedule.time_zone = "America/Los_Angeles";
  }

  boost::json::object ask(const std::string &request = when_due) {
    return boost::json::parse(service().run(request, {}).json).as_object();
  }

  // Yesterday's slot, run: so only today's is in question.
  void ran_before(const std::string &slot) {
    stores.tables.schedule_runs[at(slot)] = {at(slot), "w0", at(slot), at(slot), "ok"};
  }
};

TEST_F(ScheduledSweep, WithTheScheduleOffItAnswersAtOnce) {
  settings.schedule.enabled = false;
  settings.schedule.time_zone = "Nowhere/Atlantis";  // not even read
  const boost::json::object out = ask();
  EXPECT_EQ(out.at("ran").as_bool(), false);
  EXPECT_TRUE(out.at("next_due").is_null());
  EXPECT_EQ(out.size(), 2u);
  EXPECT_EQ(ets.calls(), 0);
  EXPECT_TRUE(stores.tables.leases.empty());
  EXPECT_TRUE(stores.tables.schedule_runs.empty());
}

TEST_F(ScheduledSweep, BeforeTheSlotItAnswersWithTheNextDueTime) {
  ran_before("2026-11-22T10:30:00Z");
  clock.set(at("2026-11-23T10:29:59Z"));  // 02:29:59 PST
  const boost::json::object out = ask();
  EXPECT_EQ(out.at("ran").as_bool(), false);
  EXPECT_EQ(out.at("next_due").as_string(), "2026-11-23T10:30:00Z");
  EXPECT_EQ(ets.calls(), 0);
  EXPECT_EQ(stores.tables.schedule_runs.size(), 1u);
}

TEST_F(ScheduledSweep, TheDueSlotRunsOnceAndIsRecorded) {
  ran_before("2026-11-22T10:30:00Z");
  clock.set(at("2026-11-23T10:30:00Z"));
  const boost::json::object out = ask();
  EXPECT_EQ(out.at("ran").as_bool(), true);
  EXPECT_EQ(out.at("slot").as_string(), "2026-11-23T10:30:00Z");
  EXPECT_EQ(out.at("students_checked").as_int64(), 8);  // the usual counts, as without when_due
  EXPECT_EQ(out.at("notices_queued").as_int64(), 2);
  const schedule_run &row = stores.tables.schedule_runs.at(at("2026-11-23T10:30:00Z"));
  EXPECT_EQ(row.worker, "w1");
  EXPECT_EQ(row.started_at, at("2026-11-23T10:30:00Z"));
  EXPECT_EQ(row.finished_at, at("2026-11-23T10:30:00Z"));  // the clock stood still
  EXPECT_EQ(row.outcome, "ok");
  // Another process asking at the same instant, and this one a minute later: nothing more.
  const int calls = ets.calls();
  const boost::json::object other =
      ask(R"({"scope": "district", "when_due": true, "worker": "w2"})");
  EXPECT_EQ(other.at("ran").as_bool(), false);
  EXPECT_EQ(other.at("next_due").as_string(), "2026-11-24T10:30:00Z");
  clock.advance(std::chrono::minutes(1));
  EXPECT_EQ(ask().at("ran").as_bool(), false);
  EXPECT_EQ(ets.calls(), calls);
  EXPECT_EQ(stores.tables.schedule_runs.size(), 2u);
}

TEST_F(ScheduledSweep, TheClaimDecidesARaceThatTheReadsMissed) {
  clock.set(at("2026-11-23T10:30:00Z"));
  stale_reads stale(stores.schedule);
  const sweep_ports ports{stores.students, stores.leases, stores.log, stores.outbox, stale};
  sweep_service first(ports, [this] { return settings; }, ets, resolver, clock, log, {"p1", 3});
  sweep_service second(ports, [this] { return settings; }, ets, resolver, clock, log, {"p2", 3});
  const auto a = boost::json::parse(first.run(when_due, {}).json).as_object();
  const auto b = boost::json::parse(second.run(when_due, {}).json).as_object();
  EXPECT_EQ(a.at("ran").as_bool(), true);
  EXPECT_EQ(b.at("ran").as_bool(), false);
  EXPECT_EQ(b.at("next_due").as_string(), "2026-11-24T10:30:00Z");
  EXPECT_EQ(stores.tables.schedule_runs.at(at("2026-11-23T10:30:00Z")).worker, "p1");
}

TEST_F(ScheduledSweep, TheHostClockAcrossSpringForwardRunsAtThreeOClock) {
  ran_before("2026-03-07T10:30:00Z");     // Saturday 02:30 PST
  clock.set(at("2026-03-08T09:59:00Z"));  // Sunday 01:59 PST; a minute later it is 03:00 PDT
  boost::json::object out = ask();
  EXPECT_EQ(out.at("ran").as_bool(), false);
  EXPECT_EQ(out.at("next_due").as_string(), "2026-03-08T10:00:00Z");
  clock.set(at("2026-03-08T10:00:00Z"));
  out = ask();
  EXPECT_EQ(out.at("ran").as_bool(), true);
  EXPECT_EQ(out.at("slot").as_string(), "2026-03-08T10:00:00Z");
  clock.set(at("2026-03-08T10:30:00Z"));  // 03:30 PDT
  out = ask();
  EXPECT_EQ(out.at("ran").as_bool(), false);
  EXPECT_EQ(out.at("next_due").as_string(), "2026-03-09T09:30:00Z");  // 02:30 PDT
}

TEST_F(ScheduledSweep, TheHostClockAcrossFallBackRunsTheRepeatedHourOnce) {
  settings.schedule.minute_of_day = 60 + 30;  // 01:30, twice on 2026-11-01
  ran_before("2026-10-31T08:30:00Z");
  clock.set(at("2026-11-01T08:30:00Z"));  // the first 01:30 (PDT)
  EXPECT_EQ(ask().at("slot").as_string(), "2026-11-01T08:30:00Z");
  clock.set(at("2026-11-01T09:30:00Z"));  // the second 01:30 (PST)
  const boost::json::object out = ask();
  EXPECT_EQ(out.at("ran").as_bool(), false);
  EXPECT_EQ(out.at("next_due").as_string(), "2026-11-02T09:30:00Z");
  EXPECT_EQ(stores.tables.schedule_runs.size(), 2u);
}

TEST_F(ScheduledSweep, AFailedRunIsRecordedAndTheErrorReported) {
  clock.set(at("2026-11-23T10:30:00Z"));
  broken_feed broken;
  sweep_service s({broken, stores.leases, stores.log, stores.outbox, stores.schedule},
                  [this] { return settings; }, ets, resolver, clock, log, {"w1", 3});
  EXPECT_THROW(s.run(when_due, {}), failure);
  const schedule_run &row = stores.tables.schedule_runs.at(at("2026-11-23T10:30:00Z"));
  EXPECT_EQ(row.outcome, "failed");
  EXPECT_TRUE(row.finished_at);
  // The slot had its run: the next is tomorrow's (a sweep without when_due may run meanwhile).
  EXPECT_EQ(ask().at("ran").as_bool(), false);
}

TEST_F(ScheduledSweep, AZoneThisMachineDoesNotKnowIsAConfigurationError) {
  settings.schedule.time_zone = "Nowhere/Atlantis";
  try {
    ask();
    FAIL() << "no failure";
  } catch (const failure &f) {
    EXPECT_EQ(f.code(), status::config);
    EXPECT_NE(std::string(f.what()).find("\"Nowhere/Atlantis\""), std::string::npos) << f.what();
    EXPECT_NE(std::string(f.what()).find("tzdata"), std::string::npos) << f.what();
  }
  EXPECT_EQ(ets.calls(), 0);
}

TEST_F(ScheduledSweep, ADryRunCannotBeScheduled) {
  try {
    ask(R"({"scope": "district", "when_due": true, "dry_run": true})");
    FAIL() << "no failure";
  } catch (const failure &f) {
    EXPECT_EQ(f.code(), status::invalid_argument);
    EXPECT_NE(std::string(f.what()).find("when_due"), std::string::npos) << f.what();
  }
  EXPECT_TRUE(stores.tables.schedule_runs.empty());
}

TEST_F(ScheduledSweep, WithoutWhenDueTheResultKeepsItsShapeAndTheScheduleIsIgnored) {
  clock.set(at("2026-11-23T10:00:00Z"));  // not due
  const boost::json::object out = ask(usual);
  EXPECT_FALSE(out.contains("ran"));
  EXPECT_FALSE(out.contains("slot"));
  EXPECT_EQ(out.at("students_checked").as_int64(), 8);
  EXPECT_TRUE(stores.tables.schedule_runs.empty());
}

}  // namespace
}  // namespace ssrlink::testing
