#include "odbc/credential_store.hpp"

#include "core/error.hpp"

namespace ssrlink::odbc {
namespace {

constexpr db_object table{"ssrlink_credentials", "table"};

constexpr const char *select_columns =
    "SELECT scope, username, sealed_secret, expires_on, updated_at FROM ssrlink_credentials";

std::string upsert(dialect d) {
  return upsert_sql(d, "ssrlink_credentials", "scope",
                    {"username", "sealed_secret", "expires_on", "updated_at"});
}

core::stored_credentials read_row(statement &s) {
  core::stored_credentials row;
  row.scope = s.text(1).value_or("");
  row.username = s.text(2).value_or("");
  row.sealed_secret = s.text(3).value_or("");
  core::day_point day{};
  if (core::parse_day(s.text(4).value_or(""), day)) {
    row.expires_on = day;
  }
  row.updated_at = s.time(5).value_or(core::time_point{});
  return row;
}

void check_scope(std::string_view scope) {
  if (scope.empty() || scope.size() > 64) {
    throw core::failure(core::status::invalid_argument,
                        "A credential scope must be \"district\" or a school code of at most 64 "
                        "characters.");
  }
}

}  // namespace

odbc_credential_store::odbc_credential_store(std::shared_ptr<connection_pool> pool)
    : pool_(std::move(pool)) {}

std::optional<core::stored_credentials> odbc_credential_store::get(std::string_view scope) {
  static const db_action action{"read the ETS credentials", {table}};
  std::optional<core::stored_credentials> found;
  pool_->run(action, [&](connection &c) {
    found.reset();
    statement &s = c.prepare(std::string(select_columns) + " WHERE scope = ?");
    s.execute({parameter::of(scope)});
    if (s.fetch()) {
      found = read_row(s);
    }
    s.close();
  });
  return found;
}

std::vector<core::stored_credentials> odbc_credential_store::list() {
  static const db_action action{"list the ETS credentials", {table}};
  std::vector<core::stored_credentials> rows;
  pool_->run(action, [&](connection &c) {
    rows.clear();
    statement &s = c.prepare(std::string(select_columns) + " ORDER BY scope");
    s.execute({});
    while (s.fetch()) {
      rows.push_back(read_row(s));
    }
    s.close();
  });
  return rows;
}

void odbc_credential_store::put(const core::stored_credentials &row) {
  check_scope(row.scope);
  if (row.username.size() > 256) {
    throw core::failure(core::status::invalid_argument,
                        "A TOMS user name must be at most 256 characters.");
  }
  static const db_action action{"save the ETS credentials", {table}};
  pool_->run(action, [&](connection &c) {
    statement &s = c.prepare(upsert(c.sql_dialect()));
    s.execute({parameter::of(row.scope), parameter::of(row.username),
               parameter::of(row.sealed_secret), parameter::of(core::format_day(row.expires_on)),
               parameter::of(row.updated_at)});
  });
}

void odbc_credential_store::remove(std::string_view scope) {
  static const db_action action{"remove the ETS credentials", {table}};
  pool_->run(action, [&](connection &c) {
    statement &s = c.prepare("DELETE FROM ssrlink_credentials WHERE scope = ?");
    s.execute({parameter::of(scope)});
  });
}

}  // namespace ssrlink::odbc
