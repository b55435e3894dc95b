// The report-link cache in front of ETS, keyed by SSID and credential set.
//
// Two levels: a bounded per-process LRU map (no I/O, one mutex) over the shared link_cache_store
// (a database table, so a web farm asks ETS once per student, not once per process). Entries in
// the shared store are JSON text this class encodes; a garbled or foreign entry is a miss.
//
// Rules:
//  - a report list is served only while MORE than `safety_margin` of its links' validity remains
//    (the earliest expires_at counts), so a person never gets a link that dies while they read;
//  - `refresh` skips both levels and replaces the entry with the fresh answer;
//  - concurrent misses for one key make ONE fetch: the first caller fetches, the others wait for
//    its result (single-flight);
//  - ETS failures are not cached, except "no test data" and "SSID not found" answers, which are
//    kept for `negative_ttl` (they change rarely and a page reload should not hit ETS each time).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "../model/ets_outcome.hpp"
#include "../ports/clock.hpp"
#include "../ports/link_cache.hpp"
#include "../ports/logger.hpp"

namespace ssrlink::core {

struct link_cache_options {
  std::size_t front_capacity = 4096;  // entries in the per-process LRU map
  std::chrono::milliseconds safety_margin = std::chrono::minutes{5};
  std::chrono::milliseconds negative_ttl = std::chrono::minutes{10};
  // Test seam: runs when a caller starts waiting for another caller's fetch of the same key.
  std::function<void()> on_wait;
};

struct link_lookup {
  ets_reports_result result;
  bool cached = false;  // served from the process or shared cache, not fetched for this request
};

class link_cache {
 public:
  using fetch_function = std::function<ets_reports_result()>;

  // `shared`, `clock` and `log` must outlive the cache.
  link_cache(link_cache_store &shared, const clock &clock, logger &log,
             link_cache_options options = {});

  // Thread-safe. `fetch` runs at most once per call, on the calling thread, without any lock
  // held. Shared-store failures are logged and treated as misses (the page still works when the
  // cache table is unavailable). An exception from `fetch` reaches this caller and every waiter.
  link_lookup get_or_fetch(const std::string &ssid, const std::string &set_id, bool refresh,
                           const fetch_function &fetch);

  // The shared store's key for an SSID and credential set.
  static std::string key_for(std::string_view ssid, std::string_view set_id);

  // The payload format of the shared store, exposed for tests. decode returns nullopt for
  // anything it cannot read completely.
  static std::string encode(const ets_reports_result &result, time_point serve_until);
  struct decoded_entry {
    ets_reports_result result;
    time_point serve_until;
  };
  static std::optional<decoded_entry> decode(std::string_view payload);

  std::size_t front_size() const;

 private:
  struct front_entry {
    ets_reports_result result;
    time_point serve_until;
    std::list<std::string>::iterator position;
  };
  struct flight {
    std::promise<link_lookup> promise;
    std::shared_future<link_lookup> future = promise.get_future().share();
  };

  // When a fresh answer stops being served; nullopt when it must not be cached at all.
  std::optional<time_point> serve_until_for(const ets_reports_result &result, time_point now) const;
  std::optional<link_lookup> front_get(const std::string &key, time_point now);  // lock held
  void front_put(const std::string &key, const ets_reports_result &result,
                 time_point serve_until);  // lock held
  std::optional<link_lookup> shared_get(const std::string &key, time_point now);
  void shared_put(const std::string &key, const ets_reports_result &result, time_point serve_until,
                  time_point now);
  link_lookup lead(const std::string &key, bool refresh, const fetch_function &fetch);

  link_cache_store &shared_;
  const clock &clock_;
  logger &log_;
  link_cache_options options_;

  mutable std::mutex mutex_;
  std::list<std::string> lru_;  // most recently used first
  std::unordered_map<std::string, front_entry> front_;
  std::unordered_map<std::string, std::shared_ptr<flight>> flights_;
};

}  // namespace ssrlink::core
