#include "posix_tz.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace ssrlink::core {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

class tz_reader {
 public:
  explicit tz_reader(std::string_view text) : s_(text) {}

  bool done() const { return i_ == s_.size(); }
  bool take(char c) {
    if (at(c)) {
      ++i_;
      return true;
    }
    return false;
  }
  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }

  // Rules 1 and 3: "PST" or "<-03>".
  bool name() {
    if (take('<')) {
      const std::size_t start = i_;
      while (i_ < s_.size() && s_[i_] != '>') {
        const char c = s_[i_];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-') {
          return false;
        }
        ++i_;
      }
      return i_ - start >= 3 && take('>');
    }
    const std::size_t start = i_;
    while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) {
      ++i_;
    }
    return i_ - start >= 3;
  }

  // [+-]hh[:mm[:ss]], hh at most `max_hours`.
  std::optional<seconds> signed_time(int max_hours) {
    int sign = 1;
    if (take('-')) {
      sign = -1;
    } else {
      take('+');
    }
    const std::optional<int> h = number(3, max_hours);
    if (!h) {
      return std::nullopt;
    }
    int m = 0, sec = 0;
    if (take(':')) {
      const std::optional<int> read_m = number(2, 59);
      if (!read_m) {
        return std::nullopt;
      }
      m = *read_m;
      if (take(':')) {
        const std::optional<int> read_s = number(2, 59);
        if (!read_s) {
          return std::nullopt;
        }
        sec = *read_s;
      }
    }
    return seconds{sign * (*h * 3600 + m * 60 + sec)};
  }

  // Rule 4: one date and its optional time.
  std::optional<posix_date> date() {
    posix_date d;
    if (take('M')) {
      const std::optional<int> month = number(2, 12);
      const std::optional<int> week = take('.') ? number(1, 5) : std::nullopt;
      const std::optional<int> weekday = take('.') ? number(1, 6) : std::nullopt;
      if (!month || *month < 1 || !week || *week < 1 || !weekday) {
        return std::nullopt;
      }
      d.month = *month;
      d.week = *week;
      d.weekday = *weekday;
    } else if (take('J')) {
      const std::optional<int> day = number(3, 365);
      if (!day || *day < 1) {
        return std::nullopt;
      }
      d.kind = posix_date::form::julian_no_leap;
      d.day = *day;
    } else {
      const std::optional<int> day = number(3, 365);
      if (!day) {
        return std::nullopt;
      }
      d.kind = posix_date::form::julian_zero;
      d.day = *day;
    }
    if (take('/')) {
      const std::optional<seconds> time = signed_time(167);
      if (!time) {
        return std::nullopt;
      }
      d.time = *time;
    }
    return d;
  }

 private:
  // 1 to `max_digits` decimal digits, at most `max_value`.
  std::optional<int> number(std::size_t max_digits, int max_value) {
    int value = 0;
    std::size_t digits = 0;
    while (i_ < s_.size() && digits < max_digits && s_[i_] >= '0' && s_[i_] <= '9') {
      value = value * 10 + (s_[i_] - '0');
      ++i_;
      ++digits;
    }
    if (digits == 0 || value > max_value) {
      return std::nullopt;
    }
    return value;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// The day a rule date falls on in `year`.
sys_days day_in(const posix_date &d, std::chrono::year year) {
  using namespace std::chrono;
  switch (d.kind) {
    case posix_date::form::julian_no_leap: {
      // February 29 is never counted: J60 is March 1 in every year.
      const int leap_day = year.is_leap() && d.day >= 60 ? 1 : 0;
      return sys_days{year / January / 1} + days{d.day - 1 + leap_day};
    }
    case posix_date::form::julian_zero:
      return sys_days{year / January / 1} + days{d.day};
    case posix_date::form::month_week_day:
      break;
  }
  const month m{static_cast<unsigned>(d.month)};
  const weekday wd{static_cast<unsigned>(d.weekday)};
  if (d.week == 5) {
    return sys_days{year_month_weekday_last{year, m, weekday_last{wd}}};
  }
  return sys_days{year_month_weekday{year, m, weekday_indexed{wd, static_cast<unsigned>(d.week)}}};
}

}  // namespace

bool posix_tz::is_dst(sys_seconds t) const {
  if (!dst) {
    return false;
  }
  const std::chrono::year year =
      std::chrono::year_month_day{std::chrono::floor<days>(t + std_offset)}.year();
  // The changes of the year around `t`, so that one near New Year (or a southern zone, whose
  // daylight time spans it) is found whichever year it belongs to.
  std::array<std::pair<sys_seconds, bool>, 6> changes{};
  std::size_t n = 0;
  for (const std::chrono::year y :
       {year - std::chrono::years{1}, year, year + std::chrono::years{1}}) {
    changes[n++] = {day_in(dst->start, y) + dst->start.time - std_offset, true};
    changes[n++] = {day_in(dst->end, y) + dst->end.time - dst->offset, false};
  }
  std::sort(changes.begin(), changes.end());
  bool in_dst = false;
  for (const auto &[at, to_dst] : changes) {
    if (at > t) {
      break;
    }
    in_dst = to_dst;
  }
  return in_dst;
}

seconds posix_tz::offset_at(sys_seconds t) const {
  return is_dst(t) ? dst->offset : std_offset;
}

std::optional<posix_tz> parse_posix_tz(std::string_view text) {
  tz_reader in(text);
  posix_tz tz;
  // Rule 1.
  if (!in.name()) {
    return std::nullopt;
  }
  const std::optional<seconds> std_west = in.signed_time(24);
  if (!std_west) {
    return std::nullopt;
  }
  tz.std_offset = -*std_west;
  // Rule 2.
  if (in.done()) {
    return tz;
  }
  // Rule 3.
  if (!in.name()) {
    return std::nullopt;
  }
  posix_tz::daylight dst;
  dst.offset = tz.std_offset + std::chrono::hours{1};
  if (!in.done() && !in.at(',')) {
    const std::optional<seconds> dst_west = in.signed_time(24);
    if (!dst_west) {
      return std::nullopt;
    }
    dst.offset = -*dst_west;
  }
  // Rule 4.
  tz_reader us_rule(",M3.2.0,M11.1.0");
  tz_reader &rule = in.done() ? us_rule : in;
  const std::optional<posix_date> start = rule.take(',') ? rule.date() : std::nullopt;
  const std::optional<posix_date> end = rule.take(',') ? rule.date() : std::nullopt;
  if (!start || !end || !rule.done()) {
    return std::nullopt;
  }
  dst.start = *start;
  dst.end = *end;
  tz.dst = dst;
  return tz;
}

}  // namespace ssrlink::core
