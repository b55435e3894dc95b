// Bearer tokens per credential set (ets_credentials::set_id). Thread-safe: the client's handlers
// read it for every request, and host threads read and fill it around a blocking fetch
// (current_token, adopt_token) without a trip through the io_context. Every operation holds the
// lock for a map lookup or insert only, so a handler never waits long. The sharing of one
// in-flight token request between callers lives in the client.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/ports/ets_client.hpp"
#include "core/time.hpp"

namespace ssrlink::ets {

class token_cache {
 public:
  // A token is not handed out in the last minute of its life: a request started with it could
  // reach ETS after it expired. The same margin applies to tokens shared through the database.
  static constexpr std::chrono::seconds refresh_margin = core::ets_token_refresh_margin;
  // Credential sets are a district and its schools; far fewer than this.
  static constexpr std::size_t max_entries = 1024;

  // The cached token if it stays valid for more than refresh_margin after `now`.
  std::optional<std::string> get(const std::string &set_id, core::time_point now) const;
  // The same, with the instant the token expires.
  std::optional<core::ets_token> lookup(const std::string &set_id, core::time_point now) const;

  // Stores a token issued at `now` for `lifetime`. Makes room by dropping expired entries, then
  // the one expiring soonest.
  void put(const std::string &set_id, std::string token, std::chrono::seconds lifetime,
           core::time_point now);

  // Stores a token another process obtained, valid until `expires_at`, unless the entry held
  // for the set already lives at least as long (a token this process just got is not swapped
  // for an older one). Returns whether it was stored.
  bool adopt(const std::string &set_id, std::string token, core::time_point expires_at,
             core::time_point now);

  // Forgets the token for `set_id` if it is still `token` (ETS said 401 to it). A newer token
  // stored meanwhile by another caller is kept.
  void invalidate(const std::string &set_id, const std::string &token);

  std::size_t size() const;

 private:
  struct entry {
    std::string token;
    core::time_point expires_at;
  };
  // Called with mutex_ held.
  void make_room(const std::string &set_id, core::time_point now);

  mutable std::mutex mutex_;
  std::map<std::string, entry> entries_;
};

}  // namespace ssrlink::ets
