// core::settings_store over the table ssrlink_settings (schema version 5): one row per setting,
// its value JSON text, stamped with who saved it and when. A save upserts every row given in one
// transaction (all or none), in every dialect (upsert_sql). A database still at version 4 fails
// each call with failure(database) naming the table and migrations/0005_staff_and_families.sql.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/ports/settings_store.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_settings_store final : public core::settings_store {
 public:
  // The columns' widths: a longer name or user ID is refused, failure(invalid_argument).
  static constexpr std::size_t max_name_bytes = 64;
  static constexpr std::size_t max_updated_by_bytes = 128;

  explicit odbc_settings_store(std::shared_ptr<connection_pool> pool);
  std::map<std::string, std::string> load() override;
  void save(const std::map<std::string, std::string> &rows, const std::string &updated_by,
            core::time_point now) override;

 private:
  std::shared_ptr<connection_pool> pool_;
};

}  // namespace ssrlink::odbc
