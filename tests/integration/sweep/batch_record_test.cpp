// report_log::record_all on a real database (PostgreSQL, the shared world's server): several
// students' rows in one transaction, and all or nothing when another process wrote one of them
// first (range_check.hpp, rule 11).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "odbc/sweep/odbc_report_log.hpp"
#include "sweep_world.hpp"

namespace ssrlink::sweep::testing {
namespace {

core::student_writes new_report(std::int64_t id, const std::string &ssid, bool with_notice) {
  core::student_writes one;
  one.student.student_id = id;
  one.student.ssid = ssid;
  core::report_write w;
  w.change.report = {"SB:2026-27", "SB", "2026-27", "Final"};
  w.change.notify = with_notice;
  if (with_notice) {
    w.notice = core::notice_state::queued;
    // Appended piecewise: GCC 12 at -O3 reports a -Wrestrict false positive on "x" + std::string.
    std::string recipient = "g1-";
    recipient.append(ssid).append("@example.org");
    w.notices.push_back({1, recipient, "en", "Scores", "text", "<p>html</p>", "SB:2026-27"});
  }
  one.writes.push_back(std::move(w));
  return one;
}

TEST(BatchRecord, SeveralStudentsInOneTransactionAndAllOrNothing) {
  database db("batch_record");
  odbc::odbc_report_log log(*db.ports.pool);
  const core::time_point now = ssrlink::testing::manual_clock::default_start;

  EXPECT_TRUE(log.record_all({new_report(1, "9000000001", true), new_report(2, "9000000002", false),
                              new_report(3, "9000000003", true)},
                             now));
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE ssid LIKE '9%'"), 3);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE student_id IN (1, 2, 3)"), 2);

  // Student 3's row exists now: a batch with a new student 4 and student 3 again is refused
  // whole, and student 4's rows are not kept either.
  EXPECT_FALSE(
      log.record_all({new_report(4, "9000000004", true), new_report(3, "9000000003", true)}, now));
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE ssid = '9000000004'"), 0);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE student_id = 4"), 0);

  // The transition to Final another process made first refuses the batch the same way.
  core::student_writes again = new_report(1, "9000000001", true);
  again.writes[0].change.already_logged = true;
  EXPECT_FALSE(log.record_all({new_report(5, "9000000005", false), again}, now));
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE ssid = '9000000005'"), 0);

  // The connection went back to the pool in autocommit mode: a lone record still commits.
  EXPECT_TRUE(log.record(new_report(5, "9000000005", false).student,
                         new_report(5, "9000000005", false).writes, now));
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE ssid = '9000000005'"), 1);
}

TEST(BatchRecord, RowsBeyondOneStatementAreAllWritten) {
  // 45 log rows and 45 notices: chunks of 32, 8, 4 and 1 rows (row_batch_insert.hpp).
  database db("batch_record_chunks");
  odbc::odbc_report_log log(*db.ports.pool);
  std::vector<core::student_writes> students;
  for (std::int64_t id = 101; id <= 145; ++id) {
    students.push_back(new_report(id, std::to_string(8000000000 + id), true));
  }
  EXPECT_TRUE(log.record_all(students, ssrlink::testing::manual_clock::default_start));
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE ssid LIKE '8%'"), 45);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE student_id BETWEEN 101 AND 145"),
            45);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE ssid = '8000000145' AND "
                      "notice = 'queued' AND emailed_at IS NOT NULL AND viewed_at IS NULL"),
            1);
}

}  // namespace
}  // namespace ssrlink::sweep::testing
