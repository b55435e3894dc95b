#include "odbc/settings_store.hpp"

#include "core/error.hpp"
#include "odbc/sweep/manual_transaction.hpp"

namespace ssrlink::odbc {
namespace {

constexpr db_object table{"ssrlink_settings", "table", "0005_staff_and_families.sql"};

// The last writer wins, row by row (upsert_sql).
std::string upsert(dialect d) {
  return upsert_sql(d, "ssrlink_settings", "name", {"value", "updated_at", "updated_by"});
}

void check(const std::map<std::string, std::string> &rows, const std::string &updated_by) {
  for (const auto &[name, value] : rows) {
    if (name.empty() || name.size() > odbc_settings_store::max_name_bytes) {
      throw core::failure(core::status::invalid_argument,
                          "A setting's name must be 1 to 64 bytes long.");
    }
  }
  if (updated_by.size() > odbc_settings_store::max_updated_by_bytes) {
    throw core::failure(core::status::invalid_argument,
                        "The user ID that saves the settings must be at most 128 bytes long.");
  }
}

}  // namespace

odbc_settings_store::odbc_settings_store(std::shared_ptr<connection_pool> pool)
    : pool_(std::move(pool)) {}

std::map<std::string, std::string> odbc_settings_store::load() {
  static const db_action action{"read the district's settings", {table}};
  std::map<std::string, std::string> rows;
  pool_->run(action, [&](connection &c) {
    rows.clear();
    statement &s = c.prepare("SELECT name, value FROM ssrlink_settings");
    s.execute({});
    while (s.fetch()) {
      std::string name = s.text(1).value_or("");
      rows.insert_or_assign(std::move(name), s.text(2).value_or(""));
    }
    s.close();
  });
  return rows;
}

void odbc_settings_store::save(const std::map<std::string, std::string> &rows,
                               const std::string &updated_by, core::time_point now) {
  check(rows, updated_by);
  if (rows.empty()) {
    return;
  }
  static const db_action action{"save the district's settings", {table}};
  pool_->run(action, [&](connection &c) {
    manual_transaction tx(c);
    statement &s = c.prepare(upsert(c.sql_dialect()));
    for (const auto &[name, value] : rows) {
      s.execute({parameter::of(name), parameter::of(value), parameter::of(now),
                 parameter::of(updated_by)});
    }
    tx.commit();
  });
}

}  // namespace ssrlink::odbc
