// The scripts a DBA runs, on real SQLite and PostgreSQL:
//  1. the upgrade path: the migrations, in order (0001 to 0006), on an empty database build
//     exactly what install.sql describes, and install.sql run on top of them (or on itself)
//     changes nothing; until 0006 the family list and the Manager's order name it, while the
//     pages and the staff list work; 0006 replaces only the reference ssrlink_student;
//  2. install.sql on a SIS without the reference tables STU, CON and SCL: every plugin table and
//     version row, and each view it cannot build named for the DBA to map (PostgreSQL: not
//     created, a NOTICE; SQLite: a placeholder view and a printed line); a view mapped before
//     install.sql runs is kept;
//  3. grants.sql, run verbatim, gives the plugin's role what it uses and not the host's tables,
//     also when the plugin's objects live in a schema of their own (search_path).
#include <gmock/gmock.h>
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
#include "odbc/connection.hpp"
#include "odbc/environment.hpp"
#include "odbc/odbc_ports.hpp"
#include "sql_script.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
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
  EXPECT_EQ(
      table_columns(sql_dir / "postgresql" / "install.sql").at("ssrlink_outbox"),
      (std::vector<std::string>{"id", "student_id", "contact_sequence", "recipient", "language",
                                "subject", "body_text", "body_html", "report_key", "created_at",
                                "claimed_at", "claimed_by", "sent_at", "kind"}));
  // Migration 0005 brings exactly the tables install.sql describes, in every dialect (SQLite's
  // rebuilds ssrlink_outbox, so it holds that table too, as install.sql has it).
  const auto install = table_columns(sql_dir / "postgresql" / "install.sql");
  const char *v5 = "migrations/0005_staff_and_families.sql";
  const auto staff = table_columns(sql_dir / "postgresql" / v5);
  EXPECT_EQ(staff.size(), 2U);
  EXPECT_EQ(table_columns(sql_dir / "sqlserver" / v5), staff);
  for (const auto &[table, columns] : staff) {
    EXPECT_EQ(columns, install.at(table)) << table;
  }
  EXPECT_EQ(install.at("ssrlink_settings"),
            (std::vector<std::string>{"name", "value", "updated_at", "updated_by"}));
  EXPECT_EQ(install.at("ssrlink_schedule_run"),
            (std::vector<std::string>{"slot", "worker", "started_at", "finished_at", "outcome"}));
  auto sqlite_v5 = table_columns(sql_dir / "sqlite" / v5);
  ASSERT_EQ(sqlite_v5.count("ssrlink_outbox_v5"), 1U);
  EXPECT_EQ(sqlite_v5.at("ssrlink_outbox_v5"), install.at("ssrlink_outbox"));
  sqlite_v5.erase("ssrlink_outbox_v5");
  EXPECT_EQ(sqlite_v5, staff);
}

TEST(schema_scripts, every_dialect_maps_the_names_and_records_version_6) {
  // SQL Server cannot run here: its install.sql and migration 0006 are held to the others' text.
  const auto read = [](const fs::path &file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  for (const char *dialect : {"sqlite", "postgresql", "sqlserver"}) {
    for (const char *script : {"install.sql", "migrations/0006_student_names.sql"}) {
      const std::string text = read(sql_dir / dialect / script);
      SCOPED_TRACE(std::string(dialect) + "/" + script);
      EXPECT_THAT(text, HasSubstr("AS portal_user,\n"));
      EXPECT_THAT(text, HasSubstr("s.FN AS first_name,\n"));
      EXPECT_THAT(text, HasSubstr("s.LN AS last_name\n"));
      EXPECT_THAT(text, HasSubstr("WHERE version = 6)"));
      EXPECT_THAT(text, HasSubstr("'student names in ssrlink_student'"));
    }
  }
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
  run_sql_file(cs, sql_dir / "sqlite" / "migrations" / "0005_staff_and_families.sql");
  {
    // 0005 rebuilds ssrlink_outbox: a second run keeps every row, its id and its kind.
    recording_logger log;
    odbc_ports ports = make_odbc_ports(cs, 1, log);
    ports.pool->run({"queue mail", {}}, [](connection &c) {
      c.prepare(
           "INSERT INTO ssrlink_outbox (student_id, contact_sequence, recipient, language, "
           "subject, body_text, body_html, report_key, created_at, kind) VALUES "
           "(1, 1, 'a@example.org', 'en', 's', 't', 'h', 'k1', 0, 'notice'), "
           "(0, 0, 'b@example.org', 'en', 's', 't', 'h', 'k2', 0, 'summary')")
          .execute({});
    });
  }
  run_sql_file(cs, sql_dir / "sqlite" / "migrations" / "0005_staff_and_families.sql");
  recording_logger log;
  {
    odbc_ports ports = make_odbc_ports(cs, 1, log);
    EXPECT_EQ(scalar(*ports.pool,
                     "SELECT COUNT(*) FROM ssrlink_outbox WHERE id = 1 AND kind = "
                     "'notice' AND report_key = 'k1'"),
              1);
    EXPECT_EQ(scalar(*ports.pool,
                     "SELECT COUNT(*) FROM ssrlink_outbox WHERE id = 2 AND kind = "
                     "'summary' AND report_key = 'k2'"),
              1);
    // At version 5 the family list names the migration that brings the names.
    try {
      ports.students->linked_students("mom-1");
      ADD_FAILURE() << "a version 5 database had ssrlink_student.first_name";
    } catch (const core::failure &e) {
      EXPECT_THAT(e.what(), HasSubstr("ssrlink_student has no column first_name"));
      EXPECT_THAT(e.what(), HasSubstr("sql/sqlite/migrations/0006_student_names.sql"));
    }
  }
  run_sql_file(cs, sql_dir / "sqlite" / "migrations" / "0006_student_names.sql");
  // Idempotent: a second run changes nothing.
  run_sql_file(cs, sql_dir / "sqlite" / "migrations" / "0006_student_names.sql");
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
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_schema_version"), 6);
    EXPECT_EQ(scalar(*ports.pool, "SELECT MAX(version) FROM ssrlink_schema_version"), 6);
    ports.ets_tokens->put("district:1", "sealed", core::time_point{std::chrono::hours{1}},
                          core::time_point{});
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_ets_token"), 1);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(notice) FROM ssrlink_report_log"), 0);
    EXPECT_FALSE(ports.students->find_student({1001, {}}).has_value());  // no demo data here
    // The migrated views serve parents and students.
    ports.pool->run({"add a linked family", {}}, [](connection &c) {
      c.prepare("INSERT INTO STU (ID, SC, PU, FN, LN) VALUES (1, 1, 'kid-1', 'Ada', 'Ng')")
          .execute({});
      c.prepare("INSERT INTO CON (PID, SQ, ED, PU) VALUES (1, 1, 'Y', 'mom-1')").execute({});
    });
    // The migrated view has the names.
    const auto family = ports.students->linked_students("mom-1");
    ASSERT_EQ(family.size(), 1U);
    EXPECT_EQ(family[0].first_name, "Ada");
    EXPECT_EQ(family[0].last_name, "Ng");
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
  pg.psql("ssrlink_migration",
          "INSERT INTO ssrlink_outbox (student_id, contact_sequence, recipient, language, "
          "subject, body_text, body_html, report_key, created_at) VALUES "
          "(1, 1, 'a@example.org', 'en', 's', 't', 'h', 'k1', 0)");
  pg.psql_file("ssrlink_migration",
               sql_dir / "postgresql" / "migrations" / "0005_staff_and_families.sql");
  pg.psql_file("ssrlink_migration",
               sql_dir / "postgresql" / "migrations" / "0005_staff_and_families.sql");
  pg.psql("ssrlink_migration",
          "INSERT INTO stu (id, sc, fn, ln) VALUES (1, 1, 'Ada', 'Ng');"
          "INSERT INTO con (pid, sq, ed, pu) VALUES (1, 1, 'Y', 'mom-1');"
          "GRANT SELECT ON ssrlink_student TO PUBLIC");
  pg.psql_file("ssrlink_migration",
               sql_dir / "postgresql" / "migrations" / "0006_student_names.sql");
  pg.psql_file("ssrlink_migration",
               sql_dir / "postgresql" / "migrations" / "0006_student_names.sql");
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
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_schema_version"), 6);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_ets_token"), 0);
    // The row written before version 5 is a parent's notice.
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_outbox WHERE kind = 'notice'"), 1);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_settings"), 0);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_schedule_run"), 0);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(notice) FROM ssrlink_report_log"), 0);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_school"), 0);  // SCL is empty
    EXPECT_EQ(scalar(*ports.pool,
                     "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = "
                     "'ssrlink_student' AND column_name = 'portal_user'"),
              1);
    EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_portal_link"), 1);
    // 0006 appended the names to the reference view and kept its grants.
    EXPECT_EQ(scalar(*ports.pool,
                     "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = "
                     "'ssrlink_student' AND column_name IN ('first_name', 'last_name')"),
              2);
    EXPECT_EQ(scalar(*ports.pool,
                     "SELECT COUNT(*) FROM pg_class c, aclexplode(c.relacl) a WHERE "
                     "c.relname = 'ssrlink_student' AND a.grantee = 0 AND "
                     "a.privilege_type = 'SELECT'"),
              1);
    const auto family = ports.students->linked_students("mom-1");
    ASSERT_EQ(family.size(), 1U);
    EXPECT_EQ(family[0].first_name, "Ada");
    EXPECT_EQ(family[0].last_name, "Ng");
  }
}

TEST(schema_scripts, postgresql_migration_0006_leaves_a_mapped_student_view_alone) {
  // A DBA's ssrlink_student over their own table, on a database that also has a table STU: the
  // migration must not replace it (it records the version all the same).
  test::postgres_server &pg = postgres_backend::server();
  pg.psql("postgres", "CREATE DATABASE ssrlink_mig6_mapped");
  pg.psql_file("ssrlink_mig6_mapped", sql_dir / "postgresql" / "reference-host.sql");
  pg.psql("ssrlink_mig6_mapped",
          "CREATE TABLE pupils (pupil_no INTEGER PRIMARY KEY, campus VARCHAR(10));"
          "INSERT INTO pupils VALUES (7, '1');"
          "CREATE VIEW ssrlink_student AS SELECT pupil_no AS student_id, campus AS school_code, "
          "'' AS ssid, '00' AS correspondence_language, 1 AS grade, 0 AS do_not_release, "
          "0 AS hide_contact, '' AS tag, CAST(NULL AS DATE) AS leave_date, '' AS portal_user "
          "FROM pupils");
  pg.psql_file("ssrlink_mig6_mapped", sql_dir / "postgresql" / "install.sql");
  pg.psql_file("ssrlink_mig6_mapped",
               sql_dir / "postgresql" / "migrations" / "0006_student_names.sql");
  recording_logger log;
  odbc_ports ports = make_odbc_ports(pg.odbc_connection_string("ssrlink_mig6_mapped"), 1, log);
  EXPECT_EQ(scalar(*ports.pool,
                   "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = "
                   "'ssrlink_student' AND column_name = 'first_name'"),
            0);
  EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_student WHERE student_id = 7"), 1);
  EXPECT_EQ(scalar(*ports.pool, "SELECT MAX(version) FROM ssrlink_schema_version"), 6);
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

// --- install.sql on a SIS without the reference tables ---------------------------------------

// Each default view and the reference table it reads.
struct default_view {
  const char *view;
  const char *table;
};
constexpr default_view default_views[] = {{"ssrlink_student", "STU"},
                                          {"ssrlink_contact", "CON"},
                                          {"ssrlink_portal_link", "CON"},
                                          {"ssrlink_school", "SCL"}};

// The sentence install.sql prints for a view it could not build, as docs/dba-guide.md quotes it.
std::string postgresql_notice(const default_view &v) {
  return std::string("ssrlink: the view ") + v.view +
         " was not created because there is no table " + v.table +
         "; create it over your SIS as docs/dba-guide.md section 4 (\"Map the views onto your "
         "SIS\") shows.";
}
std::string sqlite_notice(const default_view &v) {
  return std::string("ssrlink: the view ") + v.view + " reads the table " + v.table +
         ", which does not exist; replace it (DROP VIEW IF EXISTS " + v.view +
         ", then CREATE VIEW " + v.view +
         " over your SIS) as docs/dba-guide.md section 4 (\"Map the views onto your SIS\") shows.";
}

// The plugin's own tables: every CREATE TABLE of the dialect's install.sql.
std::vector<std::string> plugin_tables(const char *dialect) {
  std::vector<std::string> names;
  for (const auto &[name, columns] : table_columns(sql_dir / dialect / "install.sql")) {
    names.push_back(name);
  }
  return names;
}

// Runs a script statement by statement, as run_sql_file does, and returns the rows its SELECTs
// produced: on SQLite these are the lines the sqlite3 shell prints for a DBA.
std::vector<std::string> run_sqlite_script_printing(const std::string &cs, const fs::path &file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  auto env = std::make_shared<environment>();
  connection c(env, cs, {}, nullptr);
  std::vector<std::string> printed;
  for (const std::string &sql : split_sql(text.str())) {
    statement s(c, sql);
    s.execute({});
    if (sql.find_first_not_of(" \t\r\n") == sql.find("SELECT")) {
      while (s.fetch()) {
        printed.push_back(s.text(1).value_or(""));
      }
    }
    s.close();
  }
  return printed;
}

std::string sqlite_file_database(const std::string &stem) {
  const fs::path dir = fs::temp_directory_path() / ("ssrlink-bare-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::remove(dir / (stem + ".db"));
  return "DRIVER=SQLite3;Database=" + (dir / (stem + ".db")).string() + ";";
}

void remove_sqlite_file_databases() {
  fs::remove_all(fs::temp_directory_path() / ("ssrlink-bare-" + std::to_string(::getpid())));
}

void expect_plugin_tables_and_versions(connection_pool &pool, const char *dialect,
                                       const std::string &table_exists) {
  for (const std::string &table : plugin_tables(dialect)) {
    EXPECT_EQ(scalar(pool, table_exists + "'" + table + "'"), 1) << table;
  }
  EXPECT_EQ(
      scalar(pool,
             "SELECT COUNT(*) FROM ssrlink_schema_version WHERE version IN (1, 2, 3, 4, 5, 6)"),
      6);
  EXPECT_EQ(scalar(pool, "SELECT COUNT(*) FROM ssrlink_schema_version"), 6);
}

TEST(schema_scripts, sqlite_install_without_reference_tables_leaves_placeholders_named) {
  const std::string cs = sqlite_file_database("bare");
  const std::vector<std::string> first =
      run_sqlite_script_printing(cs, sql_dir / "sqlite" / "install.sql");
  // Twice: a rerun on the bare database is just as fine, and says the same.
  const std::vector<std::string> second =
      run_sqlite_script_printing(cs, sql_dir / "sqlite" / "install.sql");
  std::vector<std::string> expected;
  for (const default_view &v : default_views) {
    expected.push_back(sqlite_notice(v));
  }
  EXPECT_EQ(first, expected);
  EXPECT_EQ(second, expected);
  recording_logger log;
  odbc_ports ports = make_odbc_ports(cs, 1, log);
  expect_plugin_tables_and_versions(
      *ports.pool, "sqlite", "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ");
  // The placeholders are there, and reading one fails naming the missing table.
  auto env = std::make_shared<environment>();
  connection c(env, cs, {}, nullptr);
  for (const default_view &v : default_views) {
    EXPECT_EQ(scalar(*ports.pool, std::string("SELECT COUNT(*) FROM sqlite_master WHERE type = "
                                              "'view' AND name = '") +
                                      v.view + "'"),
              1)
        << v.view;
    try {
      statement s(c, std::string("SELECT COUNT(*) FROM ") + v.view);
      s.execute({});
      ADD_FAILURE() << v.view << " could be read without " << v.table;
    } catch (const core::failure &e) {
      EXPECT_THAT(e.detail(), HasSubstr(std::string("no such table: main.") + v.table)) << v.view;
    }
  }
  remove_sqlite_file_databases();
}

TEST(schema_scripts, sqlite_map_first_then_install_keeps_the_mapping) {
  const std::string cs = sqlite_file_database("map-first");
  const std::string mapping =
      "CREATE VIEW ssrlink_school AS SELECT CAST(code AS VARCHAR(10)) AS school_code, "
      "title AS name, cds_code AS cds FROM site_school";
  {
    auto env = std::make_shared<environment>();
    connection c(env, cs, {}, nullptr);
    for (const std::string &sql :
         {std::string("CREATE TABLE site_school (code INTEGER, title TEXT, cds_code TEXT)"),
          std::string("INSERT INTO site_school VALUES (7, 'Hill', '01234560000007')"), mapping}) {
      statement s(c, sql);
      s.execute({});
    }
  }
  const std::vector<std::string> printed =
      run_sqlite_script_printing(cs, sql_dir / "sqlite" / "install.sql");
  // The mapped view is not a placeholder, so it is not reported; the three others are.
  EXPECT_EQ(printed.size(), 3U);
  for (const std::string &line : printed) {
    EXPECT_THAT(line, Not(HasSubstr("ssrlink_school"))) << line;
  }
  recording_logger log;
  odbc_ports ports = make_odbc_ports(cs, 1, log);
  std::string stored;
  ports.pool->run({"read the mapping", {}}, [&](connection &c) {
    statement &s = c.prepare("SELECT sql FROM sqlite_master WHERE name = 'ssrlink_school'");
    s.execute({});
    if (s.fetch()) {
      stored = s.text(1).value_or("");
    }
    s.close();
  });
  EXPECT_EQ(stored, mapping);
  EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_school WHERE school_code = '7'"), 1);
  expect_plugin_tables_and_versions(
      *ports.pool, "sqlite", "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ");
  remove_sqlite_file_databases();
}

constexpr const char *pg_table_exists =
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND "
    "table_schema = 'public' AND table_name = ";

TEST(schema_scripts, postgresql_install_without_reference_tables_names_the_views_to_map) {
  test::postgres_server &pg = postgres_backend::server();
  pg.psql("postgres", "CREATE DATABASE ssrlink_bare");
  const std::string first = pg.psql_file("ssrlink_bare", sql_dir / "postgresql" / "install.sql");
  for (const default_view &v : default_views) {
    EXPECT_THAT(first, HasSubstr("NOTICE:  " + postgresql_notice(v))) << first;
  }
  // Twice, the second time through the tests' ODBC runner: still fine.
  run_sql_file(pg.odbc_connection_string("ssrlink_bare"), sql_dir / "postgresql" / "install.sql");
  recording_logger log;
  odbc_ports ports = make_odbc_ports(pg.odbc_connection_string("ssrlink_bare"), 1, log);
  expect_plugin_tables_and_versions(*ports.pool, "postgresql", pg_table_exists);
  EXPECT_EQ(scalar(*ports.pool,
                   "SELECT COUNT(*) FROM pg_class WHERE relname LIKE 'ssrlink%' AND relkind = 'v'"),
            0);
  // Without its views the plugin says which one to map (it never reads a base table itself).
  try {
    ports.students->find_student({1, {}});
    ADD_FAILURE() << "a student was found without ssrlink_student";
  } catch (const core::failure &e) {
    EXPECT_THAT(e.what(), HasSubstr("ssrlink_student"));
  }
}

TEST(schema_scripts, postgresql_map_first_then_install_keeps_the_mapping) {
  test::postgres_server &pg = postgres_backend::server();
  pg.psql("postgres", "CREATE DATABASE ssrlink_map_first");
  pg.psql("ssrlink_map_first",
          "CREATE TABLE site_school (code INTEGER, title TEXT, cds_code TEXT);"
          "INSERT INTO site_school VALUES (7, 'Hill', '01234560000007');"
          "CREATE VIEW ssrlink_school AS SELECT CAST(code AS VARCHAR(10)) AS school_code, "
          "title AS name, cds_code AS cds FROM site_school");
  recording_logger log;
  odbc_ports ports = make_odbc_ports(pg.odbc_connection_string("ssrlink_map_first"), 1, log);
  const auto definition = [&] {
    std::string text;
    ports.pool->run({"read the mapping", {}}, [&](connection &c) {
      statement &s = c.prepare("SELECT pg_get_viewdef('ssrlink_school'::regclass)");
      s.execute({});
      if (s.fetch()) {
        text = s.text(1).value_or("");
      }
      s.close();
    });
    return text;
  };
  const std::string mapped = definition();
  ASSERT_THAT(mapped, HasSubstr("site_school"));
  const std::string printed =
      pg.psql_file("ssrlink_map_first", sql_dir / "postgresql" / "install.sql");
  EXPECT_THAT(printed, Not(HasSubstr("view ssrlink_school"))) << printed;
  EXPECT_THAT(printed, HasSubstr(postgresql_notice(default_views[0]))) << printed;
  EXPECT_EQ(definition(), mapped);
  EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_school WHERE school_code = '7'"), 1);
  expect_plugin_tables_and_versions(*ports.pool, "postgresql", pg_table_exists);
}

// --- grants.sql ------------------------------------------------------------------------------

// What the plugin does with its own login, and what it must not be able to do.
void expect_the_plugin_works_with_its_grants_only(const std::string &cs) {
  recording_logger log;
  odbc_ports ports = make_odbc_ports(cs, 2, log);
  ASSERT_TRUE(ports.students->find_student({1003, 2}).has_value());
  ASSERT_TRUE(ports.students->find_binding({1003, core::binding_kind::parent_account, "p"}));
  ASSERT_TRUE(ports.students->find_binding({1003, core::binding_kind::student_account, ""}));
  EXPECT_GT(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_school"), 0);
  EXPECT_EQ(scalar(*ports.pool, "SELECT MAX(version) FROM ssrlink_schema_version"), 6);
  // Version 6: the names, through the view's grant (the family list, the Manager's order).
  EXPECT_EQ(ports.students->linked_students("family-garcia").size(), 2U);
  ports.credentials->put({"district", "u", "s", core::day_point{}, at_ms(0)});
  EXPECT_EQ(ports.credentials->list().size(), 1U);
  ports.link_cache->put("k", "v", at_ms(10), at_ms(0));
  ports.ets_tokens->put("district:1", "sealed", at_ms(10), at_ms(0));
  EXPECT_TRUE(ports.ets_tokens->get("district:1", at_ms(0)).has_value());
  ports.ets_tokens->drop("district:1", "sealed");
  // Version 5: the settings (replaced, never deleted) and the scheduled runs.
  ports.settings->save({{"schedule", "{}"}}, "a", at_ms(0));
  ports.settings->save({{"schedule", "[]"}}, "a", at_ms(1));
  EXPECT_EQ(ports.settings->load().at("schedule"), "[]");
  ports.pool->run({"claim a scheduled run", {}}, [](connection &c) {
    c.prepare(
         "INSERT INTO ssrlink_schedule_run (slot, worker, started_at) VALUES "
         "('2026-11-23T10:30:00Z', 'w', 0)")
        .execute({});
    c.prepare("UPDATE ssrlink_schedule_run SET finished_at = 1, outcome = 'ok'").execute({});
    c.prepare("DELETE FROM ssrlink_schedule_run").execute({});
  });
  core::audit_entry entry;
  entry.role = "admin";
  entry.user_id = "a";
  entry.student_id = 1001;
  entry.page = "test_scores";
  entry.outcome = "reports";
  entry.offered = "[]";
  entry.call_key = "k-1";
  ports.audit->record(entry);
  ports.audit->record(entry);  // a retry: INSERT alone is enough for the duplicate check
  EXPECT_EQ(scalar(*ports.pool, "SELECT COUNT(*) FROM ssrlink_audit"), 1);
  // ...and nothing more: the host's own tables, and the audit trail's history, stay out of reach.
  for (const char *sql :
       {"SELECT COUNT(*) FROM STU", "SELECT COUNT(*) FROM CON", "DELETE FROM ssrlink_audit",
        "UPDATE ssrlink_audit SET outcome = 'x'", "DELETE FROM ssrlink_settings"}) {
    try {
      ports.pool->run({"overreach", {}}, [&](connection &c) {
        statement &s = c.prepare(sql);
        s.execute({});
      });
      ADD_FAILURE() << "the plugin's user could run: " << sql;
    } catch (const core::failure &e) {
      EXPECT_THAT(e.what(), HasSubstr("SQLSTATE 42501")) << sql;
    }
  }
}

void create_the_app_role(test::postgres_server &pg) {
  // The DBA's step before grants.sql (with a password of their own; trust authentication here).
  pg.psql("postgres",
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ssrlink_app') "
          "THEN CREATE ROLE ssrlink_app LOGIN; END IF; END $$");
}

TEST(schema_scripts, postgresql_grants_sql_gives_the_plugin_what_it_uses_and_no_more) {
  const std::string cs = postgres_backend::fresh_database();
  const std::string db = postgres_backend::last_database();
  test::postgres_server &pg = postgres_backend::server();
  create_the_app_role(pg);
  const std::string printed = pg.psql_file(db, sql_dir / "postgresql" / "grants.sql");
  EXPECT_THAT(printed, Not(HasSubstr("NOTICE"))) << printed;  // every view was there
  // Idempotent, and it runs through the tests' ODBC runner as well as through psql.
  run_sql_file(cs, sql_dir / "postgresql" / "grants.sql");
  expect_the_plugin_works_with_its_grants_only(pg.odbc_connection_string(db, "ssrlink_app"));
}

TEST(schema_scripts, postgresql_grants_sql_names_views_not_mapped_yet) {
  test::postgres_server &pg = postgres_backend::server();
  pg.psql("postgres", "CREATE DATABASE ssrlink_grants_early");
  pg.psql_file("ssrlink_grants_early", sql_dir / "postgresql" / "install.sql");
  create_the_app_role(pg);
  const std::string printed =
      pg.psql_file("ssrlink_grants_early", sql_dir / "postgresql" / "grants.sql");
  for (const default_view &v : default_views) {
    EXPECT_THAT(printed, HasSubstr(std::string("ssrlink: the view ") + v.view +
                                   " does not exist yet, so ssrlink_app was not granted it; map "
                                   "it (docs/dba-guide.md, section 4), then run grants.sql again."))
        << printed;
  }
  // The tables were granted all the same.
  recording_logger log;
  odbc_ports ports =
      make_odbc_ports(pg.odbc_connection_string("ssrlink_grants_early", "ssrlink_app"), 1, log);
  ports.link_cache->put("k", "v", at_ms(10), at_ms(0));
  EXPECT_EQ(ports.link_cache->get("k", at_ms(1)), "v");
}

TEST(schema_scripts, postgresql_grants_sql_stops_when_install_sql_has_not_run) {
  test::postgres_server &pg = postgres_backend::server();
  pg.psql("postgres", "CREATE DATABASE ssrlink_grants_none");
  // No plugin tables yet: grants.sql stops and says to run install.sql first.
  create_the_app_role(pg);
  try {
    pg.psql_file("ssrlink_grants_none", sql_dir / "postgresql" / "grants.sql");
    ADD_FAILURE() << "grants.sql ran on a database without the plugin's tables";
  } catch (const std::runtime_error &e) {
    EXPECT_THAT(e.what(), HasSubstr("no table ssrlink_audit on the search_path")) << e.what();
    EXPECT_THAT(e.what(), HasSubstr("run install.sql first")) << e.what();
  }
}

TEST(schema_scripts, postgresql_plugin_objects_in_a_schema_of_their_own) {
  // The DBA's steps (docs/dba-guide.md, "A schema of the plugin's own"): the SIS stays in
  // public, the plugin's tables and views go into schema ssrlink.
  test::postgres_server &pg = postgres_backend::server();
  const std::string db = "ssrlink_own_schema";
  pg.psql("postgres", "CREATE DATABASE " + db);
  pg.psql_file(db, sql_dir / "postgresql" / "reference-host.sql");
  pg.psql_file(db, sql_dir / "sqlite" / "demo-data.sql");
  create_the_app_role(pg);
  pg.psql(db, "CREATE SCHEMA ssrlink");
  pg.psql(db, "ALTER ROLE ssrlink_app IN DATABASE " + db + " SET search_path = ssrlink, public");
  // install.sql and grants.sql on a connection whose search_path puts ssrlink first.
  const std::string owner =
      pg.odbc_connection_string(db) + "ConnSettings={SET search_path = ssrlink, public};";
  run_sql_file(owner, sql_dir / "postgresql" / "install.sql");
  run_sql_file(owner, sql_dir / "postgresql" / "grants.sql");
  recording_logger log;
  {
    odbc_ports ports = make_odbc_ports(pg.odbc_connection_string(db), 1, log);
    for (const std::string &table : plugin_tables("postgresql")) {
      EXPECT_EQ(scalar(*ports.pool,
                       "SELECT COUNT(*) FROM information_schema.tables WHERE "
                       "table_schema = 'ssrlink' AND table_name = '" +
                           table + "'"),
                1)
          << table;
    }
    for (const default_view &v : default_views) {
      EXPECT_EQ(
          scalar(*ports.pool, std::string("SELECT COUNT(*) FROM information_schema.views "
                                          "WHERE table_schema = 'ssrlink' AND table_name = '") +
                                  v.view + "'"),
          1)
          << v.view;
    }
    EXPECT_EQ(scalar(*ports.pool,
                     "SELECT COUNT(*) FROM information_schema.tables WHERE "
                     "table_schema = 'public' AND table_name LIKE 'ssrlink%'"),
              0);
    EXPECT_EQ(scalar(*ports.pool,
                     "SELECT COUNT(*) FROM information_schema.tables WHERE "
                     "table_schema = 'public' AND table_name = 'stu'"),
              1);
  }
  // The plugin's login finds everything through its own search_path, with grants.sql's
  // privileges only.
  expect_the_plugin_works_with_its_grants_only(pg.odbc_connection_string(db, "ssrlink_app"));
}

}  // namespace
}  // namespace ssrlink::odbc::testing
