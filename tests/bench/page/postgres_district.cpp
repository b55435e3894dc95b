#include "postgres_district.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "postgres/postgres_server.hpp"

namespace ssrlink::bench {
namespace fs = std::filesystem;
namespace {

constexpr const char *database = "ssrlink_bench";

// The text after `prefix` on the first line of psql's output that holds it, without the
// padding psql's aligned format adds; throws when no line holds it.
std::string value_after(const std::string &output, const std::string &prefix) {
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    const auto at = line.find(prefix);
    if (at != std::string::npos) {
      std::string value = line.substr(at + prefix.size());
      value.erase(value.find_last_not_of(' ') + 1);
      return value;
    }
  }
  throw std::runtime_error("psql printed no '" + prefix + "' line: " + output);
}

// The plugin's statements only: psql's own queries name pg_stat_statements.
constexpr const char *plugin_statements =
    " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname ="
    " current_database()) AND query NOT LIKE '%pg_stat_statements%'";

}  // namespace

postgres_district::postgres_district(const std::string &server_options, bool count_statements)
    : server_(std::make_unique<test::postgres_server>()) {
  // The scripts go in through psql -f, as docs/dba-guide.md tells a DBA to run them, while the
  // server still has the test suite's fast settings.
  const fs::path sql = fs::path(SSRLINK_SOURCE_DIR) / "sql";
  server_->psql("postgres", std::string("CREATE DATABASE ") + database + " ENCODING 'UTF8'");
  server_->psql_file(database, sql / "postgresql" / "reference-host.sql");
  server_->psql_file(database, sql / "postgresql" / "install.sql");
  server_->psql_file(database, sql / "sqlite" / "demo-data.sql");
  restart(server_options, count_statements);
  if (count_statements) {
    server_->psql(database, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  }
}

postgres_district::~postgres_district() = default;

std::string postgres_district::odbc_connection_string() const {
  return server_->odbc_connection_string(database);
}

std::string postgres_district::settings() const {
  return value_after(query("SELECT 'settings=' || split_part(version(), ' ', 2) || '; fsync=' ||"
                           " current_setting('fsync') || ', synchronous_commit=' ||"
                           " current_setting('synchronous_commit') || ', full_page_writes=' ||"
                           " current_setting('full_page_writes') || ', wal_sync_method=' ||"
                           " current_setting('wal_sync_method') || ', shared_buffers=' ||"
                           " current_setting('shared_buffers') || ', shared_preload_libraries=' ||"
                           " current_setting('shared_preload_libraries');"),
                     "settings=");
}

void postgres_district::reset_statements() const {
  query("SELECT pg_stat_statements_reset();");
}

postgres_district::statement_profile postgres_district::statements(long renders) const {
  const std::string n = std::to_string(renders);
  // Built piecewise: GCC 12 at -O3 warns (-Wrestrict) on "literal" + std::string.
  std::string sql = "SELECT 'totals=' || sum(calls) || ' ' || sum(total_exec_time)";
  sql += plugin_statements;
  sql += ";\nSELECT round(calls / ";
  sql += std::to_string(renders);
  sql += "::numeric, 2) AS per_render, round((mean_exec_time * 1000)::numeric, 1) AS mean_us,";
  sql += " left(regexp_replace(query, '\\s+', ' ', 'g'), 150) AS statement";
  sql += plugin_statements;
  sql += " ORDER BY calls DESC, statement;";
  const std::string output = query(sql);
  std::istringstream totals(value_after(output, "totals="));
  double calls = 0;
  double exec_ms = 0;
  totals >> calls >> exec_ms;
  statement_profile profile;
  profile.statements_per_render = calls / static_cast<double>(renders);
  profile.server_us_per_render = exec_ms * 1000.0 / static_cast<double>(renders);
  profile.table = output.substr(output.find('\n') + 1);
  return profile;
}

std::string postgres_district::query(const std::string &sql) const {
  const fs::path file =
      fs::temp_directory_path() / ("ssrlink-bench-query-" + std::to_string(::getpid()) + ".sql");
  std::ofstream(file) << sql << "\n";
  std::string output;
  try {
    output = server_->psql_file(database, file);
  } catch (...) {
    fs::remove(file);
    throw;
  }
  fs::remove(file);
  return output;
}

// test::postgres_server starts the server with its settings on pg_ctl's command line, which
// outranks postgresql.conf and ALTER SYSTEM, so the only way to other settings is a restart with
// other options: same data directory, port and socket directory, as the same user.
void postgres_district::restart(const std::string &server_options, bool count_statements) const {
  if (server_options.find('\'') != std::string::npos) {
    throw std::runtime_error("--pg-options must not contain a single quote");
  }
  const std::string where = query(
      "SELECT 'data=' || current_setting('data_directory') UNION ALL"
      " SELECT 'socket=' || current_setting('unix_socket_directories');");
  const fs::path data = value_after(where, "data=");
  const fs::path socket_dir = value_after(where, "socket=");
  long postmaster = 0;
  std::ifstream(data / "postmaster.pid") >> postmaster;
  // The binaries the helper chose: those of the running postmaster.
  const fs::path bindir =
      fs::read_symlink("/proc/" + std::to_string(postmaster) + "/exe").parent_path();
  std::string as_owner;
  struct stat owner {};
  if (::stat(data.c_str(), &owner) == 0 && owner.st_uid != ::geteuid()) {
    const passwd *pw = ::getpwuid(owner.st_uid);
    if (pw == nullptr) {
      throw std::runtime_error("the PostgreSQL data directory's owner has no name");
    }
    as_owner = std::string("runuser -u ") + pw->pw_name + " -- ";
  }
  std::string options = "-p " + std::to_string(server_->port()) + " -k " + socket_dir.string() +
                        " -c listen_addresses=127.0.0.1 -c max_connections=60";
  if (count_statements) {
    options += " -c shared_preload_libraries=pg_stat_statements";
  }
  options += " ";
  options += server_options;
  // From "/": the server's user may not read the current directory.
  const std::string command = "cd / && " + as_owner + "'" + (bindir / "pg_ctl").string() +
                              "' -D '" + data.string() + "' -l '" +
                              (socket_dir / "server.log").string() + "' -m fast -w -t 60 -o '" +
                              options + "' restart >/dev/null";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("PostgreSQL restart failed: " + command);
  }
}

}  // namespace ssrlink::bench
