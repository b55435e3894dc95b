// The staff side of the log on real PostgreSQL: listing with filters and paging, queueing a
// notice by hand exactly once, and the report page's "viewed" stamp. The log is filled by a
// real sweep_worker run first.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/sweep/sweep_service.hpp"
#include "ets/ets_client_factory.hpp"
#include "odbc/sweep/odbc_sweep_store.hpp"
#include "sweep_world.hpp"

namespace ssrlink::sweep::testing {
namespace {

class system_clock final : public core::clock {
 public:
  core::time_point now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

class fixed_resolver final : public core::credential_resolver {
 public:
  std::optional<core::resolved_credentials> for_school(std::string_view) override {
    return core::resolved_credentials{{"district", ets_user, ets_secret, "district@1"}, {}, false};
  }
};

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

  null_logger log;
  system_clock clock;
  core::ets_settings settings;
  settings.base_url = world->ets->base_url();
  settings.ca_file = world->ca_file.string();
  auto ets_client = ets::make_ets_client(settings, log, clock);
  auto store = odbc::make_odbc_sweep_store(db.ports.pool);
  fixed_resolver resolver;
  core::sweep_service service(*store, *ets_client, resolver, clock, log);

  // Paging: pages of 7 walk the whole log without overlap.
  const std::int64_t total = db.scalar("SELECT COUNT(*) FROM ssrlink_report_log");
  std::int64_t seen = 0;
  for (std::int64_t offset = 0;; offset += 7) {
    const auto page =
        parse(service.list_log(R"({"limit": 7, "offset": )" + std::to_string(offset) + "}"));
    seen += static_cast<std::int64_t>(page.at("entries").as_array().size());
    if (!page.at("more").as_bool()) {
      break;
    }
  }
  EXPECT_EQ(seen, total);

  const auto no_email = parse(service.list_log(R"({"no_email": true, "limit": 1000})"));
  EXPECT_EQ(static_cast<std::int64_t>(no_email.at("entries").as_array().size()),
            world->district.expected_no_email());
  const auto school = parse(service.list_log(R"({"school": "2", "limit": 1000})"));
  for (const auto &e : school.at("entries").as_array()) {
    EXPECT_EQ(e.as_object().at("school").as_string(), "2");
    EXPECT_EQ(e.as_object().at("student_id").as_int64() % 2, 1);  // school 2 holds odd IDs
  }
  EXPECT_FALSE(school.at("entries").as_array().empty());

  // Student 16 (g % 4 == 0): contact 2 has rights but no email yet.
  const std::string key = "SB:" + world->district.this_year;
  const std::string request =
      R"({"student_id": 16, "contact_sequence": 2, "report_key": ")" + key + "\"}";
  EXPECT_THROW(service.queue_notice(request), core::failure);
  world->postgres.psql("sweep_staff",
                       "UPDATE CON SET EM = 'late@example.org' "
                       "WHERE PID = 16 AND SQ = 2");
  EXPECT_EQ(parse(service.queue_notice(request)).at("queued").as_bool(), true);
  EXPECT_EQ(parse(service.queue_notice(request)).at("queued").as_bool(), false);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE student_id = 16 AND "
                      "contact_sequence = 2"),
            1);

  // Filters on leave date and tag use the host's columns.
  world->postgres.psql("sweep_staff", "UPDATE STU SET LD = '2026-01-15', TG = 'X' WHERE ID = 16");
  const auto left = parse(service.list_log(R"({"leave_before": "2026-06-30", "tag": "X"})"));
  ASSERT_FALSE(left.at("entries").as_array().empty());
  for (const auto &e : left.at("entries").as_array()) {
    EXPECT_EQ(e.as_object().at("student_id").as_int64(), 16);
  }

  // The page offered student 16's report: it drops out of "not viewed" (16 is the only
  // student tagged X).
  const auto before = parse(service.list_log(R"({"not_viewed": true, "tag": "X"})"));
  service.record_offered(16, 1, {key});
  const auto after = parse(service.list_log(R"({"not_viewed": true, "tag": "X"})"));
  EXPECT_EQ(before.at("entries").as_array().size(), after.at("entries").as_array().size() + 1);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_report_log WHERE student_id = 16 AND "
                      "viewed_at IS NOT NULL"),
            1);
}

TEST(SweepStaffTools, LeasesAreClaimedOnceRenewedAndFinishedByTheirHolder) {
  database db("sweep_leases");
  auto store = odbc::make_odbc_sweep_store(db.ports.pool);
  system_clock clock;
  const core::time_point t0 = clock.now();
  const auto ranges = store->plan_ranges(std::nullopt, 400);
  ASSERT_EQ(ranges.size(), 3u);  // 1000 students
  EXPECT_EQ(ranges.front().first_id, 1);
  EXPECT_EQ(ranges.back().last_id, 1000);
  EXPECT_TRUE(store->create_leases("district@test", ranges, t0));
  EXPECT_FALSE(store->create_leases("district@test", ranges, t0));  // planned once
  const std::chrono::seconds lease(60);
  const auto a = store->claim_batch("district@test", "a", t0, lease);
  const auto b = store->claim_batch("district@test", "b", t0, lease);
  const auto c = store->claim_batch("district@test", "c", t0, lease);
  ASSERT_TRUE(a && b && c);
  EXPECT_NE(a->lease_key, b->lease_key);
  EXPECT_NE(b->lease_key, c->lease_key);
  EXPECT_NE(a->lease_key, c->lease_key);
  EXPECT_FALSE(store->claim_batch("district@test", "d", t0, lease));  // all live
  EXPECT_TRUE(store->renew_batch(*a, "a", t0 + std::chrono::seconds(30), lease));
  EXPECT_FALSE(store->renew_batch(*a, "d", t0 + std::chrono::seconds(30), lease));
  // After 61 s, b and c have expired but a (renewed to 90 s) has not.
  const core::time_point later = t0 + std::chrono::seconds(61);
  const auto taken = store->claim_batch("district@test", "d", later, lease);
  ASSERT_TRUE(taken);
  EXPECT_NE(taken->lease_key, a->lease_key);
  EXPECT_FALSE(store->finish_batch(taken->lease_key == b->lease_key ? *b : *c,
                                   taken->lease_key == b->lease_key ? "b" : "c", later));
  EXPECT_TRUE(store->finish_batch(*taken, "d", later));
  EXPECT_TRUE(store->finish_batch(*a, "a", later));
  EXPECT_TRUE(store->pending_until("district@test").has_value());  // one batch still out
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
