// The link cache's rules: the 5-minute margin, refresh and its 30-second floor, single-flight,
// negative caching of "no test data" / "SSID not found" only, and tolerance of garbage in the
// shared store.
#include "core/report_page/link_cache.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "doubles/fake_ets_client.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/memory_link_cache_store.hpp"
#include "doubles/recording_logger.hpp"
#include "flight_joins.hpp"
#include "test_links.hpp"

namespace ssrlink::test {
namespace {

class link_cache_test : public ::testing::Test {
 protected:
  ssrlink::testing::manual_clock clock;
  ssrlink::testing::memory_link_cache_store store;
  ssrlink::testing::recording_logger log;
  ssrlink::testing::fake_ets_client ets;
  ets_credentials credentials{"district", "user", "SECRET-KEY-123", "set-1"};
  report_links issued = {make_link("SB", "2018-19", "ENG", "PDF", "ALL", clock.now()),
                         make_link("SB", "2018-19", "SPA", "PDF", "ALL", clock.now())};

  link_cache_test() { ets.answer_every_ssid(ets_reports_result{issued}); }

  link_lookup get(link_cache &cache, bool refresh = false, const std::string &ssid = "1234567890",
                  const std::string &set_id = "set-1") {
    return cache.get_or_fetch(ssid, set_id, refresh,
                              [&] { return ets.fetch_reports(credentials, ssid); });
  }
  // With ETS's gate closed: a leader enters ETS, `waiters` callers join its flight, then the gate
  // opens. The lookups, the leader's first.
  std::vector<link_lookup> one_flight(link_cache &cache, flight_joins &joins, int waiters) {
    std::vector<link_lookup> results(std::size_t(waiters) + 1);
    std::vector<std::thread> threads;
    threads.emplace_back([&] { results[0] = get(cache); });
    ets.wait_until_entered();  // the leader is inside ETS
    for (int i = 1; i <= waiters; ++i) {
      threads.emplace_back([&, i] { results[std::size_t(i)] = get(cache); });
    }
    joins.wait_for(waiters);  // all joined the leader's flight
    ets.open_gate();
    for (auto &t : threads) {
      t.join();
    }
    return results;
  }
  static ets_reports_result failed(ets_error error, ets_fault fault = ets_fault::answered) {
    return ets_reports_result{ets_failure{error, fault, 404, "test"}};
  }
};

TEST_F(link_cache_test, entry_is_served_while_more_than_five_minutes_remain) {
  link_cache cache(store, clock, log);
  EXPECT_FALSE(get(cache).cached);
  clock.advance(24min + 59s);  // 5 min 1 s of validity left
  const auto second = get(cache);
  EXPECT_TRUE(second.cached);
  ASSERT_TRUE(second.result().ok());
  EXPECT_EQ(second.result().reports(), issued);
  EXPECT_EQ(ets.calls(), 1);
}

TEST_F(link_cache_test, entry_with_five_minutes_or_less_left_is_a_miss) {
  link_cache cache(store, clock, log);
  get(cache);
  clock.advance(25min);  // exactly 5 minutes left: not MORE than the margin
  EXPECT_FALSE(get(cache).cached);
  EXPECT_EQ(ets.calls(), 2);
}

TEST_F(link_cache_test, earliest_link_expiry_decides) {
  issued[1].expires_at = clock.now() + 10min;  // one link lives much shorter
  ets.answer_every_ssid(ets_reports_result{issued});
  link_cache cache(store, clock, log);
  get(cache);
  clock.advance(5min);  // that link now has exactly 5 minutes left
  EXPECT_FALSE(get(cache).cached);
  EXPECT_EQ(ets.calls(), 2);
}

TEST_F(link_cache_test, links_already_near_expiry_are_served_but_not_cached) {
  issued[0].expires_at = clock.now() + 4min;
  ets.answer_every_ssid(ets_reports_result{issued});
  link_cache cache(store, clock, log);
  const auto first = get(cache);
  EXPECT_TRUE(first.result().ok());
  EXPECT_EQ(store.puts(), 0);
  get(cache);
  EXPECT_EQ(ets.calls(), 2);
}

TEST_F(link_cache_test, refresh_bypasses_and_replaces_the_entry) {
  link_cache cache(store, clock, log);
  get(cache);
  clock.advance(1min);
  report_links newer = {make_link("CAST", "2019-20", "ENG", "PDF", "ALL", clock.now())};
  ets.answer_every_ssid(ets_reports_result{newer});
  const auto refreshed = get(cache, true);
  EXPECT_FALSE(refreshed.cached);
  EXPECT_EQ(refreshed.result().reports(), newer);
  const auto after = get(cache);  // the cached entry is now the refreshed one
  EXPECT_TRUE(after.cached);
  EXPECT_EQ(after.result().reports(), newer);
  EXPECT_EQ(ets.calls(), 2);
  // And the shared store holds it too: a second process sees the new list.
  link_cache other_process(store, clock, log);
  EXPECT_EQ(get(other_process).result().reports(), newer);
  EXPECT_EQ(ets.calls(), 2);
}

TEST_F(link_cache_test, shared_store_serves_another_process) {
  link_cache first(store, clock, log);
  link_cache second(store, clock, log);
  get(first);
  const auto hit = get(second);
  EXPECT_TRUE(hit.cached);
  EXPECT_EQ(hit.result().reports(), issued);
  EXPECT_EQ(ets.calls(), 1);
}

TEST_F(link_cache_test, keys_separate_ssid_and_credential_set) {
  link_cache cache(store, clock, log);
  get(cache, false, "1111111111", "set-1");
  get(cache, false, "2222222222", "set-1");
  get(cache, false, "1111111111", "set-2");  // new credentials never reuse old links
  EXPECT_EQ(ets.calls(), 3);
  EXPECT_NE(link_cache::key_for("1:2", "3"), link_cache::key_for("1", "2:3"));
}

TEST_F(link_cache_test, concurrent_misses_make_one_ets_call) {
  constexpr int waiters = 7;
  flight_joins joins;
  link_cache_options options;
  options.on_wait = joins.hook();
  link_cache cache(store, clock, log, options);
  ets.close_gate();

  const std::vector<link_lookup> results = one_flight(cache, joins, waiters);
  EXPECT_EQ(ets.calls(), 1);
  for (const auto &r : results) {
    ASSERT_TRUE(r.result().ok());
    EXPECT_EQ(r.result().reports(), issued);
  }
}

TEST_F(link_cache_test, rule_5_shared_later_the_fetching_caller_writes_the_entry) {
  link_cache_options options;
  options.share_later = true;
  link_cache cache(store, clock, log, options);
  const link_lookup fresh = get(cache);
  EXPECT_EQ(store.puts(), 0);  // kept in the process only, until share()
  ASSERT_TRUE(fresh.to_share.has_value());
  EXPECT_EQ(fresh.to_share->key, link_cache::key_for("1234567890", "set-1"));
  EXPECT_EQ(fresh.to_share->fetched_at, clock.now());
  EXPECT_FALSE(get(cache).to_share.has_value());  // a hit has nothing to write

  cache.share(*fresh.to_share);
  EXPECT_EQ(store.puts(), 1);
  link_cache other_process(store, clock, log);
  const link_lookup there = get(other_process);
  EXPECT_TRUE(there.cached);
  EXPECT_EQ(there.result().reports(), issued);
  EXPECT_EQ(ets.calls(), 1);
}

TEST_F(link_cache_test, rule_5_only_the_fetching_caller_gets_the_write) {
  constexpr int waiters = 3;
  flight_joins joins;
  link_cache_options options;
  options.share_later = true;
  options.on_wait = joins.hook();
  link_cache cache(store, clock, log, options);
  ets.close_gate();
  const std::vector<link_lookup> results = one_flight(cache, joins, waiters);
  EXPECT_TRUE(results[0].to_share.has_value());
  for (int i = 1; i <= waiters; ++i) {
    EXPECT_FALSE(results[std::size_t(i)].to_share.has_value());
    EXPECT_EQ(results[std::size_t(i)].answer, results[0].answer);  // one answer, shared
  }
}

TEST_F(link_cache_test, rule_5_a_shared_write_that_fails_reaches_the_caller) {
  link_cache_options options;
  options.share_later = true;
  link_cache cache(store, clock, log, options);
  const link_lookup fresh = get(cache);
  store.fail_every_call();
  EXPECT_THROW(cache.share(*fresh.to_share), failure);
}

TEST_F(link_cache_test, concurrent_waiters_share_an_error_that_is_not_cached) {
  ets.answer_every_ssid(failed(ets_error::internal_error, ets_fault::timed_out));
  flight_joins joins;
  link_cache_options options;
  options.on_wait = joins.hook();
  link_cache cache(store, clock, log, options);
  ets.close_gate();
  link_lookup a, b;
  std::thread leader([&] { a = get(cache); });
  ets.wait_until_entered();
  std::thread waiter([&] { b = get(cache); });
  joins.wait_for(1);
  ets.open_gate();
  leader.join();
  waiter.join();
  EXPECT_EQ(ets.calls(), 1);
  EXPECT_FALSE(b.result().ok());
  EXPECT_EQ(b.result().failure().error, ets_error::internal_error);
  get(cache);  // not cached: the next request asks again
  EXPECT_EQ(ets.calls(), 2);
  EXPECT_EQ(store.puts(), 0);
}

TEST_F(link_cache_test, no_test_data_is_cached_for_about_ten_minutes) {
  ets.answer_every_ssid(failed(ets_error::no_test_data));
  link_cache cache(store, clock, log);
  get(cache);
  clock.advance(9min + 59s);
  const auto hit = get(cache);
  EXPECT_TRUE(hit.cached);
  EXPECT_EQ(hit.result().failure().error, ets_error::no_test_data);
  EXPECT_EQ(ets.calls(), 1);
  clock.advance(1s);
  EXPECT_FALSE(get(cache).cached);
  EXPECT_EQ(ets.calls(), 2);
}

TEST_F(link_cache_test, ssid_not_found_is_cached_in_the_shared_store_too) {
  ets.answer_every_ssid(failed(ets_error::ssid_not_found));
  link_cache first(store, clock, log);
  link_cache second(store, clock, log);
  get(first);
  const auto hit = get(second);
  EXPECT_TRUE(hit.cached);
  EXPECT_EQ(hit.result().failure().error, ets_error::ssid_not_found);
  EXPECT_EQ(ets.calls(), 1);
}

TEST_F(link_cache_test, other_errors_are_not_cached) {
  for (const auto error : {ets_error::not_authorized, ets_error::enrollment_mismatch,
                           ets_error::internal_error, ets_error::processing_error}) {
    const int before = ets.calls();
    ets.answer_every_ssid(failed(error));
    link_cache cache(store, clock, log);
    get(cache);
    get(cache);
    EXPECT_EQ(ets.calls() - before, 2) << static_cast<int>(error);
  }
  // A "no test data" that was not an ETS answer (e.g. guessed from a broken body) is not cached.
  const int before = ets.calls();
  ets.answer_every_ssid(failed(ets_error::no_test_data, ets_fault::bad_response));
  link_cache cache(store, clock, log);
  get(cache);
  get(cache);
  EXPECT_EQ(ets.calls() - before, 2);
  EXPECT_EQ(store.puts(), 0);
}

TEST_F(link_cache_test, garbage_in_the_shared_store_is_a_miss) {
  const std::string key = link_cache::key_for("1234567890", "set-1");
  const std::string valid =
      link_cache::encode(ets_reports_result{issued}, clock.now() + 20min, clock.now());
  const std::vector<std::string> garbage = {
      "", "not json", "[]", "{}", "{\"v\":2}",
      R"({"v":2,"serve_until":"soon","fetched_at_ms":0,"reports":[]})",
      R"({"v":2,"serve_until":"2030-01-01T00:00:00Z","fetched_at_ms":0,"reports":[{"test":1}]})",
      R"({"v":2,"serve_until":"2030-01-01T00:00:00Z","fetched_at_ms":0,"reports":[]})",
      R"({"v":2,"serve_until":"2030-01-01T00:00:00Z","fetched_at_ms":0,"error":"not_authorized"})",
      // No fetch time, or one that is not Unix milliseconds: the refresh floor cannot be kept.
      R"({"v":2,"serve_until":"2030-01-01T00:00:00Z","error":"no_test_data"})",
      R"({"v":2,"serve_until":"2030-01-01T00:00:00Z","fetched_at_ms":"now","error":"no_test_data"})",
      // A complete entry of the format before the fetch time was stored.
      R"({"v":1,"serve_until":"2030-01-01T00:00:00Z","error":"no_test_data"})",
      valid.substr(0, valid.size() / 2), std::string("\xff\xfe{", 3)};
  for (const auto &payload : garbage) {
    store.set(key, payload, clock.now() + 1h);
    const int before = ets.calls();
    link_cache cache(store, clock, log);
    const auto result = get(cache);
    EXPECT_FALSE(result.cached) << payload;
    EXPECT_EQ(ets.calls() - before, 1) << payload;
    EXPECT_EQ(result.result().reports(), issued);
  }
}

TEST_F(link_cache_test, shared_entry_whose_links_are_near_expiry_is_a_miss) {
  // The stored deadline claims an hour, but the links themselves die in 4 minutes.
  report_links stale = issued;
  for (auto &l : stale) {
    l.expires_at = clock.now() + 4min;
  }
  store.set(link_cache::key_for("1234567890", "set-1"),
            link_cache::encode(ets_reports_result{stale}, clock.now() + 1h, clock.now()),
            clock.now() + 1h);
  link_cache cache(store, clock, log);
  EXPECT_FALSE(get(cache).cached);
  EXPECT_EQ(ets.calls(), 1);
}

TEST_F(link_cache_test, encode_decode_round_trip) {
  const time_point until = clock.now() + 25min;
  const time_point fetched = clock.now() + 1234ms;  // milliseconds survive
  const auto decoded =
      link_cache::decode(link_cache::encode(ets_reports_result{issued}, until, fetched));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->result.reports(), issued);
  EXPECT_EQ(decoded->serve_until, until);
  EXPECT_EQ(decoded->fetched_at, fetched);

  // Every byte of ETS's text comes back (the payload is written by hand, read with Boost.JSON).
  report_links awkward = issued;
  awkward[0].name = "a \"quote\", a \\, a\ttab, a \x01 and Espa\xC3\xB1ol";
  awkward[0].url += "?a=1&b=\"2\"";
  const auto awkward_back =
      link_cache::decode(link_cache::encode(ets_reports_result{awkward}, until, fetched));
  ASSERT_TRUE(awkward_back);
  EXPECT_EQ(awkward_back->result.reports(), awkward);

  // The two answers kept as misses come back as what they were.
  for (const ets_error error : {ets_error::ssid_not_found, ets_error::no_test_data}) {
    const auto failed = link_cache::decode(link_cache::encode(
        ets_reports_result{ets_failure{error, ets_fault::answered, 404, "x"}}, until, fetched));
    ASSERT_TRUE(failed);
    ASSERT_FALSE(failed->result.ok());
    EXPECT_EQ(failed->result.failure().error, error);
  }
}

TEST_F(link_cache_test, shared_store_failure_falls_back_to_ets) {
  store.fail_every_call();
  link_cache cache(store, clock, log);
  const auto first = get(cache);
  EXPECT_TRUE(first.result().ok());
  EXPECT_TRUE(get(cache).cached);  // the process front still works
  EXPECT_EQ(ets.calls(), 1);
  EXPECT_NE(log.joined().find("could not be"), std::string::npos);
}

TEST_F(link_cache_test, front_is_bounded) {
  link_cache_options options;
  options.front_capacity = 3;
  link_cache cache(store, clock, log, options);
  for (int i = 0; i < 10; ++i) {
    get(cache, false, "ssid-" + std::to_string(i));
  }
  EXPECT_EQ(cache.front_size(), 3U);
}

TEST_F(link_cache_test, exception_from_fetch_reaches_caller_and_clears_the_flight) {
  link_cache cache(store, clock, log);
  EXPECT_THROW(
      cache.get_or_fetch("1234567890", "set-1", false,
                         []() -> ets_reports_result { throw failure(status::upstream, "boom"); }),
      failure);
  EXPECT_TRUE(get(cache).result().ok());  // a new flight starts; nothing is stuck
  EXPECT_EQ(ets.calls(), 1);
}

// Refresh floor (rule 3): a refresh asks ETS only for an entry fetched at least 30 s ago.

TEST_F(link_cache_test, refresh_within_the_floor_is_served_from_the_cache) {
  link_cache cache(store, clock, log);
  get(cache);
  clock.advance(1min);  // the entry is now older than the floor
  EXPECT_FALSE(get(cache, true).cached);
  EXPECT_EQ(ets.calls(), 2);
  clock.advance(10s);
  const auto held = get(cache, true);
  EXPECT_TRUE(held.cached);
  EXPECT_EQ(held.result().reports(), issued);
  EXPECT_EQ(ets.calls(), 2) << "a refresh 10 s after a fetch must not call ETS";
  clock.advance(19s + 999ms);  // 29.999 s after the fetch
  EXPECT_TRUE(get(cache, true).cached);
  EXPECT_EQ(ets.calls(), 2);
  clock.advance(1001ms);  // 31 s after the fetch
  EXPECT_FALSE(get(cache, true).cached);
  EXPECT_EQ(ets.calls(), 3);
}

TEST_F(link_cache_test, refresh_loop_makes_one_ets_call_per_floor) {
  link_cache cache(store, clock, log);
  for (int second = 0; second <= 95; ++second) {
    get(cache, true);
    clock.advance(1s);
  }
  EXPECT_EQ(ets.calls(), 4);  // at 0, 30, 60 and 90 s
}

TEST_F(link_cache_test, refresh_floor_holds_across_processes_sharing_the_store) {
  link_cache first(store, clock, log);
  link_cache second(store, clock, log);
  get(first);  // fetched at t
  clock.advance(10s);
  EXPECT_TRUE(get(second, true).cached) << "the fetch time must travel with the shared entry";
  EXPECT_EQ(ets.calls(), 1);
  clock.advance(21s);  // t + 31 s
  EXPECT_FALSE(get(second, true).cached);
  EXPECT_EQ(ets.calls(), 2);
  clock.advance(9s);  // t + 40 s: first's own entry is 40 s old, but second fetched 9 s ago
  const auto hit = get(first, true);
  EXPECT_TRUE(hit.cached);
  EXPECT_EQ(ets.calls(), 2);
  EXPECT_EQ(hit.fetched_at, clock.now() - 9s);
}

TEST_F(link_cache_test, refresh_floor_covers_cached_no_test_data_too) {
  ets.answer_every_ssid(failed(ets_error::no_test_data));
  link_cache cache(store, clock, log);
  get(cache);
  clock.advance(5s);
  EXPECT_TRUE(get(cache, true).cached);
  EXPECT_EQ(ets.calls(), 1);
  clock.advance(30s);
  EXPECT_FALSE(get(cache, true).cached);
  EXPECT_EQ(ets.calls(), 2);
}

TEST_F(link_cache_test, a_fetch_time_far_in_the_future_does_not_hold_a_refresh_back) {
  const std::string key = link_cache::key_for("1234567890", "set-1");
  store.set(key,
            link_cache::encode(ets_reports_result{issued}, clock.now() + 20min, clock.now() + 1h),
            clock.now() + 20min);
  link_cache cache(store, clock, log);
  EXPECT_TRUE(get(cache).cached);  // an ordinary view is served
  EXPECT_FALSE(get(cache, true).cached);
  EXPECT_EQ(ets.calls(), 1);
  // A little skew between hosts (less than the floor) still counts as a recent fetch.
  store.set(key,
            link_cache::encode(ets_reports_result{issued}, clock.now() + 20min, clock.now() + 5s),
            clock.now() + 20min);
  link_cache other_process(store, clock, log);
  EXPECT_TRUE(get(other_process, true).cached);
  EXPECT_EQ(ets.calls(), 1);
}

TEST_F(link_cache_test, lookup_reports_when_ets_answered) {
  link_cache cache(store, clock, log);
  const time_point fetched = clock.now();
  EXPECT_EQ(get(cache).fetched_at, fetched);
  clock.advance(3min);
  EXPECT_EQ(get(cache).fetched_at, fetched);
  link_cache other_process(store, clock, log);
  EXPECT_EQ(get(other_process).fetched_at, fetched);
}

// A shared store whose reads block until open_gate(): keeps a non-refresh leader in flight.
class gated_store : public link_cache_store {
 public:
  explicit gated_store(link_cache_store &inner) : inner_(inner) {}
  void open_gate() {
    {
      std::lock_guard lock(mutex_);
      closed_ = false;
    }
    cv_.notify_all();
  }
  void wait_until_entered() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return entered_ > 0; });
  }
  std::optional<std::string> get(std::string_view key, time_point now) override {
    {
      std::unique_lock lock(mutex_);
      ++entered_;
      cv_.notify_all();
      cv_.wait(lock, [&] { return !closed_; });
    }
    return inner_.get(key, now);
  }
  void put(std::string_view key, std::string_view payload, time_point expires_at,
           time_point now) override {
    inner_.put(key, payload, expires_at, now);
  }

 private:
  link_cache_store &inner_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool closed_ = true;
  int entered_ = 0;
};

TEST_F(link_cache_test, refreshes_that_joined_a_cached_flight_share_one_fetch) {
  // The shared entry is a minute old: a plain view may have it, a refresh may not.
  store.set(link_cache::key_for("1234567890", "set-1"),
            link_cache::encode(ets_reports_result{issued}, clock.now() + 20min, clock.now() - 1min),
            clock.now() + 20min);
  gated_store gate(store);
  constexpr int refreshers = 4;
  flight_joins joins;
  link_cache_options options;
  options.on_wait = joins.hook();
  link_cache cache(gate, clock, log, options);

  link_lookup plain;
  std::vector<link_lookup> refreshed(refreshers);
  std::vector<std::thread> threads;
  threads.emplace_back([&] { plain = get(cache); });
  gate.wait_until_entered();  // the plain view leads the flight, inside the shared store
  for (int i = 0; i < refreshers; ++i) {
    threads.emplace_back([&, i] { refreshed[std::size_t(i)] = get(cache, true); });
  }
  joins.wait_for(refreshers);  // all joined the plain view's flight
  gate.open_gate();
  for (auto &t : threads) {
    t.join();
  }
  EXPECT_TRUE(plain.cached);
  EXPECT_EQ(ets.calls(), 1) << "the refreshes must go round together, not fetch each";
  for (const auto &r : refreshed) {
    ASSERT_TRUE(r.result().ok());
    EXPECT_EQ(r.fetched_at, clock.now());
  }
}

}  // namespace
}  // namespace ssrlink::test
