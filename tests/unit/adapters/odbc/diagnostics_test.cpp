#include "odbc/diagnostics.hpp"

#include <gtest/gtest.h>

namespace ssrlink::odbc {
namespace {

TEST(odbc_diagnostics, a_lost_connection_is_recognised_by_state_or_driver_text) {
  EXPECT_TRUE(is_connection_lost({{"08S01", 0, "Communication link failure"}}));
  EXPECT_TRUE(is_connection_lost({{"08001", 0, "could not connect"}}));
  EXPECT_TRUE(is_connection_lost({{"57P01", 0, "terminating connection due to administrator"}}));
  // psqlODBC after pg_terminate_backend: a generic state, a telling text.
  EXPECT_TRUE(is_connection_lost({{"HY000", 1, "The connection has been lost"}}));
  EXPECT_FALSE(is_connection_lost({{"42P01", 7, "relation \"x\" does not exist"}}));
  EXPECT_FALSE(is_connection_lost({{"23505", 7, "duplicate key value"}}));
  EXPECT_FALSE(is_connection_lost({}));
}

TEST(odbc_diagnostics, a_missing_object_is_recognised_on_every_driver) {
  EXPECT_TRUE(is_missing_object({{"42P01", 7,
                                  "ERROR: relation \"ssrlink_student\" does not "
                                  "exist"}}));
  EXPECT_TRUE(is_missing_object({{"42S02", 208, "Invalid object name 'ssrlink_student'."}}));
  EXPECT_TRUE(is_missing_object({{"HY000", 1, "no such table: ssrlink_student (1)"}}));
  EXPECT_FALSE(is_missing_object({{"22001", 7, "value too long"}}));
}

TEST(odbc_diagnostics, a_duplicate_key_is_recognised_on_every_driver) {
  EXPECT_TRUE(is_duplicate_key({{"23505", 7, "duplicate key value violates unique constraint"}}));
  EXPECT_TRUE(is_duplicate_key({{"23000", 2627, "Violation of PRIMARY KEY constraint"}}));
  // The SQLite ODBC driver: a generic state, SQLite's own words.
  EXPECT_TRUE(is_duplicate_key(
      {{"HY000", 19, "UNIQUE constraint failed: ssrlink_sweep_lease.lease_key (19)"}}));
  EXPECT_TRUE(is_duplicate_key({{"HY000", 19, "column lease_key is not unique (19)"}}));
  EXPECT_FALSE(is_duplicate_key({{"HY000", 1, "no such table: ssrlink_outbox (1)"}}));
  EXPECT_FALSE(is_duplicate_key({{"08S01", 0, "Communication link failure"}}));
  EXPECT_FALSE(is_duplicate_key({}));
}

TEST(odbc_diagnostics, describe_keeps_state_native_and_text_of_every_record) {
  const diagnostics records = {{"42P01", 7, "first"}, {"01000", 0, "second"}};
  EXPECT_EQ(describe(records),
            "SQLSTATE 42P01, native 7: first | SQLSTATE 01000, native 0: second");
  EXPECT_EQ(first_sqlstate(records), "42P01");
  EXPECT_EQ(first_sqlstate({}), "HY000");
  EXPECT_EQ(describe({}), "no diagnostics from the driver");
}

TEST(odbc_diagnostics, a_database_error_is_a_database_failure_with_the_detail) {
  const database_error e("The database could not run a statement.", {{"42P01", 7, "x"}});
  EXPECT_EQ(e.code(), core::status::database);
  EXPECT_STREQ(e.what(), "The database could not run a statement.");
  EXPECT_EQ(e.detail(), "SQLSTATE 42P01, native 7: x");
  EXPECT_EQ(e.records().size(), 1u);
}

}  // namespace
}  // namespace ssrlink::odbc
