// The link cache seen from the host: a second view is served without ETS, refresh asks again
// (at most once per student per 30 seconds), and links with five minutes or less of life left
// are never served.
#include <gtest/gtest.h>

#include "page_world.hpp"

namespace ssrlink::e2e {
namespace {

const std::string admin = R"({"role": "admin", "user_id": "cache-admin", "permitted": true})";

constexpr std::int64_t seconds = 1000;
constexpr std::int64_t minutes = 60 * seconds;

TEST(PageCache, ServedFromCacheUntilRefreshOrNearExpiry) {
  clock_offset_ms = 0;
  shared->page(other_school, admin, R"(, "refresh": true)");  // an entry under 30 s old
  const auto start = shared->ets_report_requests();
  const answer cached = shared->page(other_school, admin);
  EXPECT_EQ(cached.json.at("outcome").as_string(), "reports");
  EXPECT_EQ(shared->ets_report_requests(), start) << "a warm cache must not call ETS";

  // A refresh inside 30 seconds of the fetch is served from the cache: a reload loop cannot
  // hammer ETS.
  const answer again = shared->page(other_school, admin, R"(, "refresh": true)");
  EXPECT_EQ(again.json.at("outcome").as_string(), "reports");
  EXPECT_TRUE(again.json.at("cached").as_bool()) << again.text;
  EXPECT_EQ(shared->ets_report_requests(), start) << "refresh is honoured once per 30 s";

  // 31 seconds later the refresh bypasses the cache. (fake-ets dates its links by the real
  // clock, so the links fetched now have 30 minutes of life left on the host clock minus 31 s.)
  const std::int64_t fetched = 31 * seconds;
  clock_offset_ms = fetched;
  shared->page(other_school, admin, R"(, "refresh": true)");
  EXPECT_EQ(shared->ets_report_requests(), start + 1) << "refresh bypasses the cache";

  // 24 minutes later more than five minutes remain: still served.
  clock_offset_ms = fetched + 24 * minutes;
  shared->page(other_school, admin);
  EXPECT_EQ(shared->ets_report_requests(), start + 1);
  // 26 minutes later under four remain: not served, ETS is asked again.
  clock_offset_ms = fetched + 26 * minutes;
  const answer renewed = shared->page(other_school, admin);
  EXPECT_EQ(renewed.json.at("outcome").as_string(), "reports");
  EXPECT_EQ(shared->ets_report_requests(), start + 2);
  clock_offset_ms = 0;
}

TEST(PageCache, EtsErrorsAreNotCachedButNoTestDataIs) {
  clock_offset_ms = 0;
  shared->page(ets_internal, admin);
  auto before = shared->ets_report_requests();
  shared->page(ets_internal, admin);
  EXPECT_EQ(shared->ets_report_requests(), before + 1) << "an internal error must be asked again";

  shared->page(no_data, admin, R"(, "refresh": true)");
  before = shared->ets_report_requests();
  shared->page(no_data, admin);
  EXPECT_EQ(shared->ets_report_requests(), before) << "no test data is cached for a while";
}

}  // namespace
}  // namespace ssrlink::e2e
