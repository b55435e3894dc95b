// The sweep's writes in batches (range_check.hpp, rule 11; student_recorder.hpp and
// write_pipeline.hpp): several students in one transaction, a batch refused or failed recorded
// again one student at a time, the writer's thread flushed before a lease is finished.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/sweep/school_year.hpp"
#include "core/sweep/student_recorder.hpp"
#include "core/sweep/write_pipeline.hpp"
#include "sweep_fixture.hpp"

namespace ssrlink::testing {
namespace {

using namespace ssrlink::core;

class BatchedWrites : public SweepFixture {
 protected:
  std::vector<std::string> years() const {
    return notifying_years(std::chrono::floor<std::chrono::days>(clock.now()), false);
  }

  // What the sweep's thread hands the writer for one of the fixture's students.
  pending_student answer_of(std::int64_t id, const std::string &ssid, report_links links) {
    pending_student p;
    p.student = student(id, ssid);
    p.reports = std::move(links);
    p.changes = detect_changes(p.reports, {}, years());
    return p;
  }

  // Students 1, 3 and 6: two newly Final reports that notify, one Preliminary that does not.
  std::vector<pending_student> three() {
    std::vector<pending_student> out;
    out.push_back(answer_of(1, "1000000001", {final_link("SB", "2026-27")}));
    out.push_back(answer_of(3, "1000000003", {final_link("CAST", "2026-27")}));
    out.push_back(answer_of(6, "1000000006", {preliminary_link("ELPAC", "2026-27")}));
    return out;
  }

  student_recorder recorder(bool dry_run = false) {
    return {stores.students, stores.log, clock, log, years(), dry_run};
  }
};

TEST_F(BatchedWrites, SeveralStudentsAreWrittenInOneTransaction) {
  student_recorder r = recorder();
  r.record(three());
  EXPECT_EQ(stores.tables.batches, 1);
  EXPECT_EQ(stores.tables.writes, 1);  // one record_all, no record one by one
  EXPECT_EQ(stores.tables.log.size(), 3u);
  EXPECT_EQ(stores.tables.outbox.size(), 2u);  // student 1 contact 1, student 3 contact 1
  EXPECT_EQ(r.counts().new_reports, 2);
  EXPECT_EQ(r.counts().notices_queued, 2);
  EXPECT_EQ(r.counts().no_email, 1);  // student 1 contact 2
  EXPECT_TRUE(r.counts().errors.empty());
}

TEST_F(BatchedWrites, AFailedBatchIsWrittenAgainOneStudentAtATime) {
  stores.log.fail_batches = 1;
  student_recorder r = recorder();
  r.record(three());
  EXPECT_EQ(stores.tables.batches, 0);
  EXPECT_EQ(stores.tables.log.size(), 3u);  // nothing lost
  EXPECT_EQ(stores.tables.outbox.size(), 2u);
  EXPECT_EQ(r.counts().new_reports, 2);
  EXPECT_EQ(r.counts().notices_queued, 2);
  EXPECT_TRUE(r.counts().errors.empty());
  bool warned = false;
  for (const auto &[level, message] : log.lines()) {
    warned = warned ||
             (level == log_level::warning &&
              message.find("could not record 3 students' reports together") != std::string::npos);
  }
  EXPECT_TRUE(warned);
}

TEST_F(BatchedWrites, AStudentAnotherProcessWroteFirstIsComparedAgainAndTheRestAreWritten) {
  // Another worker logged student 3's CAST as Final (and told its guardians) after this one
  // read the log: the batch is refused whole, and student 3 is compared again and left alone.
  memory_log_row theirs;
  theirs.student_id = 3;
  theirs.test = "CAST";
  theirs.year = "2026-27";
  theirs.status = "Final";
  theirs.notice = notice_state::queued;
  stores.tables.log[{"1000000003", "CAST:2026-27"}] = theirs;
  student_recorder r = recorder();
  r.record(three());
  EXPECT_EQ(stores.tables.batches, 0);
  EXPECT_EQ(stores.tables.log.size(), 3u);
  ASSERT_EQ(stores.tables.outbox.size(), 1u);  // student 1's; student 3's was the other's
  EXPECT_EQ(stores.tables.outbox[0].student_id, 1);
  EXPECT_EQ(r.counts().new_reports, 1);
  EXPECT_EQ(r.counts().notices_queued, 1);
  EXPECT_TRUE(r.counts().errors.empty());  // resolved, not a conflict
}

TEST_F(BatchedWrites, ADryRunPlansAndCountsButWritesNothing) {
  student_recorder r = recorder(true);
  r.record(three());
  EXPECT_EQ(stores.tables.writes, 0);
  EXPECT_TRUE(stores.tables.log.empty());
  EXPECT_EQ(r.counts().new_reports, 2);
  EXPECT_EQ(r.counts().notices_queued, 2);
}

TEST_F(BatchedWrites, ThePipelineWritesEverythingSubmittedBeforeFlushReturns) {
  student_recorder r = recorder();
  {
    write_pipeline writer(r, 2);  // at most two students per transaction
    for (pending_student &p : three()) {
      writer.submit(std::move(p));
    }
    writer.flush({});
    EXPECT_EQ(stores.tables.log.size(), 3u);
    EXPECT_EQ(stores.tables.outbox.size(), 2u);
    EXPECT_EQ(r.counts().notices_queued, 2);
    EXPECT_GE(stores.tables.writes, 2);  // three students never fit one transaction of two
  }
}

// A student feed whose contacts wait until the test lets them go.
class gated_feed final : public core::student_feed {
 public:
  explicit gated_feed(core::student_feed &inner) : inner_(inner) {}
  std::vector<core::student_range> plan_ranges(const std::optional<std::string> &school,
                                               unsigned batch_size) override {
    return inner_.plan_ranges(school, batch_size);
  }
  std::vector<core::sweep_student> students(const core::student_range &range) override {
    return inner_.students(range);
  }
  std::vector<core::contact_facts> contacts(std::int64_t student_id) override {
    if (fail) {
      throw std::logic_error("not a database failure");
    }
    std::unique_lock lock(mutex_);
    open_.wait(lock, [&] { return opened_; });
    return inner_.contacts(student_id);
  }
  void open() {
    {
      const std::lock_guard lock(mutex_);
      opened_ = true;
    }
    open_.notify_all();
  }
  std::atomic<bool> fail{false};

 private:
  core::student_feed &inner_;
  std::mutex mutex_;
  std::condition_variable open_;
  bool opened_ = false;
};

TEST_F(BatchedWrites, FlushKeepsTheLeaseAliveWhileTheDatabaseIsSlow) {
  gated_feed feed(stores.students);
  student_recorder r(feed, stores.log, clock, log, years(), false);
  write_pipeline writer(r);
  writer.submit(answer_of(1, "1000000001", {final_link("SB", "2026-27")}));
  int kept_alive = 0;
  // The writer waits in contacts() until the lease was kept alive once (about a second).
  writer.flush([&] {
    ++kept_alive;
    feed.open();
  });
  EXPECT_GE(kept_alive, 1);
  EXPECT_EQ(stores.tables.outbox.size(), 1u);
}

TEST_F(BatchedWrites, AnExceptionOnTheWritersThreadIsThrownByFlush) {
  gated_feed feed(stores.students);
  feed.fail = true;
  student_recorder r(feed, stores.log, clock, log, years(), false);
  write_pipeline writer(r);
  writer.submit(answer_of(1, "1000000001", {final_link("SB", "2026-27")}));
  EXPECT_THROW(writer.flush({}), std::logic_error);
  EXPECT_TRUE(stores.tables.log.empty());
}

TEST_F(BatchedWrites, AWholeSweepCountsTheWritersWorkInItsResultAndProgress) {
  std::vector<std::string> progress;
  const sweep_counts c = service(10).run(
      parse_sweep_request(usual, "w1"), [&](const std::string &json) { progress.push_back(json); });
  EXPECT_EQ(c.new_reports, 2);
  EXPECT_EQ(c.notices_queued, 2);
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_NE(progress[0].find("\"notices_queued\":2"), std::string::npos) << progress[0];
  for (const auto &[key, lease] : stores.tables.leases) {
    EXPECT_TRUE(lease.done) << key;
  }
}

}  // namespace
}  // namespace ssrlink::testing
