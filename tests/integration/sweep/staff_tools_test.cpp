// The staff side of the log on real PostgreSQL: listing with filters and paging, queueing a
// notice by hand exactly once, and the report page's "viewed" stamp. The log is filled by a
// real sweep_worker run first.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "sweep_world.hpp"

namespace ssrlink::sweep::testing {
namespace {

boost::json::object parse(const core::call_result &r) {
  return boost::json::parse(r.json).as_object();
}

TEST(SweepStaffTools, ListQueueAndViewedOnPostgres) {
  database db("sweep_staff");
  ets::testing::temp_dir dir;
  worker_process w(
      dir.path(), "solo",
      worker_args(db, R"({"scope": "district", "worker": "solo"})", dir.path() / "trace"));
  ASSERT_EQ(w.wait(), 0) << w.errors();

  sweep_rig rig(*db.ports.pool);
  core::notification_log &staff = rig.staff;

  // Paging: pages of 7 walk the whole log without overlap.
  const std::int64_t total = db.scalar("SELECT COUNT(*) FROM ssrlink_report_log");
  std::int64_t seen = 0;
  for (std::int64_t offset = 0;; offset += 7) {
    const auto page =
        parse(staff.list(R"({"limit": 7, "offset": )" + std::to_string(offset) + "}"));
    seen += static_cast<std::int64_t>(page.at("entries").as_array().size());
    if (!page.at("more").as_bool()) {
      break;
    }
  }
  EXPECT_EQ(seen, total);

  const auto no_email = parse(staff.list(R"({"no_email": true, "limit": 1000})"));
  EXPECT_EQ(static_cast<std::int64_t>(no_email.at("entries").as_array().size()),
            world->district.expected_no_email());
  const auto school = parse(staff.list(R"({"school": "2", "limit": 1000})"));
  for (const auto &e : school.at("entries").as_array()) {
    EXPECT_EQ(e.as_object().at("school").as_string(), "2");
    EXPECT_EQ(e.as_object().at("student_id").as_int64() % 2, 1);  // school 2 holds odd IDs
  }
  EXPECT_FALSE(school.at("entries").as_array().empty());

  // Student 16 (g % 4 == 0): contact 2 has rights but no email yet.
  const std::string key = "SB:" + world->district.this_year;
  const std::string request =
      R"({"student_id": 16, "contact_sequence": 2, "report_key": ")" + key + "\"}";
  EXPECT_THROW(staff.queue(request), core::failure);
  world->postgres.psql("sweep_staff",
                       "UPDATE CON SET EM = 'late@example.org' "
                       "WHERE PID = 16 AND SQ = 2");
  EXPECT_EQ(parse(staff.queue(request)).at("queued").as_bool(), true);
  EXPECT_EQ(parse(staff.queue(request)).at("queued").as_bool(), false);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE student_id = 16 AND "
                      "contact_sequence = 2"),
            1);

  // Filters on leave date and tag use the host's columns.
  world->postgres.psql("sweep_staff", "UPDATE STU SET LD = '2026-01-15', TG = 'X' WHERE ID = 16");
  const auto left = parse(staff.list(R"({"leave_before": "2026-06-30", "tag": "X"})"));
  ASSERT_FALSE(left.at("entries").as_array().empty());
  for (const auto &e : left.at("entries").as_array()) {
    EXPECT_EQ(e.as_object().at("student_id").as_int64(), 16);
  }

  // The page offered student 16's report: it drops out of "not viewed" (16 is the only
  // student tagged X).
  const auto before = parse(staff.list(R"({"not_viewed": true, "tag": "X"})"));
  rig.stores.offered->record_offered(16, 1, {key}, rig.clock.now());
  const auto after = parse(staff.list(R"({"not_viewed": true, "tag": "X"})"));
  EXPECT_EQ(before.at("entries").as_array().size(), after.at("entries").as_array().size() + 1);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE student_id = 16 AND "
                      "viewed_at IS NOT NULL"),
            1);
}

TEST(SweepStaffTools, LeasesAreClaimedOnceRenewedAndFinishedByTheirHolder) {
  database db("sweep_leases");
  odbc::odbc_sweep_stores stores = odbc::make_odbc_sweep_stores(*db.ports.pool);
  core::batch_leases &leases = *stores.leases;
  const ssrlink::testing::system_clock clock;
  const core::time_point t0 = clock.now();
  const auto ranges = stores.students->plan_ranges(std::nullopt, 400);
  ASSERT_EQ(ranges.size(), 3u);  // 1000 students
  EXPECT_EQ(ranges.front().first_id, 1);
  EXPECT_EQ(ranges.back().last_id, 1000);
  EXPECT_TRUE(leases.create("district@test", ranges, t0));
  EXPECT_FALSE(leases.create("district@test", ranges, t0));  // planned once
  const std::chrono::seconds lease(60);
  const auto a = leases.claim("district@test", "a", t0, lease);
  const auto b = leases.claim("district@test", "b", t0, lease);
  const auto c = leases.claim("district@test", "c", t0, lease);
  ASSERT_TRUE(a && b && c);
  EXPECT_NE(a->lease_key, b->lease_key);
  EXPECT_NE(b->lease_key, c->lease_key);
  EXPECT_NE(a->lease_key, c->lease_key);
  EXPECT_FALSE(leases.claim("district@test", "d", t0, lease));  // all live
  EXPECT_TRUE(leases.renew(*a, "a", t0 + std::chrono::seconds(30), lease));
  EXPECT_FALSE(leases.renew(*a, "d", t0 + std::chrono::seconds(30), lease));
  // After 61 s, b and c have expired but a (renewed to 90 s) has not.
  const core::time_point later = t0 + std::chrono::seconds(61);
  const auto taken = leases.claim("district@test", "d", later, lease);
  ASSERT_TRUE(taken);
  EXPECT_NE(taken->lease_key, a->lease_key);
  EXPECT_FALSE(leases.finish(taken->lease_key == b->lease_key ? *b : *c,
                             taken->lease_key == b->lease_key ? "b" : "c", later));
  EXPECT_TRUE(leases.finish(*taken, "d", later));
  EXPECT_TRUE(leases.finish(*a, "a", later));
  EXPECT_TRUE(leases.pending_until("district@test").has_value());  // one batch still out
}

TEST(SweepStaffTools, SchoolScopeSweepsThatSchoolOnly) {
  database db("sweep_school");
  ets::testing::temp_dir dir;
  worker_process w(dir.path(), "school",
                   worker_args(db, R"({"scope": "2", "dry_run": true, "worker": "school"})",
                               dir.path() / "trace"));
  ASSERT_EQ(w.wait(), 0) << w.errors();
  const auto result = boost::json::parse(w.output()).as_object();
  EXPECT_EQ(result.at("students_checked").to_number<std::int64_t>(), world->district.students / 2);
}

}  // namespace
}  // namespace ssrlink::sweep::testing
