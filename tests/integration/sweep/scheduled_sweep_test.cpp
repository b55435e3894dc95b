// Scheduled sweeps end to end, on SQLite and PostgreSQL with the real fake-ets over TLS: two
// sweep_worker PROCESSES asking "when_due" at the same instant (the host's clock stood still
// there), of which exactly one runs the slot, records it and queues its summaries; and the
// host's clock moved across the day clocks spring forward and the day they fall back.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <fstream>

#include "odbc/sql_script.hpp"
#include "odbc/test_support.hpp"
#include "sweep_world.hpp"

namespace ssrlink::sweep::testing {
namespace {

namespace fs = std::filesystem;
using ets::testing::temp_dir;
using odbc::testing::scalar;

core::time_point at(const std::string &text) {
  core::time_point t{};
  EXPECT_TRUE(core::parse_utc(text, t)) << text;
  return t;
}

std::string ms(const std::string &text) {
  return std::to_string(at(text).time_since_epoch().count());
}

// The synthetic district's first `n` students on SQLite (sqlite_store_test.cpp's rows, smaller):
// the SSIDs fake-ets answers for, two guardians with rights, one without.
std::string sqlite_district(const fs::path &dir, std::int64_t n) {
  std::string connection = "DRIVER=SQLite3;Database=" + (dir / "d.db").string() + ";";
  const fs::path sql = SSRLINK_SQL_DIR;
  odbc::testing::run_sql_file(connection, sql / "sqlite" / "reference-host.sql");
  odbc::testing::run_sql_file(connection, sql / "sqlite" / "install.sql");
  std::string rows =
      "INSERT INTO SCL (SC, NM, CDS) VALUES (1, 'Lincoln', ''), (2, 'Roosevelt', '');";
  for (std::int64_t g = 1; g <= n; ++g) {
    const std::string id = std::to_string(g);
    rows.append("INSERT INTO STU (ID, SC, GR, CID, CL, DNR, HCI) VALUES (")
        .append(id)
        .append(", ")
        .append(std::to_string(1 + g % 2))
        .append(", 5, '")
        .append(std::to_string(5000000000 + g))
        .append("', '00', '', '');");
    rows.append("INSERT INTO CON (PID, SQ, EM, ED, CL, HCI) VALUES (")
        .append(id)
        .append(", 1, 'g1-")
        .append(id)
        .append("@example.org', 'Y', '00', ''), (")
        .append(id)
        .append(", 3, 'g3-")
        .append(id)
        .append("@example.org', '', '00', '');");
  }
  { std::ofstream(dir / "host.sql") << rows; }
  odbc::testing::run_sql_file(connection, dir / "host.sql");
  return connection;
}

// worker_args for any connection string, with the host's clock stood still at `now`, the
// schedule on (every day at 02:30 in Los Angeles) and two summary recipients.
std::vector<std::string> scheduled_worker(const std::string &connection, const std::string &name,
                                          const std::string &now, const fs::path &trace) {
  return {"--odbc",
          connection,
          "--base-url",
          world->ets->base_url(),
          "--ca-file",
          world->ca_file.string(),
          "--username",
          ets_user,
          "--request",
          R"({"scope": "district", "when_due": true, "concurrency": 8, "worker": ")" + name + "\"}",
          "--trace",
          trace.string(),
          "--batch-size",
          std::to_string(batch_size),
          "--pool",
          "3",
          "--now-ms",
          ms(now),
          "--schedule",
          "02:30",
          "--summary-to",
          "office@district.example,chief@district.example"};
}

// Two processes asking at the same instant: one runs the slot, the other is told the next one.
void two_processes_one_run(const std::string &connection, odbc::connection_pool &pool,
                           std::int64_t students) {
  temp_dir dir;
  const std::string now = "2026-11-23T10:30:00Z";  // Monday 02:30 PST
  std::vector<std::unique_ptr<worker_process>> workers;
  for (const char *name : {"early", "late"}) {
    workers.push_back(std::make_unique<worker_process>(
        dir.path(), name, scheduled_worker(connection, name, now, dir.path() / "trace")));
  }
  int ran = 0;
  for (auto &w : workers) {
    ASSERT_EQ(w->wait(), 0) << w->errors();
    const boost::json::object result = boost::json::parse(w->output()).as_object();
    if (result.at("ran").as_bool()) {
      ++ran;
      EXPECT_EQ(result.at("slot").as_string(), now);
      EXPECT_EQ(result.at("students_checked").as_int64(), students);
    } else {
      EXPECT_EQ(result.at("next_due").as_string(), "2026-11-24T10:30:00Z");
      EXPECT_FALSE(result.contains("students_checked"));
    }
  }
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_schedule_run"), 1);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_schedule_run WHERE slot = '" + now +
                             "' AND outcome = 'ok' AND finished_at IS NOT NULL AND started_at = " +
                             ms(now)),
            1);
  EXPECT_EQ(scalar(pool,
                   "SELECT COUNT(*) FROM ssrlink_outbox WHERE kind = 'summary' AND "
                   "student_id = 0 AND report_key = 'summary:" +
                       now + "'"),
            2);
  EXPECT_EQ(scalar(pool,
                   "SELECT COUNT(*) FROM ssrlink_outbox WHERE kind = 'summary' AND "
                   "body_text LIKE '%Students checked: " +
                       std::to_string(students) + "%'"),
            2);
  // A third process a minute later: the slot is done.
  worker_process third(
      dir.path(), "third",
      scheduled_worker(connection, "third", "2026-11-23T10:31:00Z", dir.path() / "trace"));
  ASSERT_EQ(third.wait(), 0) << third.errors();
  EXPECT_FALSE(boost::json::parse(third.output()).at("ran").as_bool());
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_outbox WHERE kind = 'summary'"), 2);
}

TEST(ScheduledSweepProcesses, TwoAskingAtOnceRunTheSlotOnceOnPostgres) {
  database db("scheduled_two");
  two_processes_one_run(db.connection, *db.ports.pool, world->district.students);
  // Every guardian's notice exactly once, as an unscheduled run queues them.
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM ssrlink_outbox WHERE kind = 'notice'"),
            world->district.expected_notices());
}

TEST(ScheduledSweepProcesses, TwoAskingAtOnceRunTheSlotOnceOnSqlite) {
  temp_dir dir;
  const std::string connection = sqlite_district(dir.path(), 40);
  ssrlink::testing::recording_logger log;
  odbc::odbc_ports ports = odbc::make_odbc_ports(connection, 1, log);
  two_processes_one_run(connection, *ports.pool, 40);
}

// The host's clock (its now_ms callback) moved across both changes of 2027 in Los Angeles.
void across_daylight_saving(odbc::connection_pool &pool) {
  ssrlink::testing::manual_clock host_clock;
  sweep_rig rig(pool, {"host", 30}, &host_clock);
  rig.settings.schedule.enabled = true;
  rig.settings.schedule.days.fill(true);
  rig.settings.schedule.minute_of_day = 2 * 60 + 30;
  rig.settings.summary_recipients = {"office@district.example"};
  const auto ask = [&](const std::string &now) {
    host_clock.set(at(now));
    return boost::json::parse(rig.sweep.run(R"({"scope": "district", "when_due": true})", {}).json)
        .as_object();
  };
  // Saturday's run is on record; on Sunday 2027-03-14 clocks jump from 02:00 to 03:00.
  rig.stores.schedule->claim(at("2027-03-13T10:30:00Z"), "host", at("2027-03-13T10:30:00Z"));
  boost::json::object out = ask("2027-03-14T09:59:00Z");  // 01:59 PST
  EXPECT_FALSE(out.at("ran").as_bool());
  EXPECT_EQ(out.at("next_due").as_string(), "2027-03-14T10:00:00Z");
  out = ask("2027-03-14T10:00:00Z");  // 03:00 PDT: 02:30 never came, so now
  EXPECT_TRUE(out.at("ran").as_bool());
  EXPECT_EQ(out.at("slot").as_string(), "2027-03-14T10:00:00Z");
  out = ask("2027-03-14T10:30:00Z");
  EXPECT_FALSE(out.at("ran").as_bool());
  EXPECT_EQ(out.at("next_due").as_string(), "2027-03-15T09:30:00Z");  // 02:30 PDT
  // On Sunday 2027-11-07 clocks fall back from 02:00 to 01:00: a 01:30 schedule runs once.
  rig.settings.schedule.minute_of_day = 60 + 30;
  rig.stores.schedule->claim(at("2027-11-06T08:30:00Z"), "host", at("2027-11-06T08:30:00Z"));
  out = ask("2027-11-07T08:30:00Z");  // 01:30 PDT
  EXPECT_TRUE(out.at("ran").as_bool());
  EXPECT_EQ(out.at("slot").as_string(), "2027-11-07T08:30:00Z");
  out = ask("2027-11-07T09:30:00Z");  // 01:30 PST, the same wall time again
  EXPECT_FALSE(out.at("ran").as_bool());
  EXPECT_EQ(out.at("next_due").as_string(), "2027-11-08T09:30:00Z");
  EXPECT_EQ(scalar(pool,
                   "SELECT COUNT(*) FROM ssrlink_schedule_run WHERE outcome = 'ok' AND "
                   "slot IN ('2027-03-14T10:00:00Z', '2027-11-07T08:30:00Z')"),
            2);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_schedule_run"), 4);
  // Each run's summary names the district's day and is keyed by its slot.
  EXPECT_EQ(scalar(pool,
                   "SELECT COUNT(*) FROM ssrlink_outbox WHERE kind = 'summary' AND "
                   "((report_key = 'summary:2027-03-14T10:00:00Z' AND subject LIKE "
                   "'%district, 2027-03-14 /%') OR (report_key = "
                   "'summary:2027-11-07T08:30:00Z' AND subject LIKE '%district, 2027-11-07 /%'))"),
            2);
}

TEST(ScheduledSweepClock, AcrossDaylightSavingOnSqlite) {
  temp_dir dir;
  const std::string connection = sqlite_district(dir.path(), 40);
  ssrlink::testing::recording_logger log;
  odbc::odbc_ports ports = odbc::make_odbc_ports(connection, 2, log);
  across_daylight_saving(*ports.pool);
}

TEST(ScheduledSweepClock, AcrossDaylightSavingOnPostgres) {
  database db("scheduled_clock");
  across_daylight_saving(*db.ports.pool);
}

}  // namespace
}  // namespace ssrlink::sweep::testing
