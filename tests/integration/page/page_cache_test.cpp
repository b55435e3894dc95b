// The link cache seen from the host: a second view is served without ETS, refresh asks again,
// and links with five minutes or less of life left are never served.
#include <gtest/gtest.h>

#include "page_world.hpp"

namespace ssrlink::e2e {
namespace {

const std::string admin = R"({"role": "admin", "user_id": "cache-admin", "permitted": true})";

TEST(PageCache, ServedFromCacheUntilRefreshOrNearExpiry) {
  clock_offset_ms = 0;
  shared->page(other_school, admin, R"(, "refresh": true)");  // a fresh entry
  const auto start = shared->ets_report_requests();
  const answer cached = shared->page(other_school, admin);
  EXPECT_EQ(cached.json.at("outcome").as_string(), "reports");
  EXPECT_EQ(shared->ets_report_requests(), start) << "a warm cache must not call ETS";

  shared->page(other_school, admin, R"(, "refresh": true)");
  EXPECT_EQ(shared->ets_report_requests(), start + 1) << "refresh bypasses the cache";

  // 24 minutes later six minutes of the 30 remain: still served.
  clock_offset_ms = 24 * 60 * 1000;
  shared->page(other_school, admin);
  EXPECT_EQ(shared->ets_report_requests(), start + 1);
  // 26 minutes later only four remain: not served, ETS is asked again.
  clock_offset_ms = 26 * 60 * 1000;
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
