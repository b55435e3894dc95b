// core::ets_token_store over the table ssrlink_ets_token (schema version 4), shared by every host
// process: one row per credential set, holding the sealed bearer token and its expiry. The
// adapter sees sealed text only. A database still at version 3 fails each call with a sentence
// naming migrations/0004_ets_token.sql; the core then goes on without sharing.
#pragma once

#include <memory>

#include "core/ports/ets_token_store.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_ets_token_store final : public core::ets_token_store {
 public:
  // A set id longer than the column (128) is refused: failure(invalid_argument).
  static constexpr std::size_t max_set_id_bytes = 128;

  explicit odbc_ets_token_store(std::shared_ptr<connection_pool> pool);
  std::optional<core::stored_ets_token> get(std::string_view set_id, core::time_point now) override;
  void put(std::string_view set_id, std::string_view sealed_token, core::time_point expires_at,
           core::time_point now) override;
  void drop(std::string_view set_id, std::string_view sealed_token) override;

 private:
  std::shared_ptr<connection_pool> pool_;
};

}  // namespace ssrlink::odbc
