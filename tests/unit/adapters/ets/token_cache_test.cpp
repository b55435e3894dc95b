// The token cache's expiry margin, invalidation, bound, and tokens adopted from other processes.
#include "ets/token_cache.hpp"

#include <gtest/gtest.h>

namespace ssrlink::ets {
namespace {

using namespace std::chrono_literals;
const core::time_point t0 =
    core::time_point{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};

TEST(token_cache, reuses_until_sixty_seconds_before_expiry) {
  token_cache c;
  c.put("set-a", "tok", 3600s, t0);
  EXPECT_EQ(c.get("set-a", t0), "tok");
  EXPECT_EQ(c.get("set-a", t0 + 3539s), "tok");
  EXPECT_FALSE(c.get("set-a", t0 + 3540s).has_value());
  EXPECT_FALSE(c.get("set-b", t0).has_value());
}

TEST(token_cache, short_lived_tokens_are_never_handed_out) {
  token_cache c;
  c.put("s", "tok", 30s, t0);
  EXPECT_FALSE(c.get("s", t0).has_value());
}

TEST(token_cache, invalidate_forgets_only_the_refused_token) {
  token_cache c;
  c.put("s", "old", 3600s, t0);
  c.invalidate("s", "other");
  EXPECT_EQ(c.get("s", t0), "old");
  c.invalidate("s", "old");
  EXPECT_FALSE(c.get("s", t0).has_value());
}

TEST(token_cache, sets_are_independent_and_a_new_set_id_never_reuses_an_old_token) {
  token_cache c;
  c.put("district@1", "a", 3600s, t0);
  c.put("district@2", "b", 3600s, t0);
  EXPECT_EQ(c.get("district@1", t0), "a");
  EXPECT_EQ(c.get("district@2", t0), "b");
}

TEST(token_cache, is_bounded) {
  token_cache c;
  for (std::size_t i = 0; i < token_cache::max_entries + 50; ++i) {
    c.put("set-" + std::to_string(i), "t", std::chrono::seconds{3600 + long(i)}, t0);
  }
  EXPECT_EQ(c.size(), token_cache::max_entries);
  // The soonest-expiring entries went first.
  EXPECT_FALSE(c.get("set-0", t0).has_value());
  EXPECT_TRUE(c.get("set-" + std::to_string(token_cache::max_entries + 49), t0).has_value());
}

TEST(token_cache, the_margin_is_the_one_the_core_shares_tokens_with) {
  EXPECT_EQ(token_cache::refresh_margin, core::ets_token_refresh_margin);
}

TEST(token_cache, lookup_gives_the_expiry_under_the_same_margin) {
  token_cache c;
  c.put("s", "tok", 3600s, t0);
  const auto found = c.lookup("s", t0 + 10s);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->value, "tok");
  EXPECT_EQ(found->expires_at, t0 + 3600s);
  EXPECT_FALSE(c.lookup("s", t0 + 3540s).has_value());
  EXPECT_FALSE(c.lookup("other", t0).has_value());
}

TEST(token_cache, an_adopted_token_is_used_until_the_margin_before_its_expiry) {
  token_cache c;
  EXPECT_TRUE(c.adopt("s", "shared", t0 + 600s, t0));
  EXPECT_EQ(c.get("s", t0 + 539s), "shared");
  EXPECT_FALSE(c.get("s", t0 + 540s).has_value());
}

TEST(token_cache, a_token_too_close_to_its_expiry_is_not_adopted) {
  token_cache c;
  EXPECT_FALSE(c.adopt("s", "late", t0 + 60s, t0));
  EXPECT_FALSE(c.adopt("s", "gone", t0 - 1s, t0));
  EXPECT_EQ(c.size(), 0U);
}

TEST(token_cache, adopting_never_replaces_a_token_that_lives_as_long_or_longer) {
  token_cache c;
  c.put("s", "own", 3600s, t0);
  EXPECT_FALSE(c.adopt("s", "older", t0 + 1800s, t0));
  EXPECT_FALSE(c.adopt("s", "same", t0 + 3600s, t0));
  EXPECT_EQ(c.get("s", t0), "own");
  EXPECT_TRUE(c.adopt("s", "newer", t0 + 3601s, t0));
  EXPECT_EQ(c.get("s", t0), "newer");
  // A refused adopted token is forgotten like any other.
  c.invalidate("s", "newer");
  EXPECT_FALSE(c.get("s", t0).has_value());
}

TEST(token_cache, adopting_keeps_the_bound) {
  token_cache c;
  for (std::size_t i = 0; i < token_cache::max_entries + 5; ++i) {
    c.adopt("set-" + std::to_string(i), "t", t0 + std::chrono::seconds{3600 + long(i)}, t0);
  }
  EXPECT_EQ(c.size(), token_cache::max_entries);
}

}  // namespace
}  // namespace ssrlink::ets
