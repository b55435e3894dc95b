// The stores behind scheduled sweeps and completion summaries on both real databases (SQLite
// through the SQLite3 ODBC driver, PostgreSQL through psqlODBC, each with migration 0005): the
// ODBC schedule_runs (claim, finish, latest), claims racing from threads that each hold a
// connection of their own, and summary rows in ssrlink_outbox beside the notices.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "odbc/sql_script.hpp"
#include "odbc/test_support.hpp"
#include "sweep_world.hpp"

namespace ssrlink::sweep::testing {
namespace {

namespace fs = std::filesystem;
using odbc::testing::scalar;

core::time_point at(const std::string &text) {
  core::time_point t{};
  EXPECT_TRUE(core::parse_utc(text, t)) << text;
  return t;
}

// A database at schema version 5, as a DBA would make it: SQLite from install.sql; PostgreSQL
// from install.sql and the sweep's migrations, 0005 included.
std::string sqlite_database(const fs::path &dir) {
  std::string connection = "DRIVER=SQLite3;Database=" + (dir / "s.db").string() + ";";
  const fs::path sql = SSRLINK_SQL_DIR;
  odbc::testing::run_sql_file(connection, sql / "sqlite" / "reference-host.sql");
  odbc::testing::run_sql_file(connection, sql / "sqlite" / "install.sql");
  return connection;
}

std::unique_ptr<database> postgres_database(const std::string &name) {
  auto db = std::make_unique<database>(name);
  world->postgres.psql_file(name, fs::path(SSRLINK_SQL_DIR) / "postgresql" / "migrations" /
                                      "0005_staff_and_families.sql");
  return db;
}

// One process's worth of stores: a pool of one connection of its own.
struct racer {
  ssrlink::testing::recording_logger log;
  odbc::odbc_ports ports;
  odbc::odbc_sweep_stores stores;
  explicit racer(const std::string &connection)
      : ports(odbc::make_odbc_ports(connection, 1, log)),
        stores(odbc::make_odbc_sweep_stores(*ports.pool)) {}
};

void check_claim_finish_latest(const std::string &connection) {
  racer one(connection);
  core::schedule_runs &runs = *one.stores.schedule;
  EXPECT_FALSE(runs.latest());
  const core::time_point monday = at("2026-11-23T10:30:00Z");
  const core::time_point tuesday = at("2026-11-24T10:30:00Z");
  EXPECT_TRUE(runs.claim(monday, "web-1", at("2026-11-23T10:30:00.250Z")));
  EXPECT_FALSE(runs.claim(monday, "web-2", at("2026-11-23T10:30:00.300Z")));  // the key refuses
  EXPECT_EQ(scalar(*one.ports.pool,
                   "SELECT COUNT(*) FROM ssrlink_schedule_run WHERE slot = "
                   "'2026-11-23T10:30:00Z' AND worker = 'web-1' AND "
                   "started_at = 1795429800250 AND finished_at IS NULL"),
            1);
  runs.finish(monday, core::run_outcome::ok, at("2026-11-23T10:31:00Z"));
  std::optional<core::schedule_run> last = runs.latest();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->slot, monday);
  EXPECT_EQ(last->worker, "web-1");
  EXPECT_EQ(last->finished_at, at("2026-11-23T10:31:00Z"));
  EXPECT_EQ(last->outcome, "ok");
  // The latest is the latest slot, not the latest row; a row of another shape is passed over.
  EXPECT_TRUE(runs.claim(tuesday, "web-2", at("2026-11-24T10:30:01Z")));
  one.ports.pool->run({"write by hand", {}}, [](odbc::connection &c) {
    c.prepare(
         "INSERT INTO ssrlink_schedule_run (slot, worker, started_at) VALUES "
         "('zz by hand', 'dba', 0)")
        .execute({});
  });
  EXPECT_TRUE(runs.claim(at("2026-11-22T10:30:00Z"), "web-3", at("2026-11-24T10:40:00Z")));
  runs.finish(tuesday, core::run_outcome::failed, at("2026-11-24T10:35:00Z"));
  last = runs.latest();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->slot, tuesday);
  EXPECT_EQ(last->worker, "web-2");
  EXPECT_EQ(last->outcome, "failed");
}

// `racers` threads, each with its own connection, claim one slot at once: how many won.
int racing_claims(const std::string &connection, int racers) {
  std::vector<std::unique_ptr<racer>> each;
  for (int i = 0; i < racers; ++i) {
    each.push_back(std::make_unique<racer>(connection));
    each.back()->stores.schedule->latest();  // connected before the race starts
  }
  const core::time_point slot = at("2026-12-01T10:30:00Z");
  std::atomic<int> ready{0}, won{0}, failed{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < racers; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (!go.load()) {
        std::this_thread::yield();
      }
      try {
        if (each[static_cast<std::size_t>(i)]->stores.schedule->claim(
                slot, "racer-" + std::to_string(i), slot)) {
          ++won;
        }
      } catch (const core::failure &) {
        ++failed;
      }
    });
  }
  while (ready.load() < racers) {
    std::this_thread::yield();
  }
  go = true;
  for (std::thread &t : threads) {
    t.join();
  }
  EXPECT_EQ(failed.load(), 0);
  return won.load();
}

void check_summary_rows(const std::string &connection) {
  racer one(connection);
  core::notice_outbox &outbox = *one.stores.outbox;
  const core::outbox_row summary{1,
                                 "office@district.example",
                                 "en",
                                 "Sweep summary",
                                 "text",
                                 "<p>html</p>",
                                 "summary:district@2026-11-23"};
  EXPECT_TRUE(outbox.queue_summary(summary, at("2026-11-23T10:40:00Z")));
  EXPECT_FALSE(outbox.queue_summary(summary, at("2026-11-23T11:40:00Z")));  // a rerun
  core::outbox_row second = summary;
  second.contact_sequence = 2;
  second.recipient = "chief@district.example";
  EXPECT_TRUE(outbox.queue_summary(second, at("2026-11-23T10:40:00Z")));
  // A notice queued by hand keeps the column's default.
  const core::outbox_row notice{1,   "parent@example.org", "es",        "Aviso",
                                "t", "<p>h</p>",           "SB:2026-27"};
  EXPECT_TRUE(outbox.queue(1003, notice, at("2026-11-23T10:41:00Z")));
  odbc::connection_pool &pool = *one.ports.pool;
  EXPECT_EQ(scalar(pool,
                   "SELECT COUNT(*) FROM ssrlink_outbox WHERE kind = 'summary' AND "
                   "student_id = 0 AND report_key = 'summary:district@2026-11-23' AND "
                   "sent_at IS NULL AND claimed_at IS NULL"),
            2);
  EXPECT_EQ(scalar(pool,
                   "SELECT COUNT(*) FROM ssrlink_outbox WHERE kind = 'summary' AND "
                   "contact_sequence = 2 AND recipient = 'chief@district.example' AND "
                   "created_at = 1795430400000"),
            1);
  EXPECT_EQ(scalar(pool,
                   "SELECT COUNT(*) FROM ssrlink_outbox WHERE kind = 'notice' AND "
                   "student_id = 1003"),
            1);
}

TEST(ScheduleStores, ClaimFinishAndLatestOnSqlite) {
  ets::testing::temp_dir dir;
  check_claim_finish_latest(sqlite_database(dir.path()));
}

TEST(ScheduleStores, ClaimFinishAndLatestOnPostgres) {
  const auto db = postgres_database("schedule_runs_store");
  check_claim_finish_latest(db->connection);
}

TEST(ScheduleStores, OfEightConnectionsClaimingOneSlotAtOnceExactlyOneWinsOnSqlite) {
  ets::testing::temp_dir dir;
  const std::string connection = sqlite_database(dir.path());
  EXPECT_EQ(racing_claims(connection, 8), 1);
}

TEST(ScheduleStores, OfEightConnectionsClaimingOneSlotAtOnceExactlyOneWinsOnPostgres) {
  const auto db = postgres_database("schedule_runs_race");
  EXPECT_EQ(racing_claims(db->connection, 8), 1);
  EXPECT_EQ(db->scalar("SELECT COUNT(*) FROM ssrlink_schedule_run"), 1);
}

TEST(ScheduleStores, SummaryRowsBesideNoticesOnSqlite) {
  ets::testing::temp_dir dir;
  check_summary_rows(sqlite_database(dir.path()));
}

TEST(ScheduleStores, SummaryRowsBesideNoticesOnPostgres) {
  const auto db = postgres_database("schedule_summary_rows");
  check_summary_rows(db->connection);
}

}  // namespace
}  // namespace ssrlink::sweep::testing
