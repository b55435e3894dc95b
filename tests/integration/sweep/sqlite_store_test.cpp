// The same store on SQLite through the SQLite3 ODBC driver (the demo's database): one sweep in
// this process with the real HTTPS client against fake-ets, a rerun that finds nothing new, and
// the staff list's paging SQL.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <fstream>

#include "odbc/sql_script.hpp"
#include "sweep_world.hpp"

namespace ssrlink::sweep::testing {
namespace {

// The synthetic district's first `n` students as SQLite inserts (numbers only, no test data).
// "x" + std::string pieces are appended instead: GCC 12 at -O3 reports a -Wrestrict false
// positive on them.
std::string host_rows(std::int64_t n) {
  std::string sql =
      "INSERT INTO SCL (SC, NM, CDS) VALUES (1, 'Lincoln', ''), (2, 'Roosevelt', '');";
  for (std::int64_t g = 1; g <= n; ++g) {
    const std::string id = std::to_string(g);
    sql += "INSERT INTO STU (ID, SC, GR, CID, CL, DNR, HCI) VALUES (" + id + ", " +
           std::to_string(1 + g % 2) + ", 5, " +
           (g % 10 == 0 ? std::string("NULL")
                        : std::string("'").append(std::to_string(5000000000 + g)).append("'")) +
           ", '00', '" + (g % 10 == 2 ? "Y" : "") + "', '" + (g % 10 == 3 ? "Y" : "") + "');";
    sql += "INSERT INTO CON (PID, SQ, EM, ED, CL, HCI) VALUES (" + id + ", 1, 'g1-" + id +
           "@example.org', 'Y', '0" + std::to_string(g % 6) + "', ''), (" + id + ", 2, '" +
           (g % 4 == 0 ? std::string() : std::string("g2-").append(id).append("@example.org")) +
           "', 'Y', '01', '" + (g % 7 == 0 ? "Y" : "") + "'), (" + id + ", 3, 'g3-" + id +
           "@example.org', '', '00', '');";
  }
  return sql;
}

TEST(SweepOnSqlite, NotifiesOnceAndARerunFindsNothingNew) {
  ets::testing::temp_dir dir;
  const std::string connection = "DRIVER=SQLite3;Database=" + (dir.path() / "d.db").string() + ";";
  const std::filesystem::path sql = SSRLINK_SQL_DIR;
  odbc::testing::run_sql_file(connection, sql / "sqlite" / "reference-host.sql");
  odbc::testing::run_sql_file(connection, sql / "sqlite" / "install.sql");
  // install.sql is at schema version 2 already: SQLite's 0002 is only for version 1 databases.
  const synthetic_district d = synthetic_district::of(100);
  { std::ofstream(dir.path() / "host.sql") << host_rows(d.students); }
  odbc::testing::run_sql_file(connection, dir.path() / "host.sql");

  ssrlink::testing::recording_logger log;
  odbc::odbc_ports ports = odbc::make_odbc_ports(connection, 2, log);
  sweep_rig rig(*ports.pool, {"lite", 30});
  core::sweep_service &service = rig.sweep;

  const auto first =
      boost::json::parse(service.run(R"({"scope": "district", "concurrency": 8})", {}).json)
          .as_object();
  EXPECT_EQ(first.at("students_checked").as_int64(), d.students);
  EXPECT_EQ(first.at("new_reports").as_int64(), d.notifying());
  EXPECT_EQ(first.at("notices_queued").as_int64(), d.expected_notices());
  EXPECT_EQ(first.at("no_email").as_int64(), d.expected_no_email());

  std::int64_t outbox = -1;
  const auto count_outbox = [&] {
    ports.pool->run({"count", {}}, [&](odbc::connection &c) {
      odbc::statement &s = c.prepare("SELECT COUNT(*) FROM ssrlink_outbox");
      s.execute(std::vector<odbc::parameter>{});
      outbox = s.fetch() ? s.integer(1).value_or(-1) : -1;
      s.close();
    });
    return outbox;
  };
  EXPECT_EQ(count_outbox(), d.expected_notices());

  // Same day: the run is done. With its leases gone (the next day's shape): nothing new.
  EXPECT_EQ(boost::json::parse(service.run(R"({"scope": "district"})", {}).json)
                .at("students_checked")
                .as_int64(),
            0);
  ports.pool->run({"clear", {}}, [](odbc::connection &c) {
    c.prepare("DELETE FROM ssrlink_sweep_lease").execute(std::vector<odbc::parameter>{});
  });
  const auto again =
      boost::json::parse(service.run(R"({"scope": "district"})", {}).json).as_object();
  EXPECT_EQ(again.at("students_checked").as_int64(), d.students);
  EXPECT_EQ(again.at("notices_queued").as_int64(), 0);
  EXPECT_EQ(count_outbox(), d.expected_notices());

  const auto page =
      boost::json::parse(rig.staff.list(R"({"limit": 5, "offset": 5})").json).as_object();
  EXPECT_EQ(page.at("entries").as_array().size(), 5u);
  EXPECT_TRUE(page.at("more").as_bool());
  const std::string key = "SB:" + d.this_year;
  EXPECT_EQ(boost::json::parse(rig.staff
                                   .queue(R"({"student_id": 6, "contact_sequence": 1, )"
                                          R"("report_key": ")" +
                                          key + "\"}")
                                   .json)
                .at("queued")
                .as_bool(),
            false);  // the sweep already queued it
}

}  // namespace
}  // namespace ssrlink::sweep::testing
