// core::link_cache_store over the table ssrlink_link_cache, shared by every host process. An
// entry is served only before its expires_at; every put also deletes the expired rows.
#pragma once

#include <memory>

#include "core/ports/link_cache.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_link_cache_store final : public core::link_cache_store {
 public:
  explicit odbc_link_cache_store(std::shared_ptr<connection_pool> pool);
  std::optional<std::string> get(std::string_view key, core::time_point now) override;
  // Throws failure(invalid_argument) for a key over 255 bytes (keys are built by the core from
  // an SSID and a credential set id; an index cannot hold arbitrarily long keys).
  void put(std::string_view key, std::string_view payload, core::time_point expires_at,
           core::time_point now) override;

 private:
  std::shared_ptr<connection_pool> pool_;
};

}  // namespace ssrlink::odbc
