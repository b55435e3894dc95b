#include "backends.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "sql_script.hpp"

namespace ssrlink::odbc::testing {
namespace {

namespace fs = std::filesystem;

const fs::path sql_dir = SSRLINK_SQL_DIR;

std::atomic<int> counter{0};

// Owns what the process created and removes it when the test program ends.
class cleanup_environment : public ::testing::Environment {
 public:
  void TearDown() override {
    pg.reset();
    if (!sqlite_dir.empty()) {
      std::error_code ec;
      fs::remove_all(sqlite_dir, ec);
    }
  }

  std::mutex mutex;
  fs::path sqlite_dir;
  bool sqlite_template_ready = false;
  std::unique_ptr<test::postgres_server> pg;
  bool pg_template_ready = false;
  std::string pg_last;
};

cleanup_environment &state() {
  static cleanup_environment *env = [] {
    auto *made = new cleanup_environment;
    ::testing::AddGlobalTestEnvironment(made);  // gtest owns and tears it down
    return made;
  }();
  return *env;
}

// Registered before main runs, so TearDown happens even if no test touched a backend.
[[maybe_unused]] const bool registered = (state(), true);

std::string sqlite_connection_string(const fs::path &file) {
  return "DRIVER=SQLite3;Database=" + file.string() + ";";
}

}  // namespace

std::string sqlite_backend::fresh_database() {
  cleanup_environment &s = state();
  std::lock_guard lock(s.mutex);
  if (s.sqlite_dir.empty()) {
    std::string templ = (fs::temp_directory_path() / "ssrlink-sqlite-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    s.sqlite_dir = templ;
  }
  const fs::path template_file = s.sqlite_dir / "template.db";
  if (!s.sqlite_template_ready) {
    const std::string cs = sqlite_connection_string(template_file);
    run_sql_file(cs, sql_dir / "sqlite" / "reference-host.sql");
    run_sql_file(cs, sql_dir / "sqlite" / "install.sql");
    run_sql_file(cs, sql_dir / "sqlite" / "install.sql");
    run_sql_file(cs, sql_dir / "sqlite" / "demo-data.sql");
    s.sqlite_template_ready = true;
  }
  const fs::path file = s.sqlite_dir / ("test-" + std::to_string(++counter) + ".db");
  fs::copy_file(template_file, file);
  return sqlite_connection_string(file);
}

std::string sqlite_backend::unreachable() {
  return "DRIVER=SQLite3;Database=/nonexistent-ssrlink-dir/none/district.db;NoCreat=1;";
}

test::postgres_server &postgres_backend::server() {
  cleanup_environment &s = state();
  std::lock_guard lock(s.mutex);
  if (!s.pg) {
    s.pg = std::make_unique<test::postgres_server>();
  }
  return *s.pg;
}

std::string postgres_backend::fresh_database() {
  test::postgres_server &pg = server();
  cleanup_environment &s = state();
  std::lock_guard lock(s.mutex);
  if (!s.pg_template_ready) {
    // The scripts go in through psql -f, exactly as docs/dba-guide.md tells a DBA to run them.
    pg.psql("postgres", "CREATE DATABASE ssrlink_template ENCODING 'UTF8'");
    pg.psql_file("ssrlink_template", sql_dir / "postgresql" / "reference-host.sql");
    pg.psql_file("ssrlink_template", sql_dir / "postgresql" / "install.sql");
    pg.psql_file("ssrlink_template", sql_dir / "postgresql" / "install.sql");
    pg.psql_file("ssrlink_template", sql_dir / "sqlite" / "demo-data.sql");
    s.pg_template_ready = true;
  }
  const std::string database = "ssrlink_t" + std::to_string(++counter);
  pg.psql("postgres", "CREATE DATABASE " + database + " TEMPLATE ssrlink_template");
  s.pg_last = database;
  return pg.odbc_connection_string(database);
}

std::string postgres_backend::unreachable() {
  // Port 1 on loopback: nothing listens there, and connecting fails at once. CommLog=0;Debug=0
  // as in every connection string of the tests (postgres_server.cpp says why).
  return "DRIVER={PostgreSQL Unicode};Server=127.0.0.1;Port=1;Database=none;Uid=nobody;Pwd=x;"
         "CommLog=0;Debug=0;";
}

std::string postgres_backend::last_database() {
  std::lock_guard lock(state().mutex);
  return state().pg_last;
}

}  // namespace ssrlink::odbc::testing
