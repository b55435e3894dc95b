#include "odbc/ets_token_store.hpp"

#include "core/error.hpp"

namespace ssrlink::odbc {
namespace {

constexpr db_object table{"ssrlink_ets_token", "table", "0004_ets_token.sql"};

// The last writer wins (upsert_sql): every token written is one ETS issued and still valid.
std::string upsert(dialect d) {
  return upsert_sql(d, "ssrlink_ets_token", "set_id", {"sealed_token", "expires_at", "updated_at"});
}

void check_set_id(std::string_view set_id) {
  if (set_id.empty() || set_id.size() > odbc_ets_token_store::max_set_id_bytes) {
    throw core::failure(core::status::invalid_argument,
                        "A credential set id must be 1 to 128 bytes long.");
  }
}

}  // namespace

odbc_ets_token_store::odbc_ets_token_store(std::shared_ptr<connection_pool> pool)
    : pool_(std::move(pool)) {}

std::optional<core::stored_ets_token> odbc_ets_token_store::get(std::string_view set_id,
                                                                core::time_point now) {
  check_set_id(set_id);
  static const db_action action{"read the shared ETS token", {table}};
  std::optional<core::stored_ets_token> found;
  pool_->run(action, [&](connection &c) {
    found.reset();
    statement &s = c.prepare(
        "SELECT sealed_token, expires_at FROM ssrlink_ets_token WHERE set_id = ? AND "
        "expires_at > ?");
    s.execute({parameter::of(set_id), parameter::of(now)});
    if (s.fetch()) {
      std::string token = s.text(1).value_or("");
      found = core::stored_ets_token{std::move(token), s.time(2).value_or(core::time_point{})};
    }
    s.close();
  });
  return found;
}

void odbc_ets_token_store::put(std::string_view set_id, std::string_view sealed_token,
                               core::time_point expires_at, core::time_point now) {
  check_set_id(set_id);
  static const db_action action{"save the shared ETS token", {table}};
  pool_->run(action, [&](connection &c) {
    // Rows of replaced credential sets expire with their tokens; each write clears them, so
    // the table holds about one row per set in use.
    statement &purge = c.prepare("DELETE FROM ssrlink_ets_token WHERE expires_at <= ?");
    purge.execute({parameter::of(now)});
    statement &s = c.prepare(upsert(c.sql_dialect()));
    s.execute({parameter::of(set_id), parameter::of(sealed_token), parameter::of(expires_at),
               parameter::of(now)});
  });
}

void odbc_ets_token_store::drop(std::string_view set_id, std::string_view sealed_token) {
  check_set_id(set_id);
  static const db_action action{"drop the shared ETS token", {table}};
  pool_->run(action, [&](connection &c) {
    statement &s = c.prepare("DELETE FROM ssrlink_ets_token WHERE set_id = ? AND sealed_token = ?");
    s.execute({parameter::of(set_id), parameter::of(sealed_token)});
  });
}

}  // namespace ssrlink::odbc
