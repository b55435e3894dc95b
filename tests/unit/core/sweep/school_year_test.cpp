#include "core/sweep/school_year.hpp"

#include <gtest/gtest.h>

namespace ssrlink::core {
namespace {

using namespace std::chrono;

day_point on(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / std::chrono::day{d}};
}

TEST(SchoolYear, RunsFromJulyFirstToJuneThirtieth) {
  EXPECT_EQ(administration_year(on(2026, 11, 23)), "2026-27");
  EXPECT_EQ(administration_year(on(2027, 6, 30)), "2026-27");
  EXPECT_EQ(administration_year(on(2027, 7, 1)), "2027-28");
  EXPECT_EQ(administration_year(on(2026, 6, 30)), "2025-26");
  EXPECT_EQ(administration_year(on(2099, 12, 31)), "2099-00");
}

TEST(SchoolYear, PreviousYearOnlyWhenAskedFor) {
  EXPECT_EQ(notifying_years(on(2027, 3, 1), false), (std::vector<std::string>{"2026-27"}));
  EXPECT_EQ(notifying_years(on(2027, 3, 1), true),
            (std::vector<std::string>{"2026-27", "2025-26"}));
}

}  // namespace
}  // namespace ssrlink::core
