// The two real databases the ODBC suite runs on. Each hands out fresh databases already holding
// reference-host.sql, install.sql (run twice, to prove it idempotent) and demo-data.sql, copied
// from a template built once per test process.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "postgres/postgres_server.hpp"

namespace ssrlink::odbc::testing {

// SQLite through the SQLite3 ODBC driver, one database file per test in a temporary directory.
struct sqlite_backend {
  static constexpr const char *name = "sqlite";
  static std::string fresh_database();
  // A database nobody can open: the file's directory does not exist.
  static std::string unreachable();
};

// PostgreSQL through psqlODBC, one database per test on a server started once per process.
struct postgres_backend {
  static constexpr const char *name = "postgresql";
  static std::string fresh_database();
  // A loopback port nothing listens on.
  static std::string unreachable();
  // The running server (started on first use, stopped when the test program ends).
  static test::postgres_server &server();
  // The database name in the last connection string fresh_database returned.
  static std::string last_database();
};

// For suites that run on both: TYPED_TEST_SUITE(suite, backends, backend_names) names each
// instance after its database ("sqlite", "postgresql").
using backends = ::testing::Types<sqlite_backend, postgres_backend>;
class backend_names {
 public:
  template <class T>
  static std::string GetName(int) {
    return T::name;
  }
};

}  // namespace ssrlink::odbc::testing
