#include <gmock/gmock.h>

#include <atomic>
#include <thread>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class credential_resolution_test : public credentials_fixture {};

TEST_F(credential_resolution_test, nothing_stored_means_nullopt) {
  EXPECT_FALSE(resolution.for_school("0042").has_value());
}

TEST_F(credential_resolution_test, school_without_its_own_pair_uses_the_district_pair) {
  put("district", "lea-user", district_secret, day_text(100));
  const auto resolved = resolution.for_school("0042");
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->pair.scope, "district");
  EXPECT_EQ(resolved->pair.username, "lea-user");
  EXPECT_EQ(resolved->pair.secret_key, district_secret);
  EXPECT_EQ(resolved->expires_on, test_today() + std::chrono::days{100});
  EXPECT_FALSE(resolved->expired);
}

TEST_F(credential_resolution_test, school_with_its_own_pair_overrides_the_district) {
  put("district", "lea-user", district_secret);
  put("0042", "school-user", school_secret);
  const auto own = resolution.for_school("0042");
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->pair.scope, "0042");
  EXPECT_EQ(own->pair.username, "school-user");
  EXPECT_EQ(own->pair.secret_key, school_secret);
  const auto other = resolution.for_school("0100");
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->pair.scope, "district");
}

TEST_F(credential_resolution_test, a_school_pair_alone_serves_only_that_school) {
  put("0042", "school-user", school_secret);
  EXPECT_TRUE(resolution.for_school("0042").has_value());
  EXPECT_FALSE(resolution.for_school("0100").has_value());
}

TEST_F(credential_resolution_test, set_id_names_the_scope_and_when_it_was_stored) {
  put("district", "lea-user", district_secret);
  const auto first = resolution.for_school("0042");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->pair.set_id,
            "district:" + std::to_string(test_start().time_since_epoch().count()));
  clock.advance(std::chrono::seconds{1});
  put("district", "lea-user", district_secret);  // same pair entered again: a new set
  const auto second = resolution.for_school("0042");
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(second->pair.set_id, first->pair.set_id);
}

TEST_F(credential_resolution_test, expired_means_expiry_date_before_today) {
  put("district", "lea-user", district_secret, day_text(2));
  clock.set(test_start() + std::chrono::days{2});  // the last valid day
  EXPECT_FALSE(resolution.for_school("0042")->expired);
  clock.set(test_start() + std::chrono::days{3});  // past the cache and the date
  EXPECT_TRUE(resolution.for_school("0042")->expired);
}

TEST_F(credential_resolution_test, cached_for_five_minutes_of_host_clock) {
  put("district", "lea-user", district_secret);
  resolution.for_school("0042");
  const int gets_after_first = store.gets();
  clock.advance(std::chrono::minutes{5} - std::chrono::milliseconds{1});
  resolution.for_school("0042");
  EXPECT_EQ(store.gets(), gets_after_first);  // served from the cache

  // A change made behind this process's back shows once the five minutes are up.
  auto row = store.rows().at("district");
  row.username = "changed-elsewhere";
  store.set_row(row);
  EXPECT_EQ(resolution.for_school("0042")->pair.username, "lea-user");
  clock.advance(std::chrono::milliseconds{1});
  EXPECT_EQ(resolution.for_school("0042")->pair.username, "changed-elsewhere");
  EXPECT_GT(store.gets(), gets_after_first);
}

TEST_F(credential_resolution_test, a_put_drops_the_cache_at_once) {
  put("district", "lea-user", district_secret);
  EXPECT_EQ(resolution.for_school("0042")->pair.scope, "district");
  put("0042", "school-user", school_secret);
  EXPECT_EQ(resolution.for_school("0042")->pair.scope, "0042");
  put("district", "new-lea-user", "NewDistrictSecret0002");
  EXPECT_EQ(resolution.for_school("0100")->pair.username, "new-lea-user");
}

TEST_F(credential_resolution_test, a_remove_drops_the_cache_at_once) {
  put("district", "lea-user", district_secret);
  put("0042", "school-user", school_secret);
  EXPECT_EQ(resolution.for_school("0042")->pair.scope, "0042");
  call(admin.put(R"({"scope": "0042", "username": ""})"));
  EXPECT_EQ(resolution.for_school("0042")->pair.scope, "district");
  call(admin.put(R"({"scope": "district", "username": ""})"));
  EXPECT_FALSE(resolution.for_school("0042").has_value());
}

TEST_F(credential_resolution_test, nothing_found_is_cached_too_until_a_put) {
  EXPECT_FALSE(resolution.for_school("0042").has_value());
  const int gets = store.gets();
  EXPECT_FALSE(resolution.for_school("0042").has_value());
  EXPECT_EQ(store.gets(), gets);
  put("district", "lea-user", district_secret);
  EXPECT_TRUE(resolution.for_school("0042").has_value());
}

TEST_F(credential_resolution_test, a_seal_that_does_not_open_is_a_config_failure) {
  put("district", "lea-user", district_secret);
  const auto other_key = units_with(make_sealer(7));
  const auto f = thrown([&] { other_key->resolution.for_school("0042"); });
  EXPECT_EQ(f.code(), status::config);
  EXPECT_THAT(f.what(), HasSubstr("seal key file does not match"));
  EXPECT_THAT(f.what(), HasSubstr("the district"));
  EXPECT_THAT(f.what(), Not(HasSubstr(district_secret)));
}

TEST_F(credential_resolution_test, a_row_copied_to_another_scope_does_not_open) {
  put("district", "lea-user", district_secret);
  auto row = store.rows().at("district");
  row.scope = "0042";
  store.set_row(row);
  EXPECT_EQ(thrown([&] { resolution.for_school("0042"); }).code(), status::config);
}

TEST_F(credential_resolution_test, concurrent_readers_see_a_whole_pair_while_puts_replace_it) {
  put("district", "user-0", "DistrictSecretKey-0");
  std::atomic<bool> stop{false};
  std::atomic<int> mismatches{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        const auto resolved = resolution.for_school("0042");
        // The user name and the secret always come from the same put.
        if (!resolved ||
            resolved->pair.secret_key != "DistrictSecretKey-" + resolved->pair.username.substr(5)) {
          ++mismatches;
        }
        ++reads;
      }
    });
  }
  for (int i = 1; i <= 50; ++i) {
    put("district", "user-" + std::to_string(i), "DistrictSecretKey-" + std::to_string(i));
  }
  while (reads.load() < 100) {
    std::this_thread::yield();
  }
  stop = true;
  for (auto &r : readers) {
    r.join();
  }
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(resolution.for_school("0042")->pair.username, "user-50");
}

}  // namespace
}  // namespace ssrlink::core::testing
