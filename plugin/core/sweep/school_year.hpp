// The CAASPP/ELPAC administration ("school") year: July 1 through June 30, written the way ETS
// writes administrationYear ("2026-27").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "../time.hpp"

namespace ssrlink::core {

// The administration year containing `day`: 2026-11-23 → "2026-27", 2027-06-30 → "2026-27",
// 2027-07-01 → "2027-28".
std::string administration_year(day_point day);

// True only for text written exactly as administration_year writes it: four digits, '-', two
// digits that are the first year + 1 mod 100 ("2024-25", "2099-00"). Anything else ("2024-26",
// "20245", a trailing space or line break) is not a year we will show anyone.
bool is_administration_year(std::string_view text);

// The years whose new Final reports notify parents: the current one, plus the one before when
// `include_previous_year`.
std::vector<std::string> notifying_years(day_point today, bool include_previous_year);

}  // namespace ssrlink::core
