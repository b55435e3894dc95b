// What a value in an ssrlink_* view must look like, and how database text is shown in a
// check-mapping report. Pure functions: the tallies (mapping_observations.hpp) sort rows with
// them and the verdicts (mapping_verdicts.hpp) word their sentences with them.
//
// Rules (each a predicate below):
//  1. A whole number is an optional '-' and 1 to 18 ASCII digits, nothing else (no spaces, no
//     "1.0"): what every driver hands over for an integer column read as text. 18 digits keep
//     every such number inside a 64-bit integer.
//  2. An SSID is exactly ten ASCII digits (CALPADS); '' and NULL mean none assigned.
//  3. A language code is exactly two ASCII digits (CALPADS: '00' English, '01' Spanish, ...).
//  4. A grade is a whole number from -1 (TK) to 12.
//  5. A flag is '0', '1' or NULL (the plugin reads NULL as 0); anything else, even '-1' or 'Y',
//     is a mapping the plugin may misread.
//  6. A leave date is 'YYYY-MM-DD' (the plugin reads CAST(leave_date AS VARCHAR(10))).
//  7. A view renumbers its rows when its definition calls ROW_NUMBER, RANK, DENSE_RANK,
//     PERCENT_RANK or NTILE (a window function: the numbers move when rows come and go).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mapping_observations.hpp"

namespace ssrlink::core {

std::optional<std::int64_t> whole_number(std::string_view text);  // rule 1
bool is_ssid(std::string_view text);                              // rule 2
bool is_language_code(std::string_view text);                     // rule 3
bool is_grade(std::int64_t grade);                                // rule 4
bool is_flag(const cell &value);                                  // rule 5
bool is_day(std::string_view text);                               // rule 6
// Rule 7: the function's name in upper case ("ROW_NUMBER"), or nullopt. Matches a name only as
// a whole word followed by "(" (a column called class_rank is no window function).
std::optional<std::string> renumbering_function(std::string_view definition);

// Database text as a report shows it: every control character (utf8.hpp, is_line_control) as
// \uXXXX, every byte that is not valid UTF-8 as \xNN, in single quotes, clipped to about
// `max_bytes` with "..." so a 10 KB value stays a short line. NULL shows as NULL.
inline constexpr std::size_t max_shown_bytes = 60;
std::string shown(const cell &value, std::size_t max_bytes = max_shown_bytes);
// The same without quotes, for names and sentences the database wrote (a plan line, an error).
std::string shown_plain(std::string_view text, std::size_t max_bytes);

}  // namespace ssrlink::core
