// Port: where ETS bearer tokens are shared between host processes (the table ssrlink_ets_token
// in the host database). Shared-nothing hosts (PHP-FPM, CGI) open a plugin handle per request;
// without this each handle would ask ETS for a token of its own. The store holds opaque sealed
// text only: the core seals a token before it gets here and opens it after (core/ets_token/).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "../time.hpp"

namespace ssrlink::core {

// One credential set's shared token as stored: sealed, with the instant ETS said it expires.
struct stored_ets_token {
  std::string sealed_token;
  time_point expires_at{};
};

class ets_token_store {
 public:
  virtual ~ets_token_store() = default;
  // All thread-safe; all may block on the database, so they run on a host thread, never in a
  // handler of the ETS client. They throw failure(database) when the database cannot answer.

  // The row for `set_id` if it is still valid at `now` (expires_at > now).
  virtual std::optional<stored_ets_token> get(std::string_view set_id, time_point now) = 0;
  // Inserts or replaces the set's row; also deletes rows that expired before `now` (the sets of
  // replaced credentials leave their last row behind).
  virtual void put(std::string_view set_id, std::string_view sealed_token, time_point expires_at,
                   time_point now) = 0;
  // Deletes the set's row if it still holds `sealed_token` (ETS refused that token). A row
  // another process wrote meanwhile is kept.
  virtual void drop(std::string_view set_id, std::string_view sealed_token) = 0;
};

}  // namespace ssrlink::core
