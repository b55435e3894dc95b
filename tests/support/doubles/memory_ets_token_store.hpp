// The shared ETS token table (ssrlink_ets_token) in memory, with the table's semantics: a row is
// served only before its expires_at, drop removes a row only while it still holds the token
// asked for, and put purges the rows that expired. `fail` makes every call throw the sentence
// the ODBC store gives for a database without the table, so tests can see that sharing never
// fails a call. Counts every call. Not thread-safe: the tests that use it run on one thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/ports/ets_token_store.hpp"

namespace ssrlink::testing {

class memory_ets_token_store final : public core::ets_token_store {
 public:
  std::optional<core::stored_ets_token> get(std::string_view set_id,
                                            core::time_point now) override {
    ++gets;
    throw_if_failing();
    const auto row = rows.find(std::string(set_id));
    if (row == rows.end() || row->second.expires_at <= now) {
      return std::nullopt;
    }
    return row->second;
  }

  void put(std::string_view set_id, std::string_view sealed_token, core::time_point expires_at,
           core::time_point now) override {
    ++puts;
    throw_if_failing();
    std::erase_if(rows, [now](const auto &row) { return row.second.expires_at <= now; });
    rows[std::string(set_id)] = core::stored_ets_token{std::string(sealed_token), expires_at};
  }

  void drop(std::string_view set_id, std::string_view sealed_token) override {
    ++drops;
    throw_if_failing();
    const auto row = rows.find(std::string(set_id));
    if (row != rows.end() && row->second.sealed_token == sealed_token) {
      rows.erase(row);
    }
  }

  // Set id → row; tests read it and plant rows in it.
  std::map<std::string, core::stored_ets_token> rows;
  bool fail = false;
  int gets = 0;
  int puts = 0;
  int drops = 0;

 private:
  void throw_if_failing() const {
    if (fail) {
      throw core::failure(core::status::database,
                          "The database has no table ssrlink_ets_token; run "
                          "sql/sqlite/migrations/0004_ets_token.sql (docs/dba-guide.md).",
                          "SQLSTATE 42S02");
    }
  }
};

}  // namespace ssrlink::testing
