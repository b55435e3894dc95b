// A throwaway PostgreSQL server for tests: `initdb` into a fresh temporary directory, `pg_ctl
// start` on a free 127.0.0.1 port with the socket in that directory, trust authentication for
// one superuser, and everything stopped and removed by the destructor.
//
// PostgreSQL refuses to run as root, so under root (as in CI) the server runs as the system
// user `ssrlink-test` (created with useradd when missing) through `runuser`. When no server
// binaries are found the constructor throws: tests that need PostgreSQL fail, never skip.
// Binaries come from $SSRLINK_PG_BINDIR, else the newest /usr/lib/postgresql/<n>/bin.
//
// Start one server per test binary (a GoogleTest Environment), not one per test.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ssrlink::test {

class postgres_server {
 public:
  // Starts the server; throws std::runtime_error with the reason and the server log's tail.
  postgres_server();
  // Stops the server (fast shutdown) and removes its directory.
  ~postgres_server();
  postgres_server(const postgres_server &) = delete;
  postgres_server &operator=(const postgres_server &) = delete;

  unsigned short port() const noexcept { return port_; }
  const std::string &superuser() const noexcept { return superuser_; }

  // "DRIVER={PostgreSQL Unicode};Server=127.0.0.1;Port=...;Database=<database>;Uid=...;Pwd=;
  // CommLog=0;Debug=0;" as `user` (the superuser by default), with the driver's logs off.
  std::string odbc_connection_string(const std::string &database,
                                     const std::string &user = {}) const;

  // Runs SQL through psql as the superuser (ON_ERROR_STOP); throws std::runtime_error with
  // psql's output on failure. `sql` is trusted test text, never built from test data.
  void psql(const std::string &database, const std::string &sql) const;
  // Runs a script file through `psql -f`, as a DBA would, and returns what psql printed (its
  // NOTICE lines among it), so a test can check what a DBA would read.
  std::string psql_file(const std::string &database, const std::filesystem::path &file) const;

 private:
  int run(std::vector<std::string> argv, bool as_server_user, std::string *output) const;
  bool try_start(unsigned short port);

  std::filesystem::path bin_;
  std::filesystem::path dir_;
  std::string superuser_ = "ssrlink_admin";
  unsigned short port_ = 0;
  bool as_other_user_ = false;
  std::string run_user_;
  bool started_ = false;
};

}  // namespace ssrlink::test
