// What the settings change in a sweep over the memory stores: options a request leaves out come
// from sweep_defaults (the request's own value wins), and a run that is not a dry run queues its
// completion summary once per recipient, once per run.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "sweep_fixture.hpp"

namespace ssrlink::testing {
namespace {

using namespace ssrlink::core;

std::vector<memory_outbox_row> summaries(const memory_sweep_tables &t) {
  std::vector<memory_outbox_row> out;
  std::copy_if(t.outbox.begin(), t.outbox.end(), std::back_inserter(out),
               [](const memory_outbox_row &r) { return r.kind == "summary"; });
  return out;
}

// An outbox whose summaries cannot be written (migration 0005 not run, say).
class failing_summaries final : public notice_outbox {
 public:
  bool queue(std::int64_t, const outbox_row &, time_point) override { return false; }
  bool queue_summary(const outbox_row &, time_point) override {
    throw failure(status::database, "The database has no column ssrlink_outbox.kind.");
  }
};

class SweepSettings : public SweepFixture {
 protected:
  boost::json::object run_json(const std::string &request) {
    return boost::json::parse(service().run(request, {}).json).as_object();
  }
};

TEST_F(SweepSettings, OptionsLeftOutComeFromTheDistrictDefaults) {
  settings.sweep.skip_tags = std::vector<std::string>{"X"};
  day_point june{};
  ASSERT_TRUE(parse_day("2026-06-30", june));
  settings.sweep.skip_leave_before = june;
  settings.sweep.include_previous_year = true;
  const boost::json::object out = run_json(R"({"scope": "district"})");
  EXPECT_EQ(out.at("students_checked").as_int64(), 8);  // 4 (tag X) and 5 (left) skipped
  EXPECT_EQ(out.at("new_reports").as_int64(), 3);       // with student 1's SB 2025-26
}

TEST_F(SweepSettings, TheRequestsOwnValuesWin) {
  settings.sweep.skip_tags = std::vector<std::string>{"X"};
  settings.sweep.include_previous_year = true;
  const boost::json::object out =
      run_json(R"({"scope": "district", "skip_tags": [], "include_previous_year": false})");
  EXPECT_EQ(out.at("students_checked").as_int64(), 10);  // nobody skipped
  EXPECT_EQ(out.at("new_reports").as_int64(), 4);        // this year's of students 1, 3, 4, 5 only
}

TEST_F(SweepSettings, ARunQueuesOneSummaryPerRecipientOnce) {
  settings.summary_recipients = {"office@district.example", "not an address",
                                 " chief@district.example "};
  run_json(usual);
  std::vector<memory_outbox_row> rows = summaries(stores.tables);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].student_id, 0);
  EXPECT_EQ(rows[0].row.contact_sequence, 1);
  EXPECT_EQ(rows[0].row.recipient, "office@district.example");
  EXPECT_EQ(rows[1].row.contact_sequence, 3);  // its place in the list
  EXPECT_EQ(rows[1].row.recipient, "chief@district.example");
  for (const memory_outbox_row &r : rows) {
    EXPECT_EQ(r.row.report_key, "summary:district@2026-11-23");
    EXPECT_EQ(r.row.language, "en");
    // The clock says 2026-11-23 02:00 UTC: still the 22nd in Los Angeles.
    EXPECT_NE(r.row.subject.find("the district, 2026-11-22"), std::string::npos) << r.row.subject;
    EXPECT_NE(r.row.body_text.find("Students checked: 8"), std::string::npos);
    EXPECT_NE(r.row.body_text.find("Notices queued for guardians: 2"), std::string::npos);
    EXPECT_NE(r.row.body_text.find("  enrollment_mismatch: 1"), std::string::npos);
  }
  EXPECT_TRUE(log.mentions("Sweep summary recipient 2 is not one usable email address"));
  // The notices are still notices.
  EXPECT_EQ(std::count_if(stores.tables.outbox.begin(), stores.tables.outbox.end(),
                          [](const memory_outbox_row &r) { return r.kind == "notice"; }),
            2);
  // A rerun the same day queues nothing more; the next day's run its own.
  run_json(usual);
  EXPECT_EQ(summaries(stores.tables).size(), 2u);
  clock.advance(std::chrono::hours(24));
  run_json(usual);
  rows = summaries(stores.tables);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2].row.report_key, "summary:district@2026-11-24");
}

TEST_F(SweepSettings, ADryRunQueuesNoSummary) {
  settings.summary_recipients = {"office@district.example"};
  run_json(R"({"scope": "district", "dry_run": true})");
  EXPECT_TRUE(stores.tables.outbox.empty());
  EXPECT_EQ(stores.tables.writes, 0);
}

TEST_F(SweepSettings, AScheduledRunsSummaryIsKeyedByItsSlot) {
  settings.summary_recipients = {"office@district.example"};
  settings.schedule.enabled = true;
  settings.schedule.days.fill(true);
  time_point slot{};
  ASSERT_TRUE(parse_utc("2026-11-23T10:30:00Z", slot));
  clock.set(slot);
  const boost::json::object out = run_json(R"({"scope": "district", "when_due": true})");
  ASSERT_EQ(out.at("ran").as_bool(), true);
  const std::vector<memory_outbox_row> rows = summaries(stores.tables);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row.report_key, "summary:2026-11-23T10:30:00Z");
  EXPECT_NE(rows[0].row.subject.find("the district, 2026-11-23"), std::string::npos);
}

TEST_F(SweepSettings, ASummaryThatCannotBeQueuedIsLoggedNotThrown) {
  settings.summary_recipients = {"office@district.example"};
  failing_summaries outbox;
  sweep_service s({stores.students, stores.leases, stores.log, outbox, stores.schedule},
                  [this] { return settings; }, ets, resolver, clock, log, {"w1", 3});
  const auto out = boost::json::parse(s.run(usual, {}).json).as_object();
  EXPECT_EQ(out.at("students_checked").as_int64(), 8);
  EXPECT_TRUE(log.mentions("could not be queued")) << log.joined();
  EXPECT_TRUE(log.mentions("ssrlink_outbox.kind")) << log.joined();
}

}  // namespace
}  // namespace ssrlink::testing
