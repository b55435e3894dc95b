// How one worker walks a run's leases (leased_run.hpp, rules 1 to 5), over the memory leases.
#include "core/sweep/leased_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "doubles/manual_clock.hpp"
#include "doubles/memory_sweep_stores.hpp"
#include "doubles/recording_logger.hpp"

namespace ssrlink::testing {
namespace {

using namespace std::chrono;
using namespace ssrlink::core;

const std::vector<student_range> three_ranges{{1, 10}, {11, 20}, {21, 30}};

class LeasedRun : public ::testing::Test {
 protected:
  leased_run run_of(const std::string &worker, const core::clock &on) {
    return {stores.leases, on, log, {"district@2026-11-23", worker, seconds(600)}};
  }

  memory_sweep_stores stores;
  manual_clock clock;
  recording_logger log;
};

TEST_F(LeasedRun, WorksEveryBatchOnceAndFinishesIt) {
  leased_run run = run_of("w1", clock);
  run.plan(three_ranges, clock.now());
  run.plan(three_ranges, clock.now());  // a second plan of the same run changes nothing
  std::vector<student_range> worked;
  int done = 0;
  run.run(
      [&](const student_range &range, const auto &) {
        worked.push_back(range);
        return true;
      },
      [&] { ++done; });
  // In whatever order the leases are claimed; each range once.
  std::sort(worked.begin(), worked.end(),
            [](const auto &a, const auto &b) { return a.first_id < b.first_id; });
  EXPECT_EQ(worked, three_ranges);
  EXPECT_EQ(done, 3);
  for (const auto &[key, lease] : stores.tables.leases) {
    EXPECT_TRUE(lease.done) << key;
  }
}

TEST_F(LeasedRun, WorkStoppedPartWayGivesTheBatchBackAndEndsTheRun) {  // rule 3
  leased_run run = run_of("w1", clock);
  run.plan(three_ranges, clock.now());
  int worked = 0;
  int done = 0;
  run.run([&](const student_range &, const auto &) { return ++worked < 2; }, [&] { ++done; });
  EXPECT_EQ(worked, 2);
  EXPECT_EQ(done, 2);
  // One batch finished; the second given back, claimable again at once; the third untouched.
  int finished = 0;
  int given_back = 0;
  for (const auto &[key, lease] : stores.tables.leases) {
    if (!lease.range) {
      continue;  // the plan row
    }
    finished += lease.done ? 1 : 0;
    given_back += !lease.done && lease.holder == "w1" && lease.expires_at == time_point{} ? 1 : 0;
  }
  EXPECT_EQ(finished, 1);
  EXPECT_EQ(given_back, 1);
}

TEST_F(LeasedRun, WorkThatThrowsGivesTheBatchBackFirst) {  // rule 2
  leased_run run = run_of("w1", clock);
  run.plan(three_ranges, clock.now());
  EXPECT_THROW(run.run([](const student_range &,
                          const auto &) -> bool { throw std::runtime_error("ETS went away"); },
                       [] {}),
               std::runtime_error);
  const memory_lease &first = stores.tables.leases.at("district@2026-11-23|1|10");
  EXPECT_EQ(first.expires_at, time_point{});  // claimable again at once
  EXPECT_FALSE(first.done);
}

TEST_F(LeasedRun, RenewsOnlyOnceHalfTheLeaseHasPassed) {  // rule 1
  leased_run run = run_of("w1", clock);
  run.plan({{1, 10}}, clock.now());
  run.run(
      [&](const student_range &, const std::function<void()> &keep_alive) {
        clock.advance(minutes(4));
        keep_alive();
        EXPECT_EQ(stores.tables.renewals, 0);
        clock.advance(minutes(1));
        keep_alive();
        EXPECT_EQ(stores.tables.renewals, 1);
        keep_alive();
        EXPECT_EQ(stores.tables.renewals, 1);
        return true;
      },
      [] {});
  EXPECT_TRUE(log.lines().empty()) << log.joined();
}

TEST_F(LeasedRun, ALostLeaseIsAWarningNotAFailure) {  // rules 1 and 4
  leased_run run = run_of("w1", clock);
  run.plan({{1, 10}}, clock.now());
  run.run(
      [&](const student_range &, const std::function<void()> &keep_alive) {
        // Taken over and finished by another worker meanwhile.
        memory_lease &lease = stores.tables.leases.at("district@2026-11-23|1|10");
        lease.holder = "w2";
        lease.done = true;
        clock.advance(minutes(6));
        keep_alive();
        return true;
      },
      [] {});
  const std::vector<std::string> warnings = log.at(log_level::warning);
  ASSERT_EQ(warnings.size(), 2u) << log.joined();
  EXPECT_EQ(warnings[0],
            "Sweep worker w1 could not renew its lease on a batch; another worker may check the "
            "same students (no notice is sent twice).");
  EXPECT_EQ(warnings[1],
            "Sweep worker w1 lost its lease on a batch before finishing it; another worker may "
            "have checked the same students (no notice is sent twice).");
}

TEST_F(LeasedRun, WaitsForAnotherWorkersLeaseAndTakesOverItsBatchOnceExpired) {  // rule 5
  stepping_clock racing(minutes(1));
  leased_run run = run_of("w1", racing);
  run.plan({{1, 10}}, manual_clock::default_start);
  // Another worker claimed the batch and died: its lease runs out 90 s from the start.
  memory_lease &held = stores.tables.leases.at("district@2026-11-23|1|10");
  held.holder = "w2";
  held.expires_at = manual_clock::default_start + seconds(90);
  int worked = 0;
  run.run([&](const student_range &, const auto &) { return ++worked > 0; }, [] {});
  EXPECT_EQ(worked, 1);
  EXPECT_TRUE(held.done);
  EXPECT_EQ(held.holder, "w1");
}

TEST_F(LeasedRun, NothingPlannedIsNothingWorked) {
  leased_run run = run_of("w1", clock);
  run.plan({}, clock.now());
  run.run([](const student_range &, const auto &) -> bool { throw std::logic_error("no batch"); },
          [] { FAIL(); });
}

}  // namespace
}  // namespace ssrlink::testing
