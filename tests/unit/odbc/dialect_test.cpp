#include "odbc/dialect.hpp"

#include <gtest/gtest.h>

namespace ssrlink::odbc {
namespace {

TEST(odbc_dialect, is_detected_from_the_names_drivers_report) {
  EXPECT_EQ(dialect_from_dbms_name("SQLite"), dialect::sqlite);
  EXPECT_EQ(dialect_from_dbms_name("PostgreSQL"), dialect::postgresql);
  EXPECT_EQ(dialect_from_dbms_name("Microsoft SQL Server"), dialect::sqlserver);
  EXPECT_EQ(dialect_from_dbms_name("MySQL"), dialect::other);
  EXPECT_EQ(dialect_from_dbms_name(""), dialect::other);
}

TEST(odbc_dialect, names_the_sql_folder) {
  EXPECT_EQ(dialect_folder(dialect::sqlite), "sqlite");
  EXPECT_EQ(dialect_folder(dialect::postgresql), "postgresql");
  EXPECT_EQ(dialect_folder(dialect::sqlserver), "sqlserver");
  EXPECT_EQ(dialect_folder(dialect::other), "<dialect>");
}

TEST(odbc_dialect, limits_rows_with_top_on_sql_server_and_limit_elsewhere) {
  EXPECT_EQ(limit_suffix(dialect::postgresql, 5), " LIMIT 5");
  EXPECT_EQ(top_prefix(dialect::postgresql, 5), "");
  EXPECT_EQ(limit_suffix(dialect::sqlserver, 5), "");
  EXPECT_EQ(top_prefix(dialect::sqlserver, 5), "TOP (5) ");
}

}  // namespace
}  // namespace ssrlink::odbc
