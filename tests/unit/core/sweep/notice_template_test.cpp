#include "core/sweep/notice_template.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/render/text_safety.hpp"

namespace ssrlink::core {
namespace {

notice_facts facts(notice_kind kind = notice_kind::portal, std::string school = "Lincoln High") {
  return {"SB", "2026-27", std::move(school), kind};
}

notice_facts report(std::string test, std::string year, std::string school = "Lincoln High") {
  return {std::move(test), std::move(year), std::move(school), notice_kind::portal};
}

std::vector<std::string> lines(const std::string &text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  out.push_back(text.substr(start));
  return out;
}

// The line after the intro: the test and, when it is a real year, the year.
std::string test_line(const notice_text &n) {
  return lines(n.body_text).at(3);
}

// The value after "School: " in the plain text, or "" when the line is left out.
std::string school_value(const notice_text &n) {
  for (const std::string &line : lines(n.body_text)) {
    if (line.rfind("School: ", 0) == 0) {
      return line.substr(8);
    }
  }
  return {};
}

// Nothing in a notice may start a new header line or a new paragraph of somebody else's making.
void expect_no_breaking_characters(const notice_text &n) {
  EXPECT_EQ(n.subject.find_first_of("\r\n"), std::string::npos);
  for (const std::string *part : {&n.subject, &n.body_text, &n.body_html}) {
    for (const char c : *part) {
      const auto b = static_cast<unsigned char>(c);
      EXPECT_TRUE((b >= 0x20 && b != 0x7F) || c == '\n') << "byte " << int(b);
    }
    for (const char *bad : {"\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAE"}) {
      EXPECT_EQ(part->find(bad), std::string::npos);
    }
  }
}

constexpr const char *phishing_test =
    "SB\r\nURGENT: your child's account is locked, log in at https://evil.example/reset";

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
  EXPECT_NE(n.body_html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"),
            std::string::npos);
  EXPECT_NE(n.body_text.find("<script>"), std::string::npos);  // plain text is not markup
  // The test code and the malformed year are not shown at all, escaped or not.
  for (const std::string *part : {&n.body_text, &n.body_html}) {
    EXPECT_EQ(part->find("NEW"), std::string::npos);
    EXPECT_EQ(part->find("2026-27"), std::string::npos);
  }
  EXPECT_NE(n.body_html.find("<strong>A new state test score report</strong>"), std::string::npos);
}

TEST(NoticeTemplate, MarkupSplitAcrossLinesIsEscapedOnOneLine) {
  const notice_text n =
      compose_notice("00", report("SB", "2024-25", "<b>Lincoln</b>\r\n<i>High</i>"));
  EXPECT_NE(
      n.body_html.find("<br>\nSchool: &lt;b&gt;Lincoln&lt;/b&gt; &lt;i&gt;High&lt;/i&gt;</p>"),
      std::string::npos);
  EXPECT_EQ(n.body_html.find("<b>"), std::string::npos);
  EXPECT_EQ(n.body_html.find("<i>"), std::string::npos);
  EXPECT_EQ(school_value(n), "<b>Lincoln</b> <i>High</i>");
}

TEST(NoticeTemplate, ATestCodeOutsideTheCatalogueGetsTheGenericPhrase) {
  const notice_text n = compose_notice("00", report(phishing_test, "2024-25"));
  for (const std::string *part : {&n.subject, &n.body_text, &n.body_html}) {
    EXPECT_EQ(part->find("evil.example"), std::string::npos);
    EXPECT_EQ(part->find("URGENT"), std::string::npos);
    EXPECT_EQ(part->find("http"), std::string::npos);
    EXPECT_EQ(part->find("locked"), std::string::npos);
  }
  expect_no_breaking_characters(n);
  EXPECT_EQ(n.subject, compose_notice("00", facts()).subject);
  EXPECT_EQ(n.body_text,
            "Hello,\n\n"
            "A new California state test score report is available for your student:\n"
            "A new state test score report (2024-25)\n"
            "School: Lincoln High\n\n"
            "To see it, sign in to the parent portal and open Test Scores > State Test Scores "
            "Reports.\n\n"
            "For your security, this message contains no links.\n");
  // Every other line is what a known test gets.
  std::vector<std::string> got = lines(n.body_text);
  std::vector<std::string> known = lines(compose_notice("00", report("SB", "2024-25")).body_text);
  ASSERT_EQ(got.size(), known.size());
  got.at(3) = known.at(3);
  EXPECT_EQ(got, known);
}

TEST(NoticeTemplate, EveryLanguageHasAGenericPhraseOfItsOwn) {
  std::set<std::string> phrases;
  for (const char *code : {"00", "01", "02", "03", "04", "05"}) {
    const notice_text n = compose_notice(code, report(phishing_test, "2024-25"));
    EXPECT_EQ(n.body_text.find("URGENT"), std::string::npos) << code;
    EXPECT_EQ(n.body_html.find("evil.example"), std::string::npos) << code;
    expect_no_breaking_characters(n);
    phrases.insert(test_line(n));
  }
  EXPECT_EQ(phrases.size(), 6u);
  EXPECT_EQ(test_line(compose_notice("01", report(phishing_test, "2024-25"))),
            "Un nuevo informe de resultados de las pruebas estatales (2024-25)");
}

TEST(NoticeTemplate, KnownCodesGetTheirCatalogueNameInEnglishAndSpanish) {
  EXPECT_EQ(test_line(compose_notice("00", report("SB", "2024-25"))),
            "Smarter Balanced Summative Assessments (2024-25)");
  EXPECT_EQ(test_line(compose_notice("01", report("SB", "2024-25"))),
            "Evaluaciones sumativas Smarter Balanced (2024-25)");
  EXPECT_EQ(test_line(compose_notice("00", report("ELPAC", "2024-25"))),
            "Summative ELPAC (2024-25)");
  EXPECT_EQ(test_line(compose_notice("01", report("elpac", "2024-25"))),
            "ELPAC sumativa (2024-25)");
  // A plausible code ETS might add before the catalogue knows it is not shown raw either.
  EXPECT_EQ(test_line(compose_notice("00", report("LEXILE", "2024-25"))),
            "A new state test score report (2024-25)");
  EXPECT_EQ(test_line(compose_notice("01", report("LEXILE", "2024-25"))),
            "Un nuevo informe de resultados de las pruebas estatales (2024-25)");
}

TEST(NoticeTemplate, YearsAreShownOnlyInTheAdministrationYearShape) {
  EXPECT_EQ(test_line(compose_notice("00", report("SB", "2024-25"))),
            "Smarter Balanced Summative Assessments (2024-25)");
  EXPECT_EQ(test_line(compose_notice("00", report("SB", "2099-00"))),
            "Smarter Balanced Summative Assessments (2099-00)");
  const std::string megabyte = "2024-25" + std::string(1 << 20, '5');
  for (const std::string &year :
       {std::string("2024-26"), std::string("20245"), std::string("2024-25\r\nX"),
        std::string(" 2024-25"), std::string("2024-25 "), std::string("2024/25"),
        std::string("2024-2"), std::string("2O24-25"), std::string(), megabyte}) {
    const notice_text n = compose_notice("00", report("SB", year));
    EXPECT_EQ(test_line(n), "Smarter Balanced Summative Assessments") << year.substr(0, 12);
    EXPECT_EQ(n.body_text.find("2024"), std::string::npos) << year.substr(0, 12);
    EXPECT_EQ(n.body_html.find("2024"), std::string::npos) << year.substr(0, 12);
    EXPECT_LT(n.body_html.size(), 2000u);
    expect_no_breaking_characters(n);
  }
}

TEST(NoticeTemplate, SchoolNamesLoseControlCharactersAndStayOnOneLine) {
  const notice_text n = compose_notice("00", report("SB", "2024-25",
                                                    "\t Lincoln\r\nHigh\tSchool\x01"
                                                    "Annex\x7F\xC2\x85North\xE2\x80\xA8"
                                                    "East\xE2\x80\xA9West\xE2\x80\xAE"
                                                    "Campus\x1B[0m \r\n"));
  EXPECT_EQ(school_value(n), "Lincoln High School Annex North East West Campus [0m");
  expect_no_breaking_characters(n);
  EXPECT_EQ(lines(n.body_text).size(), lines(compose_notice("00", facts()).body_text).size());
  EXPECT_NE(n.body_html.find("School: Lincoln High School Annex North East West Campus [0m</p>"),
            std::string::npos);
  // A name that is nothing but control characters is no name.
  EXPECT_EQ(
      compose_notice("00", report("SB", "2024-25", "\r\n\t \xE2\x80\xA8")).body_text.find("School"),
      std::string::npos);
}

TEST(NoticeTemplate, LongSchoolNamesAreClippedOnACodePointBoundary) {
  std::string name = "A";
  for (int i = 0; i < 100; ++i) {
    name += "\xE5\xAD\xB8";  // 學: 3 bytes, so the bound falls inside one
  }
  const std::string value = school_value(compose_notice("00", report("SB", "2024-25", name)));
  EXPECT_LE(value.size(), notice_field_max_bytes + 3);
  EXPECT_GT(value.size(), notice_field_max_bytes - 6);
  EXPECT_EQ(value.substr(value.size() - 3), "\xE2\x80\xA6");  // …
  EXPECT_EQ(value.rfind("A\xE5\xAD\xB8\xE5\xAD\xB8", 0), 0u);
  EXPECT_EQ(valid_utf8(value), value);
  EXPECT_EQ(value.find("\xEF\xBF\xBD"), std::string::npos);  // no U+FFFD from a cut sequence

  const notice_text huge =
      compose_notice("00", report("SB", "2024-25", std::string(1 << 20, 'x') + "\r\nURGENT"));
  EXPECT_EQ(school_value(huge), std::string(notice_field_max_bytes, 'x') + "\xE2\x80\xA6");
  EXPECT_LT(huge.body_text.size(), 1000u);
  EXPECT_LT(huge.body_html.size(), 2000u);
  EXPECT_EQ(huge.body_text.find("URGENT"), std::string::npos);

  const std::string exact(notice_field_max_bytes, 'y');  // at the bound: kept whole
  EXPECT_EQ(school_value(compose_notice("00", report("SB", "2024-25", exact))), exact);
}

TEST(NoticeTemplate, NoSchoolNameLeavesTheLineOut) {
  const notice_text n = compose_notice("00", facts(notice_kind::portal, ""));
  EXPECT_EQ(n.body_text.find("School:"), std::string::npos);
}

}  // namespace
}  // namespace ssrlink::core
