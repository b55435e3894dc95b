#include "core/sweep/report_identity.hpp"

#include <gtest/gtest.h>

namespace ssrlink::core {
namespace {

report_link link(std::string test, std::string year, std::string language, std::string format,
                 std::string subject, std::string status = "Final") {
  report_link l;
  l.test = std::move(test);
  l.year = std::move(year);
  l.language = std::move(language);
  l.format = std::move(format);
  l.subject = std::move(subject);
  l.status = std::move(status);
  l.grade = "05";
  return l;
}

const std::vector<std::string> this_year{"2026-27"};

TEST(ReportIdentity, IgnoresLanguageFormatSubjectAndGrade) {
  const report_link english_pdf = link("SB", "2026-27", "ENG", "PDF", "ALL");
  report_link spanish_html = link("SB", "2026-27", "SPA", "HTML", "MATH");
  spanish_html.grade = "06";
  EXPECT_EQ(report_key(english_pdf), "SB:2026-27");
  EXPECT_EQ(report_key(english_pdf), report_key(spanish_html));
  EXPECT_NE(report_key(english_pdf), report_key(link("SB", "2025-26", "ENG", "PDF", "ALL")));
  EXPECT_NE(report_key(english_pdf), report_key(link("CAST", "2026-27", "ENG", "PDF", "ALL")));
}

TEST(ReportIdentity, KeyStaysWithinTheColumn) {
  EXPECT_EQ(report_key(link(std::string(400, 'X'), "2026-27", "ENG", "PDF", "ALL")).size(), 255u);
}

TEST(ReportIdentity, OneIdentityIsFinalWhenAnyOfItsLinksIs) {
  const auto grouped =
      group_reports({link("SB", "2026-27", "ENG", "PDF", "ALL", "Preliminary"),
                     link("SB", "2026-27", "SPA", "PDF", "ALL", "Final"),
                     link("ELPAC", "2026-27", "ENG", "PDF", "ALL", "Preliminary")});
  ASSERT_EQ(grouped.size(), 2u);
  EXPECT_EQ(grouped[0].key, "ELPAC:2026-27");
  EXPECT_EQ(grouped[0].status, "Preliminary");
  EXPECT_EQ(grouped[1].key, "SB:2026-27");
  EXPECT_EQ(grouped[1].status, "Final");
}

TEST(Detection, NewFinalReportOfTheCurrentYearNotifiesOnce) {
  const report_links links{link("SB", "2026-27", "ENG", "PDF", "ALL"),
                           link("SB", "2026-27", "ENG", "HTML", "ELA")};
  const auto changes = detect_changes(links, {}, this_year);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].notify);
  EXPECT_FALSE(changes[0].already_logged);
  EXPECT_TRUE(detect_changes(links, {{"SB:2026-27", "Final"}}, this_year).empty());
}

TEST(Detection, PreliminaryIsLoggedButNeverNotifies) {
  const report_links links{link("ELPAC", "2026-27", "ENG", "PDF", "ALL", "Preliminary")};
  const auto changes = detect_changes(links, {}, this_year);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_FALSE(changes[0].notify);
  EXPECT_EQ(changes[0].report.status, "Preliminary");
  EXPECT_TRUE(detect_changes(links, {{"ELPAC:2026-27", "Preliminary"}}, this_year).empty());
}

TEST(Detection, PreliminaryTurningFinalNotifiesAsAnUpdate) {
  const auto changes = detect_changes({link("ELPAC", "2026-27", "ENG", "PDF", "ALL")},
                                      {{"ELPAC:2026-27", "Preliminary"}}, this_year);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].notify);
  EXPECT_TRUE(changes[0].already_logged);
}

TEST(Detection, EarlierYearsAreLoggedWithoutNotice) {
  const auto changes = detect_changes({link("SB", "2025-26", "ENG", "PDF", "ALL")}, {}, this_year);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_FALSE(changes[0].notify);
  const auto with_previous =
      detect_changes({link("SB", "2025-26", "ENG", "PDF", "ALL")}, {}, {"2026-27", "2025-26"});
  ASSERT_EQ(with_previous.size(), 1u);
  EXPECT_TRUE(with_previous[0].notify);
}

TEST(Detection, AReportThatVanishesAndComesBackStaysQuiet) {
  logged_statuses log{{"SB:2026-27", "Final"}};
  // Gone from ETS for a while: nothing to write, and the log keeps its row.
  EXPECT_TRUE(detect_changes({link("CAST", "2026-27", "ENG", "PDF", "ALL", "Preliminary")},
                             {{"SB:2026-27", "Final"}, {"CAST:2026-27", "Preliminary"}}, this_year)
                  .empty());
  EXPECT_TRUE(detect_changes({link("SB", "2026-27", "SPA", "PDF", "ALL")}, log, this_year).empty());
}

}  // namespace
}  // namespace ssrlink::core
