// The shared link cache sealed at rest: a link_cache_store decorator that encrypts every payload
// before the inner store (the database table) sees it. A cache entry holds signed ETS report
// links that open a student's PDFs without any audit, so no database table, dump, backup or
// write-ahead log may hold one in clear.
//
// Rules:
//  1. put() seals the payload with the sealer in force at the time of the call, binding
//     "ssrlink link cache v1:" followed by the cache key as associated data: an entry copied
//     onto another key's row does not open, nor does it open as a credential row (whose scope
//     is a bare school code or "district"), nor does a credential open as a cache entry.
//  2. put() with no sealer in force throws failure(internal) and writes nothing: a payload is
//     never stored in clear.
//  3. get() returns the opened payload. An entry that does not open (tampered with, moved to
//     another key, sealed under a key that has since been rotated out, written in clear by an
//     older version) or that is read with no sealer in force is a miss: the caller asks ETS
//     again and the fresh answer replaces it. The first such miss is logged at info, later
//     ones at debug (after a key rotation every entry misses once); neither the payload nor
//     the key (it holds the SSID) is ever logged.
//  4. Everything else passes through unchanged: expiry, pruning, and the inner store's
//     failures (the link cache treats those as misses).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "../ports/credential_store.hpp"
#include "../ports/link_cache.hpp"
#include "../ports/logger.hpp"

namespace ssrlink::core {

class sealed_link_cache_store final : public link_cache_store {
 public:
  // The associated data of an entry: a domain tag no credential scope can equal, then the key.
  static constexpr std::string_view associated_data_prefix = "ssrlink link cache v1:";

  using sealer_source = std::function<std::shared_ptr<const secret_sealer>()>;

  // `inner` and `log` must outlive the store. `current_sealer` returns the seal key in force
  // (it changes on key rotation); it is called once per get or put and must be thread-safe.
  sealed_link_cache_store(link_cache_store &inner, sealer_source current_sealer, logger &log);

  // Thread-safe, as the inner store is.
  std::optional<std::string> get(std::string_view key, time_point now) override;
  void put(std::string_view key, std::string_view payload, time_point expires_at,
           time_point now) override;

  static std::string associated_data_for(std::string_view key);

 private:
  void note_unopened();

  link_cache_store &inner_;
  sealer_source current_sealer_;
  logger &log_;
  std::atomic<bool> reported_unopened_{false};
};

}  // namespace ssrlink::core
