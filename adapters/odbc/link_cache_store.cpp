#include "odbc/link_cache_store.hpp"

#include "core/error.hpp"

namespace ssrlink::odbc {
namespace {

constexpr db_object table{"ssrlink_link_cache", "table"};

std::string upsert(dialect d) {
  return upsert_sql(d, "ssrlink_link_cache", "cache_key", {"payload", "expires_at"});
}

}  // namespace

odbc_link_cache_store::odbc_link_cache_store(std::shared_ptr<connection_pool> pool)
    : pool_(std::move(pool)) {}

std::optional<std::string> odbc_link_cache_store::get(std::string_view key, core::time_point now) {
  static const db_action action{"read the report link cache", {table}};
  std::optional<std::string> found;
  pool_->run(action, [&](connection &c) {
    found.reset();
    statement &s =
        c.prepare("SELECT payload FROM ssrlink_link_cache WHERE cache_key = ? AND expires_at > ?");
    s.execute({parameter::of(key), parameter::of(now)});
    if (s.fetch()) {
      found = s.text(1);
    }
    s.close();
  });
  return found;
}

void odbc_link_cache_store::put(std::string_view key, std::string_view payload,
                                core::time_point expires_at, core::time_point now) {
  if (key.empty() || key.size() > 255) {
    throw core::failure(core::status::invalid_argument,
                        "A link cache key must be 1 to 255 bytes long.");
  }
  static const db_action action{"save the report link cache", {table}};
  pool_->run(action, [&](connection &c) {
    // Expired rows go first, on the index over expires_at: the table never outgrows the links
    // that are still valid.
    statement &purge = c.prepare("DELETE FROM ssrlink_link_cache WHERE expires_at <= ?");
    purge.execute({parameter::of(now)});
    statement &s = c.prepare(upsert(c.sql_dialect()));
    s.execute({parameter::of(key), parameter::of(payload), parameter::of(expires_at)});
  });
}

}  // namespace ssrlink::odbc
