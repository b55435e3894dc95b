// Port: the shared link cache (a table in the host database, so a web farm behaves as one).
// Entries are opaque JSON text to the store; the core encodes and decodes them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "../time.hpp"

namespace ssrlink::core {

class link_cache_store {
 public:
  virtual ~link_cache_store() = default;
  // The entry for `key` if it is still valid at `now` (expires_at > now). Thread-safe.
  virtual std::optional<std::string> get(std::string_view key, time_point now) = 0;
  // Inserts or replaces; also removes entries that expired before `now` (bounded growth).
  virtual void put(std::string_view key, std::string_view payload, time_point expires_at,
                   time_point now) = 0;
};

}  // namespace ssrlink::core
