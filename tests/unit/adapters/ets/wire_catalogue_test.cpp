// The wire decoder and the report catalogue together: the kinds ETS added after the first spec
// (Arabic and Korean reports, the Lexile and Quantile Measures Report, video SSRs, the TK grade)
// come through parse_reports_response unchanged, so the catalogue can name them.
#include <gtest/gtest.h>

#include <string>

#include "core/catalogue/report_catalogue.hpp"
#include "ets/wire.hpp"

namespace ssrlink::ets::wire {
namespace {

using namespace std::chrono_literals;

const core::time_point now =
    core::time_point{std::chrono::sys_days{std::chrono::year{2024} / 9 / 2}} + 8h;

TEST(parse_reports_response, newer_kinds_are_kept_and_named_by_the_catalogue) {
  const auto outcome =
      parse_reports_response(default_profile(), R"({"ssid": "1234567890", "reports": [
    {"reportType": "ELPAC", "administrationYear": "2023-24", "grade": "TK", "subject": "ALL",
     "language": "ARA", "format": "PDF", "status": "Final", "url": "https://h/a"},
    {"reportType": "LQ", "reportName": "Lexile and Quantile Measures Report",
     "administrationYear": "2023-24", "grade": "05", "subject": "ALL", "language": "ENG",
     "format": "PDF", "status": "Final", "url": "https://h/b"},
    {"reportType": "SB", "administrationYear": "2023-24", "grade": "05", "subject": "ALL",
     "language": "kor", "format": "VIDEO", "status": "Final", "url": "https://h/c"}]})",
                             "1234567890", now);
  ASSERT_TRUE(std::holds_alternative<reports_page>(outcome))
      << std::get<core::ets_failure>(outcome).detail;
  const auto &page = std::get<reports_page>(outcome);
  ASSERT_EQ(page.reports.size(), 3U);
  EXPECT_FALSE(worth_logging(page.counts));
  const auto &arabic = page.reports[0];
  EXPECT_EQ(arabic.language, "ARA");
  EXPECT_EQ(arabic.grade, "TK");
  EXPECT_EQ(core::report_language_name(arabic.language, core::ui_language::en), "Arabic");
  EXPECT_EQ(core::report_language_tag(arabic.language), "ar");
  EXPECT_EQ(core::grade_display_name(arabic.grade, core::ui_language::en),
            "Transitional kindergarten (TK)");
  const auto &lexile = page.reports[1];
  EXPECT_EQ(lexile.test, "LQ");
  EXPECT_EQ(core::test_display_name(lexile.test, core::ui_language::en),
            "Lexile and Quantile Measures Report");
  const auto &video = page.reports[2];
  EXPECT_EQ(video.format, "VIDEO");
  EXPECT_EQ(video.language, "kor");  // ETS's case is kept; the catalogue ignores it
  EXPECT_EQ(core::format_display_name(video.format, core::ui_language::en), "Video");
  EXPECT_EQ(core::report_language_tag(video.language), "ko");
}

}  // namespace
}  // namespace ssrlink::ets::wire
