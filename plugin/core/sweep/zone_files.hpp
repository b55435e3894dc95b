// Where the sweep finds a time zone's TZif file: the machine's time zone database
// (/usr/share/zoneinfo, Debian's tzdata package). The reading is a function handed to the sweep
// (sweep_options::zones), so time_zone.hpp stays a pure parser and tests can hand in any bytes.
//
// Rules of reading a zone (in this order; a zone that breaks one reads as unknown):
//  1. Its name is plain (settings/time_zone_name.hpp, rule 1), so it stays inside the
//     directory; otherwise no file is opened.
//  2. The file is a regular file of at most 1 MiB (the largest zone is under 4 KiB).
//  3. load_zone: the bytes read as TZif (time_zone.hpp, rules 1 to 4).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "time_zone.hpp"

namespace ssrlink::core {

// The bytes of the zone's TZif file, or nullopt when there is none. Thread-safe.
using zone_source = std::function<std::optional<std::string>(const std::string &zone_name)>;

// Reads `<directory>/<zone_name>` (rules 1 and 2); the system's directory unless told otherwise.
zone_source zoneinfo_directory(std::string directory = {});

// Rules 1 to 3: the zone parsed, or nullopt.
std::optional<time_zone> load_zone(const zone_source &source, const std::string &zone_name);

}  // namespace ssrlink::core
