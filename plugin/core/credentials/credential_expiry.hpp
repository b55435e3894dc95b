// When TOMS credentials run out, and what an administrator is told about it. TOMS itself mails
// coordinators at 14, 7, 3 and 1 days; ssrlink warns every day from 14 days out, so the warning
// is on screen whichever day someone looks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "../time.hpp"

namespace ssrlink::core {

// Days from the first day a warning is shown until expiry.
inline constexpr int expiry_warning_days = 14;

// Whole days from `today` to `expires_on`: 0 on the last valid day, negative once expired.
int days_left(day_point expires_on, day_point today);

// The UTC calendar day of `now`.
day_point day_of(time_point now);

// "the district" or "school 0042": how messages name a scope.
std::string scope_label(std::string_view scope);

// nullopt while more than expiry_warning_days remain; otherwise a sentence that says when, and
// what to do (regenerate in TOMS; only the newest pair is valid and other vendors share it).
std::optional<std::string> expiry_warning(std::string_view scope, day_point expires_on,
                                          day_point today);

}  // namespace ssrlink::core
