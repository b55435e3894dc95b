#include "core/sweep/notice_template.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ssrlink::core {
namespace {

notice_facts facts(notice_kind kind = notice_kind::portal, std::string school = "Lincoln High") {
  return {"SB", "2026-27", std::move(school), kind};
}

TEST(NoticeTemplate, CalpadsCodesPickTheLanguage) {
  EXPECT_EQ(notice_language("00"), "en");
  EXPECT_EQ(notice_language("01"), "es");
  EXPECT_EQ(notice_language("02"), "vi");
  EXPECT_EQ(notice_language("03"), "zh-Hant");
  EXPECT_EQ(notice_language("07"), "zh-Hant");
  EXPECT_EQ(notice_language("04"), "ko");
  EXPECT_EQ(notice_language("05"), "fil");
  EXPECT_EQ(notice_language("99"), "en");
  EXPECT_EQ(notice_language(""), "en");
}

TEST(NoticeTemplate, EnglishPointsToThePortalAndCarriesNoLink) {
  const notice_text n = compose_notice("00", facts());
  EXPECT_EQ(n.language, "en");
  EXPECT_NE(n.body_text.find("Test Scores > State Test Scores Reports"), std::string::npos);
  EXPECT_NE(n.body_text.find("2026-27"), std::string::npos);
  EXPECT_NE(n.body_text.find("Lincoln High"), std::string::npos);
  for (const std::string *part : {&n.subject, &n.body_text, &n.body_html}) {
    EXPECT_EQ(part->find("http"), std::string::npos);
    EXPECT_EQ(part->find("<a"), std::string::npos);
    EXPECT_EQ(part->find("www."), std::string::npos);
  }
  EXPECT_NE(n.body_html.find("Test Scores &gt; State Test Scores Reports"), std::string::npos);
}

TEST(NoticeTemplate, SpanishHasItsOwnWording) {
  const notice_text n = compose_notice("01", facts());
  EXPECT_EQ(n.language, "es");
  EXPECT_NE(n.subject, compose_notice("00", facts()).subject);
  EXPECT_NE(n.body_text.find("portal para padres"), std::string::npos);
  EXPECT_NE(n.body_html.find("lang=\"es\""), std::string::npos);
}

TEST(NoticeTemplate, EveryLanguageHasATemplateOfItsOwn) {
  std::set<std::string> subjects;
  for (const char *code : {"00", "01", "02", "03", "04", "05"}) {
    subjects.insert(compose_notice(code, facts()).subject);
  }
  EXPECT_EQ(subjects.size(), 6u);
}

TEST(NoticeTemplate, HiddenReportsSendParentsToTheSchool) {
  const notice_text n = compose_notice("00", facts(notice_kind::contact_school));
  EXPECT_NE(n.body_text.find("contact the school"), std::string::npos);
  EXPECT_EQ(n.body_text.find("State Test Scores Reports"), std::string::npos);
  const notice_text es = compose_notice("01", facts(notice_kind::contact_school));
  EXPECT_NE(es.body_text.find("comuníquese con la escuela"), std::string::npos);
}

TEST(NoticeTemplate, EscapesEverythingInTheHtmlBody) {
  notice_facts hostile = facts(notice_kind::portal, "<script>alert('x')</script> & Co");
  hostile.test = "<b>NEW</b>";
  hostile.year = "\"2026-27\"";
  const notice_text n = compose_notice("00", hostile);
  EXPECT_EQ(n.body_html.find("<script>"), std::string::npos);
  EXPECT_EQ(n.body_html.find("<b>NEW"), std::string::npos);
  EXPECT_NE(n.body_html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(n.body_html.find("&amp; Co"), std::string::npos);
  EXPECT_NE(n.body_text.find("<script>"), std::string::npos);  // plain text stays as given
}

TEST(NoticeTemplate, NoSchoolNameLeavesTheLineOut) {
  const notice_text n = compose_notice("00", facts(notice_kind::portal, ""));
  EXPECT_EQ(n.body_text.find("School:"), std::string::npos);
}

}  // namespace
}  // namespace ssrlink::core
