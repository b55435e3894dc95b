#include "core/time.hpp"

#include <gtest/gtest.h>

namespace ssrlink::core {
namespace {

using std::chrono::milliseconds;

TEST(Time, FormatsUtcWithSecondPrecision) {
  EXPECT_EQ(format_utc(time_point{milliseconds{0}}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(time_point{milliseconds{1795456440123}}), "2026-11-23T17:54:00Z");
}

TEST(Time, ParsesZuluOffsetsAndFractions) {
  time_point t;
  ASSERT_TRUE(parse_utc("2019-05-20T17:45:00Z", t));
  EXPECT_EQ(format_utc(t), "2019-05-20T17:45:00Z");
  ASSERT_TRUE(parse_utc("2019-05-20T10:45:00-07:00", t));
  EXPECT_EQ(format_utc(t), "2019-05-20T17:45:00Z");
  ASSERT_TRUE(parse_utc("2019-05-20T17:45:00.250Z", t));
  EXPECT_EQ(t.time_since_epoch().count() % 1000, 250);
}

TEST(Time, RejectsAnythingElse) {
  time_point t;
  for (const char *bad : {"", "2019-05-20", "2019-05-20 17:45:00Z", "2019-02-30T00:00:00Z",
                          "2019-05-20T24:00:00Z", "2019-05-20T17:45:00", "2019-05-20T17:45:00Zjunk",
                          "2019-05-20T17:45:00.Z", "２019-05-20T17:45:00Z"}) {
    EXPECT_FALSE(parse_utc(bad, t)) << bad;
  }
}

TEST(Time, DaysRoundTripAndRejectImpossibleDates) {
  day_point d;
  ASSERT_TRUE(parse_day("2028-02-29", d));
  EXPECT_EQ(format_day(d), "2028-02-29");
  EXPECT_EQ(format_day(d + std::chrono::days{365}), "2029-02-28");
  EXPECT_FALSE(parse_day("2027-02-29", d));
  EXPECT_FALSE(parse_day("2027-1-01", d));
  EXPECT_FALSE(parse_day("2027-01-01T", d));
}

}  // namespace
}  // namespace ssrlink::core
