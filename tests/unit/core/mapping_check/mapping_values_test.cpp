#include "core/mapping_check/mapping_values.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ssrlink::core {
namespace {

TEST(MappingValues, WholeNumbersAreDigitsWithAnOptionalMinus) {
  EXPECT_EQ(whole_number("1004"), 1004);
  EXPECT_EQ(whole_number("-1"), -1);
  EXPECT_EQ(whole_number("0"), 0);
  for (const char *odd : {"", "-", "1.0", " 1", "1 ", "KG", "+1", "1e3", "1234567890123456789"}) {
    EXPECT_FALSE(whole_number(odd)) << odd;
  }
}

TEST(MappingValues, SsidsAreTenDigits) {
  EXPECT_TRUE(is_ssid("2000000001"));
  EXPECT_FALSE(is_ssid("200000001"));
  EXPECT_FALSE(is_ssid("20000000012"));
  EXPECT_FALSE(is_ssid("200000000A"));
}

TEST(MappingValues, LanguageCodesAreTwoDigits) {
  EXPECT_TRUE(is_language_code("00"));
  EXPECT_TRUE(is_language_code("11"));
  EXPECT_FALSE(is_language_code("Spanish"));
  EXPECT_FALSE(is_language_code("es"));
  EXPECT_FALSE(is_language_code("1"));
}

TEST(MappingValues, GradesAndFlagsAndDays) {
  EXPECT_TRUE(is_grade(-1));
  EXPECT_TRUE(is_grade(12));
  EXPECT_FALSE(is_grade(-2));
  EXPECT_FALSE(is_grade(13));
  EXPECT_TRUE(is_flag(std::nullopt));
  EXPECT_TRUE(is_flag(std::string("0")));
  EXPECT_TRUE(is_flag(std::string("1")));
  EXPECT_FALSE(is_flag(std::string("Y")));
  EXPECT_FALSE(is_flag(std::string("-1")));
  EXPECT_TRUE(is_day("2026-06-12"));
  EXPECT_FALSE(is_day("2026-13-12"));
  EXPECT_FALSE(is_day("12/06/2026"));
}

TEST(MappingValues, RenumberingFunctionsAreFoundAsWholeWordsBeforeAParenthesis) {
  EXPECT_EQ(renumbering_function("SELECT row_number() OVER (PARTITION BY pid) AS contact_sequence"),
            "ROW_NUMBER");
  EXPECT_EQ(renumbering_function("SELECT DENSE_RANK  (\n) OVER (ORDER BY x)"), "DENSE_RANK");
  EXPECT_EQ(renumbering_function("select rank() over (order by x)"), "RANK");
  EXPECT_FALSE(renumbering_function("SELECT c.class_rank(1), c.rank AS r FROM con c"));
  EXPECT_FALSE(renumbering_function("SELECT c.SQ AS contact_sequence FROM CON c"));
}

TEST(MappingValues, ShownTextEscapesControlsAndInvalidBytesAndClips) {
  EXPECT_EQ(shown(std::nullopt), "NULL");
  EXPECT_EQ(shown(std::string("Spanish")), "'Spanish'");
  EXPECT_EQ(shown(std::string("a\nb\x1b[31m")), "'a\\u000Ab\\u001B[31m'");
  EXPECT_EQ(shown(std::string("\xff\xfe")), "'\\xFF\\xFE'");
  EXPECT_EQ(shown(std::string("\xe2\x80\xae"
                              "evil")),
            "'\\u202Eevil'");                                     // bidi override
  EXPECT_EQ(shown(std::string("caf\xc3\xa9")), "'caf\xc3\xa9'");  // valid UTF-8 stays
  const std::string big(std::size_t{10} * 1024, 'x');
  const std::string clipped = shown(big);
  EXPECT_LE(clipped.size(), max_shown_bytes + 5);
  EXPECT_EQ(clipped.substr(clipped.size() - 4), "...'");
  // A long run of control characters is clipped too, escapes counted.
  EXPECT_LE(shown_plain(std::string(5000, '\x01'), 100).size(), 103U);
  // Clipping never splits a multi-byte character.
  std::string accents;
  for (int i = 0; i < 100; ++i) {
    accents += "\xc3\xa9";
  }
  const std::string cut = shown_plain(accents, 51);
  EXPECT_EQ(cut, accents.substr(0, 50) + "...");
}

}  // namespace
}  // namespace ssrlink::core
