// The district's settings table (ssrlink_settings) in memory, with the table's semantics: one
// row per name, a save replaces every row given (all or none) and stamps it with who and when.
// `fail` makes every call throw the sentence the ODBC store gives for a database without the
// table, so tests can see the service fall back. Counts every call. Not thread-safe: the tests
// that use it run on one thread.
#pragma once

#include <map>
#include <string>

#include "core/error.hpp"
#include "core/ports/settings_store.hpp"

namespace ssrlink::testing {

class memory_settings_store final : public core::settings_store {
 public:
  struct row {
    std::string value;  // JSON text
    core::time_point updated_at;
    std::string updated_by;
  };

  std::map<std::string, std::string> load() override {
    ++loads;
    throw_if_failing();
    std::map<std::string, std::string> values;
    for (const auto &[name, stored] : rows) {
      values.emplace(name, stored.value);
    }
    return values;
  }

  void save(const std::map<std::string, std::string> &values, const std::string &updated_by,
            core::time_point now) override {
    ++saves;
    throw_if_failing();
    for (const auto &[name, value] : values) {
      rows[name] = row{value, now, updated_by};
    }
  }

  // Name → row; tests read it and plant rows in it.
  std::map<std::string, row> rows;
  bool fail = false;
  int loads = 0;
  int saves = 0;

 private:
  void throw_if_failing() const {
    if (fail) {
      throw core::failure(core::status::database,
                          "The database has no table ssrlink_settings; run "
                          "sql/sqlite/migrations/0005_staff_and_families.sql (docs/dba-guide.md).",
                          "SQLSTATE 42S02");
    }
  }
};

}  // namespace ssrlink::testing
