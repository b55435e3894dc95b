// One IANA time zone read from its TZif file (RFC 8536; /usr/share/zoneinfo/America/Los_Angeles),
// for the sweep's schedule: libstdc++ 12 has no std::chrono::tzdb. A pure function of the file's
// bytes; zone_files.hpp reads them.
//
// Rules of reading (in this order; anything else gives nullopt):
//  1. The file starts "TZif" with version '2' or later, and every count, table and the footer
//     fit in it. Only the version 2+ data (64-bit transition times) is read; the version 1 block
//     is skipped.
//  2. A file with leap seconds (the "right/" zones) is refused: its times are not UTC.
//  3. Every transition names a type the file has; the transitions ascend.
//  4. The footer, between two newlines after the data, is a POSIX TZ rule (posix_tz.hpp) or
//     empty.
// Rules of the offset at an instant (offset_at):
//  5. Before the first transition: the first type's offset. With no transition at all, the
//     footer's rule when there is one (UTC's file: "UTC0"), otherwise the first type's offset.
//  6. From the last transition on: the footer's rule when there is one (Debian 12's files may
//     end their transitions in 2007 or 2037 and leave the rest to "PST8PDT,M3.2.0,M11.1.0"),
//     otherwise the last transition's type.
//  7. Otherwise the type of the latest transition at or before the instant.
// Rules of a local time (resolve): it is looked up against the offsets one day either side, so
// a zone changing its offset twice within two days is read as if it changed once.
//  8. One instant has that local time: unique.
//  9. Two have it (clocks fell back over it): repeated, the earlier and the later.
// 10. None has it (clocks sprang forward over it): skipped, with the instant the clocks changed
//     (the first instant after the gap: 02:30 on a day clocks go from 02:00 to 03:00 resolves to
//     03:00 local, the change itself).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "posix_tz.hpp"

namespace ssrlink::core {

struct local_resolution {
  enum class kind { unique, repeated, skipped } result = kind::unique;
  std::chrono::sys_seconds first{};   // unique: the instant; repeated: the earlier; skipped:
                                      // the instant the clocks changed
  std::chrono::sys_seconds second{};  // repeated: the later; otherwise == first
};

class time_zone {
 public:
  // Rules 1 to 4.
  static std::optional<time_zone> from_tzif(std::string_view bytes);

  // Rules 5 to 7: east of Greenwich positive (Los Angeles in winter: -28800 s).
  std::chrono::seconds offset_at(std::chrono::sys_seconds t) const;
  // The wall clock at `t`.
  std::chrono::local_seconds to_local(std::chrono::sys_seconds t) const;
  // Rules 8 to 10.
  local_resolution resolve(std::chrono::local_seconds local) const;

 private:
  struct zone_type {
    std::int32_t offset = 0;
  };

  std::vector<std::int64_t> transitions_;  // ascending, seconds since 1970 UTC
  std::vector<std::uint8_t> type_of_;      // per transition: an index into types_
  std::vector<zone_type> types_;
  std::optional<posix_tz> footer_;
};

}  // namespace ssrlink::core
