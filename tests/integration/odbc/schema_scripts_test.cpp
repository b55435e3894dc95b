// The upgrade path: the migrations, in order (0001 to 0004), on an empty database build exactly
// what install.sql describes, and install.sql run on top of them (or on itself) changes nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "backends.hpp"
#include "core/error.hpp"
#include "odbc/odbc_ports.hpp"
#include "sql_script.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

namespace fs = std::filesystem;
const fs::path sql_dir = SSRLINK_SQL_DIR;

// Table name -> column names, in order, lower case, read from the CREATE TABLE statements.
std::map<std::string, std::vector<std::string>> table_columns(const fs::path &file) {
  std::ifstream in(file);
  std::map<std::string, std::vector<std::string>> tables;
  const std::regex start(R"(CREATE TABLE (?:IF NOT EXISTS )?(?:dbo\.)?(\w+) \()",
                         std::regex::icase);
  const std::regex column(R"(^\s+(\w+)\s+\w+)");
  std::string line;
  std::vector<std::string> *current = nullptr;
  const auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
  };
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, start)) {
      current = &tables[lower(m[1])];
      continue;
    }
    if (current == nullptr) {
      continue;
    }
    if (line.starts_with(")")) {
      current = nullptr;
      continue;
    }
    if (std::regex_search(line, m, column)) {
      const std::string name = lower(m[1]);
      if (name != "primary" && name != "unique" && name != "constraint") {
        current->push_back(name);
      }
    }
  }
  return tables;
}

TEST(schema_scripts, splitter_keeps_quotes_dollar_bodies_and_drops_comments) {
  const auto parts = split_sql(
      "-- a comment; with a semicolon\nCREATE TABLE a (x VARCHAR(3) DEFAULT ';');\n"
      "DO $$ BEGIN PERFORM 1; END $$;\n\nINSERT INTO a VALUES ('it''s');");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_NE(parts[0].find("DEFAULT ';'"), std::string::npos);
  EXPECT_NE(parts[1].find("PERFORM 1; END $$"), std::string::npos);
  EXPECT_NE(parts[2].find("'it''s'"), std::string::npos);
}

TEST(schema_scripts, every_dialect_creates_the_same_tables_and_columns) {
  // SQL Server cannot run here, so this is what keeps its scripts in step with the others.
  for (const char *script : {"install.sql", "reference-host.sql", "migrations/0001_initial.sql"}) {
    const auto postgresql = table_columns(sql_dir / "postgresql" / script);
    EXPECT_GE(postgresql.size(), 3u) << script;
    EXPECT_EQ(table_columns(sql_dir / "sqlite" / script), postgresql) << script;
    EXPECT_EQ(table_columns(sql_dir / "sqlserver" / script), postgresql) << script;
  }
  // Migration 0004 brings exactly the table install.sql describes, in every dialect.
  const auto ets_token = table_columns(sql_dir / "postgresql" / "migrations/0004_ets_token.sql");
  EXPECT_EQ(ets_token.size(), 1U);
  EXPECT_EQ(table_columns(sql_dir / "sqlite" / "migrations/0004_ets_token.sql"), ets_token);
  EXPECT_EQ(table_columns(sql_dir / "sqlserver" / "migrations/0004_ets_token.sql"), ets_token);
  EXPECT_EQ(table_columns(sql_dir / "postgresql" / "install.sql").at("ssrlink_ets_token"),
            (std::vector<std::string>{"set_id", "sealed_token", "expires_at", "updated_at"}));
  EXPECT_EQ(ets_token.at("ssrlink_ets_token"),
            table_columns(sql_dir / "postgresql" / "install.sql").at("ssrlink_ets_token"));
  EXPECT_EQ(table_columns(sql_dir / "postgresql" / "install.sql").at("ssrlink_outbox"),
            (std::vector<std::string>{"id", "student_id", "contact_sequence", "recipient",
                                      "language", "subject", "body_text", "body_html", "report_key",
                                      "created_at", "claimed_at", "claimed_by", "sent_at"}));
}

TEST(schema_scripts, sqlite_migration_then_install_is_one_schema) {
  const fs::path dir = fs::temp_directory_path() / ("ssrlink-mig-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string cs = "DRIVER=SQLite3;Database=" + (dir / "m.db").string() + ";";
  run_sql_file(cs, sql_dir / "sqlite" / "reference-host.sql");
  {
    // The reference host as it was before portal accounts (schema version 3) came.
    recording_logger log;
    odbc_ports ports = make_odbc_ports(cs, 1, log);
    ports.pool->run({"age the reference host", {}}, [](connection &c) {
      for (const char *sql : {"DROP INDEX CON_PU", "ALTER TABLE STU DROP COLUMN PU",
                              "ALTER TABLE CON DROP COLUMN PU"}) {
        c.prepare(sql).execute({});
      }
    });
  }
  run_sql_file(cs, sql_dir / "sqlite" / "migrations" / "0001_initial.sql");
  run_sql_file(cs, sql_dir / "sqlite" / "migrations" / "0002_sweep.sql");
  run_sql_file(cs, sql_dir / "sqlite" / "migrations" / "0003_viewers.sql");
  {
    // At version 3 the shared ETS token names the migration that brings it.
    recording_logger log;
    odbc_ports ports = make_odbc_ports(cs, 1, log);
    try {
      ports.ets_tokens->get("district:1", core::time_point{});
      ADD_FAILURE() << "a version 3 database had ssrlink_ets_token";
    } catch (const core::failure &e) {
      EXPECT_NE(std::string(e.what()).find("sql/sqlite/migrations/0004_ets_token.sql"),
                std::string::npos)
          << e.what();
    }
  }
  run_sql_file(cs, sql_dir / "sqlite" / "migrations" / "0004_ets_token.sql");
  // Unlike 0003, 0004 only creates what is missing: a second run changes nothing.
  run_sql_file(cs, sql_dir / "sqlite" / "migrations" / "0004_ets_token.sql");
  recording_logger log;
  std::int64_t objects = 0;
  {
    odbc_ports ports = make_odbc_ports(cs, 1, log);
    objects = scalar(*ports.pool, "SELECT COUNT(*) FROM sqlite_master");
    EXPECT_GT(objects, 10);
  }
  run_sql_file(cs, sql_dir / "sqlite" / "install.sql");
  {
    odbc_ports ports = make_odbc_ports(cs, 1, log);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM sqlite_master"), objects);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_schema_version"), 4);
    EXPECT_EQ(scalar(*ports.pool, "SELECT MAX(version) FROM ssrlink_schema_version"), 4);
    ports.ets_tokens->put("district:1", "sealed", core::time_point{std::chrono::hours{1}},
                          core::time_point{});
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_ets_token"), 1);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(notice) FROM ssrlink_report_log"), 0);
    EXPECT_FALSE(ports.students->find_student({1001, {}}).has_value());  // no demo data here
    // The migrated views serve parents and students.
    ports.pool->run({"add a linked family", {}}, [](connection &c) {
      c.prepare("INSERT INTO STU (ID, SC, PU) VALUES (1, 1, 'kid-1')").execute({});
      c.prepare("INSERT INTO CON (PID, SQ, ED, PU) VALUES (1, 1, 'Y', 'mom-1')").execute({});
    });
    const auto parent =
        ports.students->find_binding({1, core::binding_kind::parent_account, "mom-1"});
    ASSERT_TRUE(parent);
    ASSERT_EQ(parent->linked_contacts.size(), 1U);
    EXPECT_TRUE(parent->linked_contacts[0].educational_rights);
    EXPECT_EQ(
        ports.students->find_binding({1, core::binding_kind::student_account, ""})->portal_user,
        "kid-1");
  }
  fs::remove_all(dir);
}

TEST(schema_scripts, postgresql_migration_then_install_is_one_schema) {
  test::postgres_server &pg = postgres_backend::server();
  pg.psql("postgres", "CREATE DATABASE ssrlink_migration");
  pg.psql_file("ssrlink_migration", sql_dir / "postgresql" / "reference-host.sql");
  pg.psql_file("ssrlink_migration", sql_dir / "postgresql" / "migrations" / "0001_initial.sql");
  pg.psql_file("ssrlink_migration", sql_dir / "postgresql" / "migrations" / "0002_sweep.sql");
  pg.psql("ssrlink_migration",
          "DROP INDEX con_pu; ALTER TABLE stu DROP COLUMN pu; ALTER TABLE con DROP COLUMN pu");
  pg.psql_file("ssrlink_migration", sql_dir / "postgresql" / "migrations" / "0003_viewers.sql");
  // Idempotent: a second run changes nothing.
  pg.psql_file("ssrlink_migration", sql_dir / "postgresql" / "migrations" / "0003_viewers.sql");
  pg.psql_file("ssrlink_migration", sql_dir / "postgresql" / "migrations" / "0004_ets_token.sql");
  pg.psql_file("ssrlink_migration", sql_dir / "postgresql" / "migrations" / "0004_ets_token.sql");
  recording_logger log;
  const std::string count_sql =
      "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = 'public'";
  std::int64_t objects = 0;
  {
    odbc_ports ports = make_odbc_ports(pg.odbc_connection_string("ssrlink_migration"), 1, log);
    objects = scalar(*ports.pool, count_sql);
    EXPECT_GT(objects, 10);
  }
  // A DBA's mapping (same name, other SELECT) must survive the rerun.
  pg.psql("ssrlink_migration",
          "CREATE OR REPLACE VIEW ssrlink_school AS SELECT CAST(SC AS VARCHAR(10)) AS "
          "school_code, NM AS name, CDS AS cds FROM SCL WHERE SC = 10");
  pg.psql_file("ssrlink_migration", sql_dir / "postgresql" / "install.sql");
  {
    odbc_ports ports = make_odbc_ports(pg.odbc_connection_string("ssrlink_migration"), 1, log);
    EXPECT_EQ(scalar(*ports.pool, count_sql), objects);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_schema_version"), 4);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_ets_token"), 0);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(notice) FROM ssrlink_report_log"), 0);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_school"), 0);  // SCL is empty
    EXPECT_EQ(scalar(*ports.pool,
                     "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = "
                     "'ssrlink_student' AND column_name = 'portal_user'"),
              1);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_portal_link"), 0);
  }
}

TEST(schema_scripts, install_keeps_a_view_the_dba_mapped) {
  // A DBA's mapping must survive a rerun of install.sql (upgrades run it again).
  const std::string cs = sqlite_backend::fresh_database();
  recording_logger log;
  odbc_ports ports = make_odbc_ports(cs, 1, log);
  ports.pool->run({"remap the school view", {}}, [](connection &c) {
    c.prepare("DROP VIEW ssrlink_school").execute({});
    c.prepare(
         "CREATE VIEW ssrlink_school AS SELECT CAST(SC AS VARCHAR(10)) AS school_code, "
         "NM AS name, CDS AS cds FROM SCL WHERE SC = 10")
        .execute({});
  });
  run_sql_file(cs, sql_dir / "sqlite" / "install.sql");
  EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_school"), 1);
}

}  // namespace
}  // namespace ssrlink::odbc::testing
