// Which TOMS pair an ETS call for a student's school uses, read back in clear from the store.
//
// Rules of for_school (in this order):
//  1. A pair resolved for the same school code within credential_cache_ttl of the host clock
//     is reused, even a "none"; a clock that stepped backwards makes the entry stale.
//  2. The school's own pair, when the code is neither empty nor "district" and it has one.
//  3. Otherwise the district's pair.
//  4. Otherwise nullopt: nobody entered credentials yet.
// A found row is opened with the key in force (sealer_in_force.hpp); one that does not open
// throws failure(config) naming the scope, and is not cached. A found pair that expires within
// the warning window logs its warning, once a day (logged_expiry_warnings.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "../model/credentials.hpp"
#include "../ports/clock.hpp"
#include "../ports/credential_store.hpp"
#include "../ports/logger.hpp"
#include "credential_resolver.hpp"
#include "logged_expiry_warnings.hpp"
#include "sealer_in_force.hpp"

namespace ssrlink::core {

// How long a resolved pair is reused before the store is asked again. A put or remove in this
// process drops the cache at once (changed()); other processes see a change within this time.
inline constexpr std::chrono::minutes credential_cache_ttl{5};

class credential_resolution final : public credential_resolver {
 public:
  // All references must outlive this.
  credential_resolution(credential_store &store, const sealer_in_force &keys, const clock &clock,
                        logger &log);

  std::optional<resolved_credentials> for_school(std::string_view school_code) override;

  // The row's pair in clear, with its set id and expiry. Throws failure(config), naming the
  // scope and the fix, when the Secret Key does not open. Thread-safe.
  resolved_credentials resolve(const stored_credentials &row, day_point today) const;

  // The row's Secret Key in clear, or nullopt when it does not open (for listing, which must
  // work when the key is wrong: that is how an administrator finds out). Thread-safe.
  std::optional<std::string> open_secret(const stored_credentials &row) const;

  // Logs the scope's expiry warning, at most once a day. Thread-safe.
  void note_expiry(std::string_view scope, day_point expires_on, day_point today);

  // A put or remove of `scope` in this process: drops every cached pair at once (a school that
  // used the district's pair may now have its own) and forgets the scope's logged warning.
  // Thread-safe.
  void changed(std::string_view scope);

 private:
  struct cache_entry {
    std::optional<resolved_credentials> value;
    time_point fetched_at;
  };

  std::optional<resolved_credentials> read_store(std::string_view school_code, day_point today);

  credential_store &store_;
  const sealer_in_force &keys_;
  const clock &clock_;
  logged_expiry_warnings warnings_;

  std::mutex cache_mutex_;
  std::map<std::string, cache_entry, std::less<>> cache_;
  std::uint64_t cache_generation_ = 0;  // bumped on every drop, so a slow read cannot refill
                                        // the cache with what a concurrent put replaced
};

}  // namespace ssrlink::core
