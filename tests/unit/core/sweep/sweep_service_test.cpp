// The sweep end to end over the memory stores: what is checked, logged, counted and sent, how
// batches are shared through leases, and the bound on ETS calls in flight.
#include "core/sweep/sweep_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <map>
#include <string>
#include <vector>

#include "sweep_fixture.hpp"

namespace ssrlink::testing {
namespace {

using namespace std::chrono;
using namespace ssrlink::core;

using SweepService = SweepFixture;

TEST_F(SweepService, FirstRunLogsEverythingAndNotifiesGuardiansWithRights) {
  const sweep_counts c = run(usual);
  EXPECT_EQ(c.students_checked, 8);  // 4 (tag X) and 5 (left in January) skipped
  EXPECT_EQ(c.no_ssid, 1);
  EXPECT_EQ(c.new_reports, 2);     // student 1's SB 2026-27, student 3's CAST 2026-27
  EXPECT_EQ(c.notices_queued, 2);  // student 1 contact 1, student 3 contact 1
  EXPECT_EQ(c.no_email, 1);        // student 1 contact 2: rights, no email
  EXPECT_EQ(c.errors, (std::map<std::string, std::int64_t>{{"enrollment_mismatch", 1},
                                                           {"no_credentials", 1}}));
  ASSERT_EQ(stores.tables.outbox.size(), 2u);
  // Answers come back in any order: find each notice by student.
  const auto row_of = [&](std::int64_t id) {
    return *std::find_if(stores.tables.outbox.begin(), stores.tables.outbox.end(),
                         [&](const memory_outbox_row &r) { return r.student_id == id; });
  };
  const memory_outbox_row ana = row_of(1);
  EXPECT_EQ(ana.student_id, 1);
  EXPECT_EQ(ana.row.contact_sequence, 1);
  EXPECT_EQ(ana.row.recipient, "ana@example.org");
  EXPECT_EQ(ana.row.language, "es");
  EXPECT_EQ(ana.row.report_key, "SB:2026-27");
  EXPECT_NE(ana.row.body_text.find("Test Scores > State Test Scores Reports"), std::string::npos);
  const memory_outbox_row dnr = row_of(3);
  EXPECT_EQ(dnr.student_id, 3);
  EXPECT_NE(dnr.row.body_text.find("contact the school"), std::string::npos);
  EXPECT_EQ(dnr.row.body_text.find("State Test Scores Reports"), std::string::npos);
  // Everything found is logged: the earlier year and the Preliminary result too, quietly.
  EXPECT_EQ(stores.tables.log.at({"1000000001", "SB:2025-26"}).notice, notice_state::none);
  EXPECT_EQ(stores.tables.log.at({"1000000001", "SB:2026-27"}).notice, notice_state::partial);
  EXPECT_EQ(stores.tables.log.at({"1000000006", "ELPAC:2026-27"}).status, "Preliminary");
  EXPECT_EQ(stores.tables.log.at({"1000000010", "SB:2024-25"}).notice, notice_state::none);
  EXPECT_FALSE(stores.tables.log.at({"1000000010", "SB:2024-25"}).emailed_at);
}

TEST_F(SweepService, RerunsNeverNotifyTwice) {
  run(usual);
  const sweep_counts same_day = run(usual);
  EXPECT_EQ(same_day.students_checked, 0);  // the day's run is done: nothing to claim
  clock.advance(days(1));
  const sweep_counts next_day = run(usual);
  EXPECT_EQ(next_day.students_checked, 8);
  EXPECT_EQ(next_day.new_reports, 0);
  EXPECT_EQ(next_day.notices_queued, 0);
  EXPECT_EQ(stores.tables.outbox.size(), 2u);
}

TEST_F(SweepService, PreliminaryNotifiesOnlyOnceItIsFinal) {
  run(usual);
  EXPECT_EQ(stores.tables.outbox.size(), 2u);
  ets.answer("1000000006", reports({final_link("ELPAC", "2026-27")}));
  clock.advance(days(1));
  const sweep_counts c = run(usual);
  EXPECT_EQ(c.new_reports, 1);
  ASSERT_EQ(stores.tables.outbox.size(), 3u);
  EXPECT_EQ(stores.tables.outbox[2].row.recipient, "six@example.org");
  EXPECT_EQ(stores.tables.log.at({"1000000006", "ELPAC:2026-27"}).status, "Final");
}

TEST_F(SweepService, AReportThatDisappearsAndReturnsIsNotAnnouncedAgain) {
  run(usual);
  ets.answer("1000000003", ets_failed(ets_error::no_test_data));
  clock.advance(days(1));
  run(usual);
  ets.answer("1000000003", reports({final_link("CAST", "2026-27")}));
  clock.advance(days(1));
  EXPECT_EQ(run(usual).notices_queued, 0);
  EXPECT_EQ(stores.tables.outbox.size(), 2u);
}

TEST_F(SweepService, PreviousYearNotifiesWhenAsked) {
  const sweep_counts c = run(
      R"({"scope": "district", "include_previous_year": true, "skip_tags": ["X"],
          "skip_leave_before": "2026-06-30"})");
  EXPECT_EQ(c.new_reports, 3);  // plus student 1's SB 2025-26; 2024-25 still quiet
}

TEST_F(SweepService, DryRunWritesNothingButCountsWhatItWouldDo) {
  const sweep_counts c = run(R"({"scope": "district", "dry_run": true, "skip_tags": ["X"],
              "skip_leave_before": "2026-06-30"})");
  EXPECT_EQ(c.new_reports, 2);
  EXPECT_EQ(c.notices_queued, 2);
  EXPECT_EQ(stores.tables.writes, 0);
  EXPECT_TRUE(stores.tables.outbox.empty());
  EXPECT_TRUE(stores.tables.log.empty());
  EXPECT_TRUE(stores.tables.leases.empty());
}

TEST_F(SweepService, SchoolScopeChecksThatSchoolOnly) {
  resolver.schools_without_credentials.clear();
  const sweep_counts c = run(R"({"scope": "2"})");
  EXPECT_EQ(c.students_checked, 1);
  EXPECT_EQ(c.new_reports, 1);
}

TEST_F(SweepService, AnIntegerSchoolScopeIsThatSchool) {
  resolver.schools_without_credentials.clear();
  const sweep_counts c = run(R"({"scope": 2})");
  EXPECT_EQ(c.students_checked, 1);
  EXPECT_EQ(c.new_reports, 1);
}

TEST_F(SweepService, KeepsAtMostConcurrencyCallsInFlight) {
  stores.tables.students.clear();
  for (int i = 0; i < 60; ++i) {
    stores.tables.students.push_back(student(100 + i, std::to_string(3000000000 + i)));
    ets.answer(std::to_string(3000000000 + i), ets_failed(ets_error::no_test_data));
  }
  const sweep_counts c = service_on(clock, 25).run(
      parse_sweep_request(R"({"scope": "district", "concurrency": 4})", "w1"), {});
  EXPECT_EQ(c.students_checked, 60);
  EXPECT_EQ(ets.calls(), 60);
  EXPECT_LE(ets.max_in_flight(), 4);
  EXPECT_GE(ets.max_in_flight(), 2);
  EXPECT_TRUE(c.errors.empty());
}

TEST_F(SweepService, MaxStudentsStopsAndALaterRunResumes) {
  const sweep_counts first = run(R"({"scope": "district", "max_students": 4})");
  EXPECT_EQ(first.students_checked, 4);
  const sweep_counts rest = run(R"({"scope": "district"})");
  // A batch cut short is given back, so a few of its students may be checked again; a batch
  // finished is not redone, and nothing is counted or sent twice.
  EXPECT_GE(first.students_checked + rest.students_checked, 10);
  EXPECT_LE(first.students_checked + rest.students_checked, 10 + 2);
  EXPECT_EQ(first.new_reports + rest.new_reports, 4);  // SB 2026-27 of students 1, 3, 4, 5
  EXPECT_EQ(stores.tables.outbox.size(), 2u);          // 4 and 5 have no guardian on file
  for (const auto &[key, lease] : stores.tables.leases) {
    EXPECT_TRUE(lease.done) << key;
  }
}

TEST_F(SweepService, RenewsTheLeaseOfASlowBatch) {
  stepping_clock slow(std::chrono::minutes(1), clock.now());  // a batch that takes "long"
  sweep_service s = service_on(slow, 10);
  const sweep_counts c =
      s.run(parse_sweep_request(R"({"scope": "district", "lease_seconds": 600})", "w1"), {});
  EXPECT_EQ(c.students_checked, 10);
  EXPECT_GT(stores.tables.renewals, 0);
  for (const std::string &message : log.messages()) {
    EXPECT_EQ(message.find("could not renew"), std::string::npos) << message;
  }
  for (const auto &[key, lease] : stores.tables.leases) {
    EXPECT_TRUE(lease.done) << key;  // finished, not lost to an expired lease
  }
}

TEST_F(SweepService, ReportsProgressAfterEveryBatch) {
  std::vector<std::string> progress;
  const sweep_counts c = service(4).run(parse_sweep_request(usual, "w1"),
                                        [&](const std::string &json) { progress.push_back(json); });
  ASSERT_EQ(progress.size(), 3u);  // 10 students in batches of 4
  const auto last = boost::json::parse(progress.back()).as_object();
  EXPECT_EQ(last.at("students_checked").as_int64(), c.students_checked);
  EXPECT_EQ(last.at("batches").as_int64(), 3);
  EXPECT_EQ(last.at("worker").as_string(), "w1");
}

TEST_F(SweepService, ResultJsonHasTheContractKeys) {
  const auto json = boost::json::parse(service().run(usual, {}).json).as_object();
  for (const char *key :
       {"students_checked", "new_reports", "notices_queued", "no_email", "no_ssid",
        "duplicate_students", "duplicate_contacts", "errors", "elapsed_ms"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json.at("duplicate_students").as_int64(), 0);
  EXPECT_EQ(json.at("duplicate_contacts").as_int64(), 0);
  EXPECT_EQ(json.at("errors").as_object().at("enrollment_mismatch").as_int64(), 1);
}

TEST_F(SweepService, TransportFailuresAreCountedByFault) {
  ets.answer("1000000001", ets_failed(ets_error::processing_error, ets_fault::timed_out));
  EXPECT_EQ(run(usual).errors.at("timed_out"), 1);
}

}  // namespace
}  // namespace ssrlink::testing
