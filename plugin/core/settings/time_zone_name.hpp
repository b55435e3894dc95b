// Whether a schedule's time zone is one this machine knows (district_settings.hpp, rule 5): the
// settings name a zone by its IANA name, and the scheduler reads its rules from the system's
// time zone database (Debian's package tzdata, under /usr/share/zoneinfo).
//
// Rules (in this order):
//  1. A plain IANA name: 1 to max_time_zone_bytes bytes of letters, digits, '/', '_', '-' and
//     '+' ("America/Los_Angeles", "Etc/GMT+8", "UTC"); no leading '/' and no "..", so the name
//     can never reach outside the zone directory.
//  2. The zone exists: a regular file of that name under the zone directory (a directory such
//     as "America" is not a zone) that starts with the TZif magic, as the scheduler reads it
//     (the directory also holds data files such as "leapseconds", which are not zones).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace ssrlink::core {

inline constexpr std::size_t max_time_zone_bytes = 64;

// Where the system's time zone database lives.
inline constexpr std::string_view system_zoneinfo_dir = "/usr/share/zoneinfo";

// Rule 1 alone: a pure function of the text.
bool is_plain_time_zone_name(std::string_view name);

// Rules 1 and 2. `zoneinfo_dir` is the system's unless a test gives its own.
bool is_known_time_zone(std::string_view name, const std::filesystem::path &zoneinfo_dir =
                                                   std::filesystem::path(system_zoneinfo_dir));

}  // namespace ssrlink::core
