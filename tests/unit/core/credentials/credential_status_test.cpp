#include <gmock/gmock.h>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class credential_status_test : public credentials_fixture {
 protected:
  boost::json::object only_scope(const std::string &request = "{}") {
    const auto result = call(admin.status(request));
    const auto &scopes = result.at("scopes").as_array();
    EXPECT_EQ(scopes.size(), 1u);
    return scopes.at(0).as_object();
  }
};

TEST_F(credential_status_test, lists_every_scope_masked_district_first) {
  put("0100", "school-b", "SchoolBSecretKey0100");
  put("0042", "school-a", school_secret);
  put("district", "lea-user", district_secret, day_text(300));
  const auto result = call(admin.status("{}"));
  const auto &scopes = result.at("scopes").as_array();
  ASSERT_EQ(scopes.size(), 3u);
  EXPECT_EQ(scopes[0].at("scope"), "district");
  EXPECT_EQ(scopes[1].at("scope"), "0042");
  EXPECT_EQ(scopes[2].at("scope"), "0100");
  const auto &district = scopes[0].as_object();
  EXPECT_EQ(district.at("username"), "lea-user");
  EXPECT_EQ(district.at("secret"), "\u2022\u2022\u2022\u20220001");
  EXPECT_EQ(district.at("expires_on"), boost::json::value(day_text(300)));
  EXPECT_EQ(district.at("days_left"), 300);
  EXPECT_TRUE(district.at("warning").is_null());
  EXPECT_EQ(district.at("updated_at"), "2026-11-23T12:00:00Z");
}

TEST_F(credential_status_test, empty_store_lists_nothing) {
  EXPECT_TRUE(call(admin.status("{}")).at("scopes").as_array().empty());
}

TEST_F(credential_status_test, one_scope_on_request) {
  put("district", "lea-user", district_secret);
  put("0042", "school-a", school_secret);
  EXPECT_EQ(only_scope(R"({"scope": "0042"})").at("username"), "school-a");
  EXPECT_TRUE(call(admin.status(R"({"scope": "0999"})")).at("scopes").as_array().empty());
  EXPECT_EQ(thrown([&] { admin.status(R"({"scop": "0042"})"); }).code(), status::invalid_argument);
}

// days_left as seen on the day the status is asked, and what the warning must say.
struct threshold_case {
  int days_left;
  bool warns;
  const char *wording;
};

void PrintTo(const threshold_case &c, std::ostream *os) {
  *os << c.days_left << " days left";
}

class credential_warning_threshold : public credential_status_test,
                                     public ::testing::WithParamInterface<threshold_case> {};

TEST_P(credential_warning_threshold, warns_from_fourteen_days_out_and_after_expiry) {
  const auto &c = GetParam();
  // Entered long ago with a 365-day life; now the clock is near its end.
  put("district", "lea-user", district_secret, day_text(365));
  clock.set(test_start() + std::chrono::days{365 - c.days_left});

  const auto entry = only_scope();
  EXPECT_EQ(entry.at("days_left"), c.days_left);
  EXPECT_EQ(entry.at("expires_on"), boost::json::value(day_text(365)));
  if (!c.warns) {
    EXPECT_TRUE(entry.at("warning").is_null());
    EXPECT_TRUE(log.at(log_level::warning).empty());
    return;
  }
  ASSERT_TRUE(entry.at("warning").is_string());
  const std::string warning(entry.at("warning").as_string());
  EXPECT_THAT(warning, HasSubstr(c.wording));
  EXPECT_THAT(warning, HasSubstr(day_text(365)));  // when
  EXPECT_THAT(warning, HasSubstr("regenerate"));   // what to do
  EXPECT_THAT(warning, HasSubstr("Only the most recently generated pair is valid"));
  EXPECT_THAT(warning, HasSubstr("other vendor"));
  EXPECT_THAT(warning, HasSubstr("the district"));
  EXPECT_EQ(log.at(log_level::warning), std::vector<std::string>{warning});
}

INSTANTIATE_TEST_SUITE_P(thresholds, credential_warning_threshold,
                         ::testing::Values(threshold_case{15, false, ""},
                                           threshold_case{14, true, "expire in 14 days"},
                                           threshold_case{7, true, "expire in 7 days"},
                                           threshold_case{3, true, "expire in 3 days"},
                                           threshold_case{1, true, "expire in 1 day,"},
                                           threshold_case{0, true, "expire today"},
                                           threshold_case{-1, true, "expired on"},
                                           threshold_case{-30, true, "expired on"}));

TEST_F(credential_status_test, expired_pair_says_reports_cannot_be_fetched) {
  put("0042", "school-a", school_secret, day_text(10));
  clock.set(test_start() + std::chrono::days{11});
  const auto entry = only_scope();
  EXPECT_EQ(entry.at("days_left"), -1);
  const std::string warning(entry.at("warning").as_string());
  EXPECT_THAT(warning, HasSubstr("school 0042 expired on " + day_text(10)));
  EXPECT_THAT(warning, HasSubstr("cannot be fetched"));
}

TEST_F(credential_status_test, logs_one_warning_per_day_per_scope_not_per_call) {
  put("district", "lea-user", district_secret, day_text(5));
  put("0042", "school-a", school_secret, day_text(3));
  for (int i = 0; i < 4; ++i) {
    admin.status("{}");
    clock.advance(std::chrono::hours{1});
  }
  auto warnings = log.at(log_level::warning);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_THAT(warnings[0], HasSubstr("the district expire in 5 days"));
  EXPECT_THAT(warnings[1], HasSubstr("school 0042 expire in 3 days"));

  // Resolution on the same day does not repeat it either.
  resolution.for_school("0042");
  EXPECT_EQ(log.at(log_level::warning).size(), 2u);

  // The next day brings one more per scope.
  clock.set(test_start() + std::chrono::days{1});
  admin.status("{}");
  admin.status("{}");
  warnings = log.at(log_level::warning);
  ASSERT_EQ(warnings.size(), 4u);
  EXPECT_THAT(warnings[2], HasSubstr("expire in 4 days"));
  EXPECT_THAT(warnings[3], HasSubstr("expire in 2 days"));
}

TEST_F(credential_status_test, resolution_alone_logs_the_daily_warning) {
  put("district", "lea-user", district_secret, day_text(7));
  resolution.for_school("0042");
  clock.advance(std::chrono::minutes{10});  // past the cache, same day
  resolution.for_school("0042");
  const auto warnings = log.at(log_level::warning);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], HasSubstr("expire in 7 days"));
}

TEST_F(credential_status_test, a_row_sealed_under_another_key_is_listed_with_a_seal_error) {
  put("district", "lea-user", district_secret);
  auto row = store.rows().at("district");
  row.sealed_secret = make_sealer(9)->seal(district_secret, "district");
  store.set_row(row);
  const auto entry = only_scope();
  EXPECT_TRUE(entry.at("secret").is_null());
  EXPECT_THAT(std::string(entry.at("seal_error").as_string()), HasSubstr("seal key"));
  EXPECT_EQ(entry.at("username"), "lea-user");
}

TEST_F(credential_status_test, never_returns_the_secret) {
  put("district", "lea-user", district_secret, day_text(3));
  const auto result = admin.status("{}");
  EXPECT_THAT(result.json, Not(HasSubstr(district_secret)));
  EXPECT_THAT(result.json, Not(HasSubstr("secret_key")));
}

}  // namespace
}  // namespace ssrlink::core::testing
