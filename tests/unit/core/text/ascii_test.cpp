#include "core/text/ascii.hpp"

#include <gtest/gtest.h>

#include <clocale>
#include <string>

namespace {

using ssrlink::core::ascii_contains_ci;
using ssrlink::core::ascii_lower;

TEST(Ascii, LowersCapitalsOnly) {
  EXPECT_EQ(ascii_lower("Reports.S3.AmazonAWS.com:443/A-Z_@[`{"),
            "reports.s3.amazonaws.com:443/a-z_@[`{");
  static_assert(ascii_lower('Q') == 'q' && ascii_lower('q') == 'q' && ascii_lower('@') == '@');
}

TEST(Ascii, LeavesUtf8BytesAlone) {
  // "ÉCOLE Ñ" in UTF-8: the multi-byte sequences must pass through byte for byte.
  const std::string text =
      "\xC3\x89"
      "COLE \xC3\x91";
  EXPECT_EQ(ascii_lower(text),
            "\xC3\x89"
            "cole \xC3\x91");
}

TEST(Ascii, DoesNotDependOnTheLocale) {
  // A host may run under any locale; in Turkish, tolower('I') is a dotless i in some C
  // libraries. The result here must not change with it.
  const char *previous = std::setlocale(LC_CTYPE, nullptr);
  const std::string saved = previous != nullptr ? previous : "C";
  std::setlocale(LC_CTYPE, "tr_TR.UTF-8");  // may not exist; then the C locale stays
  EXPECT_EQ(ascii_lower("IDENTITY"), "identity");
  std::setlocale(LC_CTYPE, saved.c_str());
}

TEST(Ascii, ContainsIgnoresCaseOnBothSides) {
  EXPECT_TRUE(ascii_contains_ci("no such table: SSRLINK_Report_Log", "ssrlink_report_LOG"));
  EXPECT_TRUE(ascii_contains_ci("PostgreSQL", ""));
  EXPECT_FALSE(ascii_contains_ci("PostgreSQL", "sqlite"));
  EXPECT_FALSE(ascii_contains_ci("", "x"));
}

}  // namespace
