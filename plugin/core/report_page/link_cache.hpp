// The report-link cache in front of ETS, keyed by SSID and credential set.
//
// Two levels: a bounded per-process LRU map (no I/O, one mutex) over the shared link_cache_store
// (a database table, so a web farm asks ETS once per student, not once per process). Entries in
// the shared store are JSON text this class encodes; a garbled or foreign entry is a miss. They
// hold usable report links, so the assembly puts a sealed_link_cache_store in front of the table.
//
// Rules:
//  1. A report list is served only while MORE than `safety_margin` of its links' validity
//     remains (the earliest expires_at counts), so a person never gets a link that dies while
//     they read. The deadline of a shared entry is recomputed from its links, never trusted.
//  2. ETS failures are not cached, except "no test data" and "SSID not found" answers, which are
//     kept for `negative_ttl` (they change rarely and a page reload should not hit ETS each time).
//  3. `refresh` skips both levels only when the entry in hand was fetched from ETS at least
//     `refresh_floor` ago; a younger entry is served as cached. The fetch time travels with the
//     entry in the shared store, and a refresh whose process entry is too old still looks there
//     first, so a script sending refresh in a loop makes at most one ETS call per key per
//     `refresh_floor` across every process sharing the database. A fetch time more than
//     `refresh_floor` ahead of this clock (a skewed host, a clock moved back) holds nothing
//     back.
//  4. Concurrent misses for one key make ONE fetch: the first caller fetches, the others wait
//     for its result (single-flight). A refresh that joined a flight which served an entry too
//     old for it goes round again, so concurrent refreshes make one fetch too.
//  5. With `share_later`, a fresh answer is kept in the process at once but written to the
//     shared store only when the fetching caller calls share() with its lookup (the report page
//     does, in the transaction of its audit row: one commit on the cold path). Only that
//     caller's lookup carries the write; the callers that waited for its flight get none.
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
#include "link_share.hpp"

namespace ssrlink::core {

struct link_cache_options {
  std::size_t front_capacity = 4096;  // entries in the per-process LRU map
  std::chrono::milliseconds safety_margin = std::chrono::minutes{5};
  std::chrono::milliseconds negative_ttl = std::chrono::minutes{10};
  // How old an entry must be before `refresh` asks ETS again (rule 3).
  std::chrono::milliseconds refresh_floor = std::chrono::seconds{30};
  // Rule 5: the fetching caller writes the shared entry itself, with share().
  bool share_later = false;
  // Test seam: runs when a caller starts waiting for another caller's fetch of the same key.
  std::function<void()> on_wait;
};

struct link_lookup {
  // Never null. Shared, not copied: every warm hit of one entry gets the same answer, so what is
  // derived from it can be derived once (report_page/prepared_reports_cache).
  std::shared_ptr<const ets_reports_result> answer;
  bool cached = false;      // served from the process or shared cache, not fetched for this request
  time_point fetched_at{};  // when ETS gave this answer (to this or another process)
  // Rule 5: set only on the fetching caller's lookup, with share_later.
  std::optional<link_share> to_share = {};

  const ets_reports_result &result() const { return *answer; }
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

  // Rule 5: writes a lookup's to_share to the shared store. Throws the store's failure (the
  // caller's transaction decides what it means). Thread-safe.
  void share(const link_share &pending);

  // The shared store's key for an SSID and credential set.
  static std::string key_for(std::string_view ssid, std::string_view set_id);

  // The payload format of the shared store, exposed for tests. decode returns nullopt for
  // anything it cannot read completely.
  static std::string encode(const ets_reports_result &result, time_point serve_until,
                            time_point fetched_at);
  struct decoded_entry {
    ets_reports_result result;
    time_point serve_until;
    time_point fetched_at;
  };
  static std::optional<decoded_entry> decode(std::string_view payload);

  std::size_t front_size() const;

 private:
  struct front_entry {
    std::shared_ptr<const ets_reports_result> answer;
    time_point serve_until;
    time_point fetched_at;
    std::list<std::string>::iterator position;
  };
  struct flight {
    std::promise<link_lookup> promise;
    std::shared_future<link_lookup> future = promise.get_future().share();
  };

  // When a fresh answer stops being served; nullopt when it must not be cached at all.
  std::optional<time_point> serve_until_for(const ets_reports_result &result, time_point now) const;
  // Rule 3: whether an entry fetched at `fetched_at` is served to a refresh at `now`.
  bool holds_refresh_back(time_point fetched_at, time_point now) const;
  std::optional<link_lookup> front_get(const std::string &key, bool refresh,
                                       time_point now);  // lock held
  void front_put(const std::string &key, const link_lookup &entry,
                 time_point serve_until);  // lock held
  std::optional<link_lookup> shared_get(const std::string &key, bool refresh, time_point now);
  void shared_put(const std::string &key, const link_lookup &entry, time_point serve_until,
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
