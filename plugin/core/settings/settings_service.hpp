// ssrlink_settings_get and ssrlink_settings_put (docs/abi.md), and the settings every other
// service reads: the page (the district's instructions), the sweep (its defaults and schedule,
// the summary's recipients). Reads are cached for settings_cache_ttl so a page view costs no
// query; a put in this process takes effect at once, one in another process within the TTL.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

#include "../call_result.hpp"
#include "../ports/clock.hpp"
#include "../ports/logger.hpp"
#include "../ports/settings_store.hpp"
#include "district_settings.hpp"

namespace ssrlink::core {

inline constexpr std::chrono::seconds settings_cache_ttl{30};

class settings_service {
 public:
  // Every reference must outlive the service.
  settings_service(settings_store &store, const clock &clock, logger &log);

  // {} → {"settings": {...}} (settings_json), read from the store (the cache is refreshed with
  // it), so a database that fails is an error here, never the defaults. Thread-safe; throws
  // failure.
  call_result get(std::string_view request_json);
  // {"settings": {...}} → {"settings": {...}} after the keys given were replaced
  // (district_settings.hpp, rules 1–5). `actor_user` stamps the rows. Thread-safe; throws failure.
  call_result put(std::string_view request_json, const std::string &actor_user);

  // The settings in force (cached; a store that fails is logged once per TTL and the last good
  // settings, or the defaults, are used, so a page never fails for want of its instructions).
  // Thread-safe.
  district_settings current();

 private:
  // With mutex_ held: the cached settings while younger than the TTL, else read again; a store
  // that fails leaves the last ones in force for another TTL (fall_back).
  district_settings fresh_locked(time_point now);
  // The store's rows read by settings_from_rows; unreadable rows are logged. Throws failure.
  district_settings read_store();
  void fall_back(time_point now, const std::string &why);
  void remember(district_settings settings, time_point now);

  settings_store &store_;
  const clock &clock_;
  logger &log_;
  std::mutex mutex_;
  district_settings cached_;
  time_point cached_at_{};
  bool loaded_ = false;
};

}  // namespace ssrlink::core
