#include "odbc/dialect.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

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

// The statements the credential store, the link cache and the ETS token store ran before the
// builder existed, spelled out: the builder must write them byte for byte.
TEST(odbc_dialect, upserts_with_merge_holdlock_on_sql_server) {
  EXPECT_EQ(upsert_sql(dialect::sqlserver, "ssrlink_credentials", "scope",
                       {"username", "sealed_secret", "expires_on", "updated_at"}),
            "MERGE ssrlink_credentials WITH (HOLDLOCK) AS t "
            "USING (SELECT ? AS scope, ? AS username, ? AS sealed_secret, ? AS expires_on, "
            "? AS updated_at) AS s ON t.scope = s.scope "
            "WHEN MATCHED THEN UPDATE SET username = s.username, sealed_secret = "
            "s.sealed_secret, expires_on = s.expires_on, updated_at = s.updated_at "
            "WHEN NOT MATCHED THEN INSERT (scope, username, sealed_secret, expires_on, "
            "updated_at) VALUES (s.scope, s.username, s.sealed_secret, s.expires_on, "
            "s.updated_at);");
  EXPECT_EQ(
      upsert_sql(dialect::sqlserver, "ssrlink_link_cache", "cache_key", {"payload", "expires_at"}),
      "MERGE ssrlink_link_cache WITH (HOLDLOCK) AS t "
      "USING (SELECT ? AS cache_key, ? AS payload, ? AS expires_at) AS s "
      "ON t.cache_key = s.cache_key "
      "WHEN MATCHED THEN UPDATE SET payload = s.payload, expires_at = s.expires_at "
      "WHEN NOT MATCHED THEN INSERT (cache_key, payload, expires_at) "
      "VALUES (s.cache_key, s.payload, s.expires_at);");
}

TEST(odbc_dialect, upserts_with_on_conflict_on_sqlite_and_postgresql) {
  const std::string ets_token =
      "INSERT INTO ssrlink_ets_token (set_id, sealed_token, expires_at, updated_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (set_id) DO UPDATE SET "
      "sealed_token = excluded.sealed_token, expires_at = excluded.expires_at, "
      "updated_at = excluded.updated_at";
  const std::string link_cache =
      "INSERT INTO ssrlink_link_cache (cache_key, payload, expires_at) VALUES (?, ?, ?) "
      "ON CONFLICT (cache_key) DO UPDATE SET payload = excluded.payload, "
      "expires_at = excluded.expires_at";
  for (const dialect d : {dialect::sqlite, dialect::postgresql, dialect::other}) {
    SCOPED_TRACE(std::string(dialect_folder(d)));
    EXPECT_EQ(
        upsert_sql(d, "ssrlink_ets_token", "set_id", {"sealed_token", "expires_at", "updated_at"}),
        ets_token);
    EXPECT_EQ(upsert_sql(d, "ssrlink_link_cache", "cache_key", {"payload", "expires_at"}),
              link_cache);
  }
}

// One placeholder per column, key first, on every dialect: the callers bind in that order.
TEST(odbc_dialect, an_upsert_takes_the_key_and_then_the_values) {
  for (const dialect d : {dialect::sqlite, dialect::postgresql, dialect::sqlserver}) {
    const std::string sql = upsert_sql(d, "t", "k", {"a", "b", "c"});
    EXPECT_EQ(std::count(sql.begin(), sql.end(), '?'), 4) << sql;
    EXPECT_LT(sql.find('k'), sql.find('a')) << sql;
  }
}

}  // namespace
}  // namespace ssrlink::odbc
