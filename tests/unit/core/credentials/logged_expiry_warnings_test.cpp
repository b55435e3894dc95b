// The expiry warning in the log: once a day per scope, and again at once for a new pair.
#include "core/credentials/logged_expiry_warnings.hpp"

#include <gmock/gmock.h>

#include "core/credentials/credential_expiry.hpp"
#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::HasSubstr;

class logged_expiry_warnings_test : public ::testing::Test {
 protected:
  day_point in_days(int days) const { return test_today() + std::chrono::days{days}; }

  recording_logger log;
  logged_expiry_warnings warnings{log};
};

TEST_F(logged_expiry_warnings_test, nothing_is_logged_outside_the_warning_window) {
  warnings.note("district", in_days(expiry_warning_days + 1), test_today());
  EXPECT_TRUE(log.lines().empty()) << log.joined();
}

TEST_F(logged_expiry_warnings_test, logs_once_a_day_per_scope) {
  for (int i = 0; i < 3; ++i) {
    warnings.note("district", in_days(5), test_today());
    warnings.note("0042", in_days(3), test_today());
  }
  auto lines = log.at(log_level::warning);
  ASSERT_EQ(lines.size(), 2U) << log.joined();
  EXPECT_THAT(lines[0], HasSubstr("the district expire in 5 days"));
  EXPECT_THAT(lines[1], HasSubstr("school 0042 expire in 3 days"));

  warnings.note("district", in_days(5), in_days(1));  // the next day
  lines = log.at(log_level::warning);
  ASSERT_EQ(lines.size(), 3U) << log.joined();
  EXPECT_THAT(lines[2], HasSubstr("the district expire in 4 days"));
}

TEST_F(logged_expiry_warnings_test, a_forgotten_scope_warns_again_the_same_day) {
  warnings.note("0042", in_days(3), test_today());
  warnings.forget("0042");
  warnings.forget("0100");  // never warned: harmless
  warnings.note("0042", in_days(2), test_today());
  const auto lines = log.at(log_level::warning);
  ASSERT_EQ(lines.size(), 2U) << log.joined();
  EXPECT_THAT(lines[1], HasSubstr("expire in 2 days"));
}

}  // namespace
}  // namespace ssrlink::core::testing
