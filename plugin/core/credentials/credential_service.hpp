// The TOMS credential capability: entering and removing pairs (ssrlink_credentials_put), showing
// them masked with their expiry (ssrlink_credentials_status), asking ETS whether a pair works
// (ssrlink_test_connection), resolving a school's pair for ETS calls, and resealing every row
// under a new seal key (key rotation).
//
// The Secret Key is held in clear only in memory: sealed by the secret_sealer before it reaches
// the store, and never put in a result, a log line or an error message.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "../call_result.hpp"
#include "../ports/clock.hpp"
#include "../ports/credential_store.hpp"
#include "../ports/ets_client.hpp"
#include "../ports/logger.hpp"
#include "credential_resolver.hpp"

namespace ssrlink::core {

// How long a resolved pair is reused before the store is asked again. A put or remove in this
// process drops the cache at once; other processes see a change within this time.
inline constexpr std::chrono::minutes credential_cache_ttl{5};

// Limits on what put accepts.
inline constexpr std::size_t max_scope_length = 32;
inline constexpr std::size_t max_username_length = 128;
inline constexpr std::size_t max_secret_length = 256;
// expires_on when the request leaves it out: TOMS credentials now last 365 days.
inline constexpr int default_lifetime_days = 365;

class credential_service final : public credential_resolver {
 public:
  // All references must outlive the service. `sealer` must not be null.
  credential_service(credential_store &store, std::shared_ptr<const secret_sealer> sealer,
                     ets_client &ets, const clock &clock, logger &log);

  // {"scope", "username", "secret_key", "expires_on"?}: stores (or, with an empty username,
  // removes) a scope's pair. Throws failure(invalid_argument) for a malformed request,
  // failure(database) when the store fails. Thread-safe.
  call_result put(std::string_view request_json);

  // {} or {"scope"}: every stored scope (or the one named), masked, with expiry and warning.
  call_result status(std::string_view request_json);

  // {"scope"}: asks ETS for a fresh token with that scope's pair. A "no" from ETS is still a
  // successful call ({"ok": false, "message"}); an unknown scope throws failure(not_found), a
  // seal that does not open failure(config).
  call_result test_connection(std::string_view request_json);

  std::optional<resolved_credentials> for_school(std::string_view school_code) override;

  // Key rotation: opens every row with the current sealer and writes it back sealed with
  // `next`, keeping its updated_at (the pair itself did not change, so ETS tokens stay valid).
  // Rows already sealed with `next` (an interrupted earlier run) are accepted, so a rerun is
  // safe. Every row is opened before any is written: if one does not open, nothing changes and
  // failure(config) names its scope. While this runs, reads in this process open rows sealed
  // under either key. Returns the number of rows resealed. The service keeps its current
  // sealer; use rotate_sealer to switch this process over as well.
  std::size_t reseal_all(std::shared_ptr<const secret_sealer> next);

  // reseal_all, then seal and open with `next` from now on.
  std::size_t rotate_sealer(std::shared_ptr<const secret_sealer> next);

  // The seal key in force (it changes on rotation); other sealed data (the link cache) follows
  // it. Thread-safe.
  std::shared_ptr<const secret_sealer> current_sealer() const;

 private:
  struct cache_entry {
    std::optional<resolved_credentials> value;
    time_point fetched_at;
  };

  std::optional<std::string> open_secret(const stored_credentials &row) const;
  resolved_credentials resolve_row(const stored_credentials &row, day_point today) const;
  void note_expiry(std::string_view scope, day_point expires_on, day_point today);
  void drop_cache();
  std::size_t reseal_locked(std::shared_ptr<const secret_sealer> next, bool adopt);

  credential_store &store_;
  ets_client &ets_;
  const clock &clock_;
  logger &log_;

  mutable std::mutex sealer_mutex_;
  std::shared_ptr<const secret_sealer> sealer_;
  // Set only while a reseal runs; shared, so a reader's copy outlives a failed rotation.
  std::shared_ptr<const secret_sealer> resealing_to_;

  // Serialises writers (put, remove, reseal) so a put cannot slip between a reseal's read and
  // its write and be left under the old key.
  std::mutex write_mutex_;

  std::mutex cache_mutex_;
  std::map<std::string, cache_entry, std::less<>> cache_;
  std::uint64_t cache_generation_ = 0;  // bumped on every drop, so a slow read cannot refill
                                        // the cache with what a concurrent put replaced

  std::mutex warned_mutex_;
  std::map<std::string, day_point, std::less<>> warned_on_;  // scope → day last warned in log
};

}  // namespace ssrlink::core
