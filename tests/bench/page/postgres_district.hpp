// The demo district in a throwaway PostgreSQL server, for page_bench --backend=postgres: the
// same schema and rows as the SQLite demo district (sql/postgresql reference-host.sql and
// install.sql, then sql/sqlite/demo-data.sql, which is plain SQL both dialects run; the ODBC
// integration suite builds its PostgreSQL template the same way, tests/integration/odbc).
//
// The server comes from tests/support (test::postgres_server), which starts it tuned for a test
// suite (fsync, synchronous_commit and full_page_writes off). A district runs the defaults, so
// once the data is in, the server is restarted with PostgreSQL's defaults plus `server_options`
// (pg_ctl -o syntax, e.g. "-c synchronous_commit=off"), and those settings are what is measured.
#pragma once

#include <memory>
#include <string>

namespace ssrlink::test {
class postgres_server;
}

namespace ssrlink::bench {

class postgres_district {
 public:
  // `count_statements`: load pg_stat_statements (shared_preload_libraries) so that
  // statement_profile can say what each render runs.
  postgres_district(const std::string &server_options, bool count_statements);
  ~postgres_district();
  postgres_district(const postgres_district &) = delete;
  postgres_district &operator=(const postgres_district &) = delete;

  std::string odbc_connection_string() const;
  // "PostgreSQL 15.x; fsync=on, synchronous_commit=on, ..." as the running server reports them.
  std::string settings() const;

  // Forgets the statements counted so far (pg_stat_statements_reset).
  void reset_statements() const;
  // What the plugin's connections ran since reset_statements, per render: a table (calls per
  // render, mean server time, the statement) and the totals.
  struct statement_profile {
    double statements_per_render = 0;
    double server_us_per_render = 0;  // summed execution time on the server
    std::string table;
  };
  statement_profile statements(long renders) const;

 private:
  // Runs `sql` through psql -f and returns what it printed.
  std::string query(const std::string &sql) const;
  void restart(const std::string &server_options, bool count_statements) const;

  std::unique_ptr<test::postgres_server> server_;
};

}  // namespace ssrlink::bench
