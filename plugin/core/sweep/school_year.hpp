// The CAASPP/ELPAC administration ("school") year: July 1 through June 30, written the way ETS
// writes administrationYear ("2026-27").
#pragma once

#include <string>
#include <vector>

#include "../time.hpp"

namespace ssrlink::core {

// The administration year containing `day`: 2026-11-23 → "2026-27", 2027-06-30 → "2026-27",
// 2027-07-01 → "2027-28".
std::string administration_year(day_point day);

// The years whose new Final reports notify parents: the current one, plus the one before when
// `include_previous_year`.
std::vector<std::string> notifying_years(day_point today, bool include_previous_year);

}  // namespace ssrlink::core
