// The TZif reader against the machine's own files (Debian's tzdata: America/Los_Angeles, UTC),
// each reading rule against a file made to break only it, and the POSIX rule of the footer.
#include "core/sweep/time_zone.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/sweep/posix_tz.hpp"
#include "core/sweep/zone_files.hpp"
#include "core/time.hpp"
#include "tzif_builder.hpp"

namespace ssrlink::core {
namespace {

using namespace std::chrono;
using testing::tzif;
using testing::tzif_spec;

sys_seconds utc(const std::string &text) {
  time_point t{};
  EXPECT_TRUE(parse_utc(text, t)) << text;
  return floor<seconds>(t);
}

local_seconds wall(int y, unsigned m, unsigned d, int h, int min) {
  return local_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
}

const std::string &la_bytes() {
  static const std::string bytes = zoneinfo_directory()("America/Los_Angeles").value_or("");
  return bytes;
}

time_zone la() {
  const std::optional<time_zone> zone = time_zone::from_tzif(la_bytes());
  if (!zone) {
    ADD_FAILURE() << "America/Los_Angeles does not read (is tzdata installed?)";
    return *time_zone::from_tzif(tzif({}));
  }
  return *zone;
}

// ---- The real files ----------------------------------------------------------------------

TEST(TimeZone, LosAngelesHasItsOffsetsInEveryEra) {
  const time_zone z = la();
  EXPECT_EQ(z.offset_at(utc("2026-01-15T12:00:00Z")), hours{-8});
  EXPECT_EQ(z.offset_at(utc("2026-07-15T12:00:00Z")), hours{-7});
  // Rule 5: before the first transition, local mean time (-7:52:58).
  EXPECT_EQ(z.offset_at(utc("1800-01-01T00:00:00Z")), seconds{-28378});
  // Rule 7: the rules before 2007 (first Sunday of April) come from the transitions, not the
  // footer, which would say March 12.
  EXPECT_EQ(z.offset_at(utc("2006-03-20T12:00:00Z")), hours{-8});
  EXPECT_EQ(z.offset_at(utc("2006-04-02T09:59:59Z")), hours{-8});
  EXPECT_EQ(z.offset_at(utc("2006-04-02T10:00:00Z")), hours{-7});
  // Rule 6: long after the last transition the file lists, the footer's rule.
  EXPECT_EQ(z.offset_at(utc("2100-03-14T09:59:59Z")), hours{-8});
  EXPECT_EQ(z.offset_at(utc("2100-03-14T10:00:00Z")), hours{-7});
  EXPECT_EQ(z.offset_at(utc("2100-11-07T08:59:59Z")), hours{-7});
  EXPECT_EQ(z.offset_at(utc("2100-11-07T09:00:00Z")), hours{-8});
}

TEST(TimeZone, LosAngelesChangesAtTwoInTheMorning) {
  const time_zone z = la();
  EXPECT_EQ(z.offset_at(utc("2026-03-08T09:59:59Z")), hours{-8});
  EXPECT_EQ(z.offset_at(utc("2026-03-08T10:00:00Z")), hours{-7});
  EXPECT_EQ(z.offset_at(utc("2026-11-01T08:59:59Z")), hours{-7});
  EXPECT_EQ(z.offset_at(utc("2026-11-01T09:00:00Z")), hours{-8});
  EXPECT_EQ(z.to_local(utc("2026-11-23T10:30:00Z")), wall(2026, 11, 23, 2, 30));
}

TEST(TimeZone, SpringForwardSkipsTheHourAndFallBackRepeatsIt) {
  const time_zone z = la();
  for (const int y : {2026, 2100}) {  // from the transitions, and from the footer
    const local_resolution skipped = z.resolve(wall(y, 3, y == 2026 ? 8 : 14, 2, 30));  // rule 10
    EXPECT_EQ(skipped.result, local_resolution::kind::skipped) << y;
    EXPECT_EQ(skipped.first, utc(std::to_string(y) + (y == 2026 ? "-03-08" : "-03-14") +
                                 "T10:00:00Z"));  // 03:00 PDT, the change itself
    const local_resolution twice = z.resolve(wall(y, 11, y == 2026 ? 1 : 7, 1, 30));  // rule 9
    EXPECT_EQ(twice.result, local_resolution::kind::repeated) << y;
    const std::string day = std::to_string(y) + (y == 2026 ? "-11-01" : "-11-07");
    EXPECT_EQ(twice.first, utc(day + "T08:30:00Z"));   // 01:30 PDT
    EXPECT_EQ(twice.second, utc(day + "T09:30:00Z"));  // 01:30 PST
  }
  // Rule 8, on either side of the changes and on the days themselves.
  for (const auto &[local, expected] :
       {std::pair{wall(2026, 3, 8, 1, 59), "2026-03-08T09:59:00Z"},
        std::pair{wall(2026, 3, 8, 3, 0), "2026-03-08T10:00:00Z"},
        std::pair{wall(2026, 11, 1, 2, 30), "2026-11-01T10:30:00Z"},
        std::pair{wall(2026, 7, 1, 12, 0), "2026-07-01T19:00:00Z"}}) {
    const local_resolution r = z.resolve(local);
    EXPECT_EQ(r.result, local_resolution::kind::unique) << expected;
    EXPECT_EQ(r.first, utc(expected));
  }
}

TEST(TimeZone, UtcIsUtcEverywhere) {
  const std::optional<time_zone> z = load_zone(zoneinfo_directory(), "UTC");
  ASSERT_TRUE(z);
  for (const char *t : {"1800-01-01T00:00:00Z", "2026-03-08T10:00:00Z", "2100-11-07T09:00:00Z"}) {
    EXPECT_EQ(z->offset_at(utc(t)), seconds{0}) << t;
  }
  const local_resolution r = z->resolve(wall(2026, 3, 8, 2, 30));
  EXPECT_EQ(r.result, local_resolution::kind::unique);
  EXPECT_EQ(r.first, utc("2026-03-08T02:30:00Z"));
}

TEST(ZoneFiles, NamesStayInsideTheDirectory) {
  const zone_source files = zoneinfo_directory();
  EXPECT_TRUE(files("America/Los_Angeles"));
  EXPECT_FALSE(files("../../etc/passwd"));
  EXPECT_FALSE(files("/etc/passwd"));
  EXPECT_FALSE(files("America"));  // a directory, not a zone
  EXPECT_FALSE(files("Nowhere/Atlantis"));
  EXPECT_FALSE(files(""));
  EXPECT_FALSE(load_zone(files, "Nowhere/Atlantis"));
  EXPECT_FALSE(load_zone({}, "UTC"));
  // Rule 3: a file that is there but is not TZif.
  EXPECT_FALSE(load_zone([](const std::string &) { return std::string("not a zone"); }, "UTC"));
}

// ---- Each reading rule against a made file ---------------------------------------------------

TEST(TimeZone, ReadsAMadeFileAsTheRulesSay) {
  tzif_spec spec;
  spec.offsets = {3600, 7200};
  spec.transitions = {{1000, 1}, {2000, 0}};
  spec.footer = "";  // rule 6 without a footer: the last transition's type
  const std::optional<time_zone> z = time_zone::from_tzif(tzif(spec));
  ASSERT_TRUE(z);
  EXPECT_EQ(z->offset_at(sys_seconds{seconds{999}}), seconds{3600});  // rule 5
  EXPECT_EQ(z->offset_at(sys_seconds{seconds{1000}}), seconds{7200});
  EXPECT_EQ(z->offset_at(sys_seconds{seconds{1999}}), seconds{7200});
  EXPECT_EQ(z->offset_at(sys_seconds{seconds{5000}}), seconds{3600});
}

TEST(TimeZone, RefusesWhatIsNotTzifVersionTwo) {
  EXPECT_TRUE(time_zone::from_tzif(tzif({})));
  EXPECT_FALSE(time_zone::from_tzif(""));
  EXPECT_FALSE(time_zone::from_tzif("TZif"));
  std::string bytes = tzif({});
  bytes[0] = 'X';
  EXPECT_FALSE(time_zone::from_tzif(bytes));  // rule 1: the magic
  tzif_spec v1;
  v1.version = '\0';
  EXPECT_FALSE(time_zone::from_tzif(tzif(v1)));  // rule 1: version 1 only
  const std::string &whole = la_bytes();
  for (const std::size_t cut : {std::size_t{10}, std::size_t{60}, whole.size() / 2}) {
    EXPECT_FALSE(time_zone::from_tzif(whole.substr(0, cut))) << cut;  // rule 1: truncated
  }
  tzif_spec leap;
  leap.leap_seconds = 1;
  EXPECT_FALSE(time_zone::from_tzif(tzif(leap)));  // rule 2
  tzif_spec bad_type;
  bad_type.transitions = {{1000, 3}};
  EXPECT_FALSE(time_zone::from_tzif(tzif(bad_type)));  // rule 3: no type 3
  tzif_spec backwards;
  backwards.offsets = {0, 3600};
  backwards.transitions = {{2000, 1}, {1000, 0}};
  EXPECT_FALSE(time_zone::from_tzif(tzif(backwards)));  // rule 3: descending
  tzif_spec footer;
  footer.footer = "PST8PDT,M13.2.0,M11.1.0";
  EXPECT_FALSE(time_zone::from_tzif(tzif(footer)));  // rule 4
  std::string unterminated = tzif({});
  unterminated.pop_back();
  EXPECT_FALSE(time_zone::from_tzif(unterminated));  // rule 4: no closing newline
}

// ---- The footer's POSIX rule ------------------------------------------------------------------

TEST(PosixTz, ReadsEveryForm) {
  const std::optional<posix_tz> pst = parse_posix_tz("PST8PDT,M3.2.0,M11.1.0");
  ASSERT_TRUE(pst && pst->dst);
  EXPECT_EQ(pst->std_offset, hours{-8});
  EXPECT_EQ(pst->dst->offset, hours{-7});
  EXPECT_EQ(parse_posix_tz("UTC0")->std_offset, seconds{0});                      // rule 2
  EXPECT_EQ(parse_posix_tz("<+0330>-3:30")->std_offset, hours{3} + minutes{30});  // rule 1
  EXPECT_EQ(parse_posix_tz("<-03>3")->std_offset, hours{-3});
  EXPECT_FALSE(parse_posix_tz("<-03>3")->dst);
  // Rule 3: an explicit daylight offset; rule 4 without a rule: the US one.
  EXPECT_EQ(parse_posix_tz("XXX3YYY1,M3.2.0,M11.1.0")->dst->offset, hours{-1});
  const std::optional<posix_tz> us = parse_posix_tz("EST5EDT");
  ASSERT_TRUE(us && us->dst);
  EXPECT_EQ(us->offset_at(utc("2030-03-10T06:59:59Z")), hours{-5});
  EXPECT_EQ(us->offset_at(utc("2030-03-10T07:00:00Z")), hours{-4});
  for (const char *bad : {"", "PS8", "PST", "PST8PDT,M3.2.0", "PST8PDT,M13.2.0,M11.1.0", "PST25",
                          "PST8PDT,M3.6.0,M11.1.0", "PST8PDT,J0,J300", "PST8 ", "<AB>3",
                          "PST8PDT,M3.2.0/168,M11.1.0"}) {
    EXPECT_FALSE(parse_posix_tz(bad)) << bad;
  }
}

TEST(PosixTz, SouthernZonesAndLateTimesAndJulianDays) {
  // Sydney: daylight time spans New Year.
  const std::optional<posix_tz> sydney = parse_posix_tz("AEST-10AEDT,M10.1.0,M4.1.0/3");
  ASSERT_TRUE(sydney);
  EXPECT_EQ(sydney->offset_at(utc("2031-01-15T00:00:00Z")), hours{11});
  EXPECT_EQ(sydney->offset_at(utc("2031-07-15T00:00:00Z")), hours{10});
  EXPECT_EQ(sydney->offset_at(utc("2031-12-31T23:00:00Z")), hours{11});
  // Israel's rule: "Thursday 26:00" is Friday 02:00.
  const std::optional<posix_tz> israel = parse_posix_tz("IST-2IDT,M3.4.4/26,M10.5.0");
  ASSERT_TRUE(israel);
  // 2031: the fourth Thursday of March is the 27th, so the change is Friday 28th 02:00 IST.
  EXPECT_EQ(israel->offset_at(utc("2031-03-27T23:59:59Z")), hours{2});
  EXPECT_EQ(israel->offset_at(utc("2031-03-28T00:00:00Z")), hours{3});
  // Jn never counts February 29; n does.
  const std::optional<posix_tz> julian = parse_posix_tz("AAA0BBB,J60/0,J61/0");
  ASSERT_TRUE(julian);
  EXPECT_TRUE(julian->is_dst(utc("2032-03-01T12:00:00Z")));  // 2032 is a leap year
  EXPECT_FALSE(julian->is_dst(utc("2032-02-29T12:00:00Z")));
  const std::optional<posix_tz> zero = parse_posix_tz("AAA0BBB,59/0,60/0");
  ASSERT_TRUE(zero);
  EXPECT_TRUE(zero->is_dst(utc("2032-02-29T12:00:00Z")));
  EXPECT_TRUE(zero->is_dst(utc("2031-03-01T12:00:00Z")));
}

}  // namespace
}  // namespace ssrlink::core
