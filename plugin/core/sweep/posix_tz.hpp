// The POSIX TZ rule a TZif file ends with ("PST8PDT,M3.2.0,M11.1.0"): the offsets and daylight
// saving rule that hold after the file's last transition (time_zone.hpp). A pure function of
// its text; RFC 8536 section 3.3 and POSIX "TZ" are the grammar.
//
// Rules of the text (in this order; anything else is not a rule, and parse_posix_tz gives
// nullopt):
//  1. A standard-time name: three or more letters, or "<...>" holding letters, digits, '+' and
//     '-' ("<-03>"); then its offset, [+-]hh[:mm[:ss]] with hh at most 24, WEST of Greenwich
//     positive (PST8 is UTC-8).
//  2. Nothing more: the zone keeps standard time all year ("UTC0", "<+07>-7").
//  3. A daylight-time name, optionally its own offset (default: one hour ahead of standard).
//  4. The rule: ",start[/time],end[/time]", each date Mm.w.d (month 1-12, week 1-5 where 5 is
//     the last, weekday 0-6 from Sunday), Jn (day 1-365, February 29 never counted) or n (day
//     0-365, counted); time [+-]hh[:mm[:ss]] with hh at most 167 (RFC 8536), default 02:00:00.
//     The start is read in standard time, the end in daylight time. No rule after a daylight
//     name: the US rule ",M3.2.0,M11.1.0", as the reference implementation does.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ssrlink::core {

// One date of a daylight saving rule (rule 4).
struct posix_date {
  enum class form { month_week_day, julian_no_leap, julian_zero } kind = form::month_week_day;
  int month = 0, week = 0, weekday = 0;  // month_week_day
  int day = 0;                           // julian_no_leap (1-365), julian_zero (0-365)
  std::chrono::seconds time{7200};       // local time of day it takes effect
};

struct posix_tz {
  std::chrono::seconds std_offset{0};  // east of Greenwich positive: UTC-8 is -28800
  struct daylight {
    std::chrono::seconds offset{0};  // east positive
    posix_date start, end;
  };
  std::optional<daylight> dst;

  // The offset from UTC (east positive) at the instant `t`.
  std::chrono::seconds offset_at(std::chrono::sys_seconds t) const;
  // Whether daylight time is in force at `t`.
  bool is_dst(std::chrono::sys_seconds t) const;
};

std::optional<posix_tz> parse_posix_tz(std::string_view text);

}  // namespace ssrlink::core
