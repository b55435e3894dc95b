// One time type for the whole core: Unix milliseconds, as the host's clock callback gives them.
#pragma once

#include <chrono>
#include <string>

namespace ssrlink::core {

using time_point = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-23T18:04:00Z": the form every JSON result and audit row uses.
std::string format_utc(time_point t);

// Parses "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM)"; returns false on anything else.
bool parse_utc(const std::string &text, time_point &out);

// Calendar day helpers for expiry dates ("2027-11-20").
using day_point = std::chrono::sys_days;
std::string format_day(day_point d);
bool parse_day(const std::string &text, day_point &out);

}  // namespace ssrlink::core
