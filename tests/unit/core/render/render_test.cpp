// Rendering: escaping, UTF-8 repair, the link allow-list, grouping and order, the notice and the
// red box, the Spanish UI, and the default stylesheet.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "core/render/link_allow_list.hpp"
#include "core/render/page_renderer.hpp"
#include "core/render/stylesheet.hpp"
#include "core/render/text_safety.hpp"
#include "html_search.hpp"

namespace ssrlink::core {
namespace {

using testing::contains;
using testing::count;

using namespace std::chrono_literals;

report_link link(std::string test, std::string year, std::string language, std::string format,
                 std::string subject = "ALL") {
  report_link l;
  l.test = std::move(test);
  l.name = "name";
  l.year = std::move(year);
  l.grade = "05";
  l.subject = std::move(subject);
  l.language = std::move(language);
  l.format = std::move(format);
  l.status = "Final";
  l.url = "https://r.s3.amazonaws.com/" + l.test + l.year + l.language + l.format + l.subject;
  l.expires_at = time_point{} + 30min;
  return l;
}

TEST(html_escape, escapes_every_markup_character) {
  EXPECT_EQ(html_escape("<a href=\"x\" title='y'>&amp;</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  EXPECT_EQ(html_escape("plain text é"), "plain text é");
}

TEST(valid_utf8, replaces_every_invalid_sequence) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(valid_utf8("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_EQ(valid_utf8("\xFF"), fffd);
  EXPECT_EQ(valid_utf8("\xC0\xAF"), fffd + fffd);                        // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), fffd + fffd + fffd);             // surrogate
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // above U+10FFFF
  EXPECT_EQ(valid_utf8("abc\xE2\x82"), "abc" + fffd + fffd);             // truncated tail
  EXPECT_EQ(valid_utf8(std::string("a\0b", 3)), "a" + fffd + "b");       // NUL
  EXPECT_EQ(valid_utf8("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");         // emoji stays
  EXPECT_EQ(html_escape("\xFF<"), fffd + "&lt;");
}

TEST(clipped_text, cuts_on_a_code_point_boundary) {
  EXPECT_EQ(clipped_text("short", 10), "short");
  EXPECT_EQ(clipped_text("abcdef", 3), "abc\xE2\x80\xA6");
  // "é" is two bytes; a cut inside it steps back.
  EXPECT_EQ(clipped_text("a\xC3\xA9z", 2), "a\xE2\x80\xA6");
  EXPECT_LT(clipped_text(std::string(1 << 20, 'x'), 200).size(), 210U);
}

TEST(link_allow_list, allows_only_https_on_listed_hosts) {
  const link_allow_list list({"caaspp-aws.ets.org", "*.S3.amazonaws.com"});
  EXPECT_TRUE(list.allows("https://caaspp-aws.ets.org/r/1.pdf?X-Amz-Signature=abc"));
  EXPECT_TRUE(list.allows("HTTPS://CAASPP-AWS.ETS.ORG:8443/r"));  // case and port ignored
  EXPECT_TRUE(list.allows("https://bucket.s3.amazonaws.com/k?x=1"));
  EXPECT_TRUE(list.allows("https://a.b.s3.amazonaws.com/k"));
  EXPECT_TRUE(list.allows("https://caaspp-aws.ets.org./r"));  // trailing dot, same host
  for (const std::string &bad : std::vector<std::string>{
           "http://caaspp-aws.ets.org/r",
           "javascript:alert(1)",
           "JaVaScRiPt:alert(1)",
           "data:text/html,<script>",
           "https://s3.amazonaws.com/k",
           "https://evil.org/caaspp-aws.ets.org",
           "https://caaspp-aws.ets.org.evil.org/r",
           "https://caaspp-aws.ets.org@evil.org/r",
           "https://user:pw@caaspp-aws.ets.org/r",
           "https://caaspp-aws.ets.org:port/r",
           "https://caaspp-aws.ets.org/r r",
           "https://caaspp-aws.ets.org/\"x",
           "https://caaspp-aws.ets.org/<x>",
           "https://caaspp-aws.ets.org\\@evil.org/",
           "https://[::1]/r",
           "https://",
           "https:///r",
           "//caaspp-aws.ets.org/r",
           "caaspp-aws.ets.org/r",
           "https://caaspp-aws.ets.org/" + std::string(max_link_bytes, 'a'),
           std::string("https://caaspp-aws.ets.org/\xC3\xA9"),
           "",
       }) {
    EXPECT_FALSE(list.allows(bad)) << bad;
  }
}

TEST(link_allow_list, log_description_has_no_path_or_query) {
  EXPECT_EQ(describe_link_for_log("https://Host.Example/secret/path?X-Amz-Signature=abc"),
            "https://host.example");
  const std::string js = describe_link_for_log("javascript:alert('secret')");
  EXPECT_TRUE(contains(js, "javascript"));
  EXPECT_FALSE(contains(js, "secret"));
  EXPECT_FALSE(contains(describe_link_for_log("http://h/x?sig=SECRET"), "SECRET"));
}

TEST(link_allow_list, log_description_keeps_ascii_letters_and_digits_only) {
  // Whatever the host's C locale calls a letter, only ASCII letters and digits reach the log.
  EXPECT_EQ(describe_link_for_log("J\xC3\xA4va<9>:x"), "a link starting \"J__va_9_\" (10 bytes)");
  // Host names fold to lower case byte by byte, never through the locale.
  EXPECT_EQ(link_allow_list::https_host("https://REPORTS.S3.AMAZONAWS.COM/x"),
            "reports.s3.amazonaws.com");
  EXPECT_FALSE(link_allow_list::https_host("https://h\xC3\x84st.example/x"));
}

TEST(page_renderer, groups_by_test_and_year_newest_first_english_first) {
  page_view view;
  view.reports = {
      link("SB", "2017-18", "ENG", "PDF"),    link("ELPAC", "2018-19", "SPA", "PDF"),
      link("SB", "2018-19", "SPA", "PDF"),    link("SB", "2018-19", "ENG", "HTML", "MATH"),
      link("SB", "2018-19", "ENG", "PDF"),    link("SB", "2018-19", "ENG", "HTML", "ELA"),
      link("ELPAC", "2018-19", "ENG", "PDF"), link("NEWTEST", "2018-19", "ENG", "PDF"),
  };
  const std::string html = render_report_page(view);
  EXPECT_EQ(count(html, "<li class=\"ssrlink-group\">"), 4U);
  EXPECT_EQ(count(html, "<h3"), 4U);
  // Order of groups: 2018-19 SB, ELPAC, NEWTEST (unknown after known), then 2017-18 SB.
  const auto sb19 =
      html.find("Smarter Balanced Summative Assessments <span class=\"ssrlink-year\">2018-19");
  const auto elpac = html.find("Summative ELPAC <span class=\"ssrlink-year\">2018-19");
  const auto unknown = html.find("NEWTEST <span class=\"ssrlink-year\">2018-19");
  const auto sb18 = html.find("<span class=\"ssrlink-year\">2017-18");
  ASSERT_NE(sb19, std::string::npos);
  ASSERT_NE(elpac, std::string::npos);
  ASSERT_NE(unknown, std::string::npos);
  ASSERT_NE(sb18, std::string::npos);
  EXPECT_LT(sb19, elpac);
  EXPECT_LT(elpac, unknown);
  EXPECT_LT(unknown, sb18);
  // Inside SB 2018-19: English PDF, English HTML ELA, English HTML Math, then Spanish PDF.
  const auto en_pdf = html.find(">English PDF<");
  const auto en_ela = html.find(">English HTML \xE2\x80\x93 English Language Arts<");
  const auto en_math = html.find(">English HTML \xE2\x80\x93 Mathematics<");
  const auto es_pdf = html.find(">Spanish PDF<");
  ASSERT_NE(en_pdf, std::string::npos);
  ASSERT_NE(en_ela, std::string::npos);
  ASSERT_NE(en_math, std::string::npos);
  ASSERT_NE(es_pdf, std::string::npos);
  EXPECT_LT(en_pdf, en_ela);
  EXPECT_LT(en_ela, en_math);
  EXPECT_LT(en_math, es_pdf);
  EXPECT_LT(es_pdf, elpac);
  EXPECT_TRUE(contains(html, "<span class=\"ssrlink-grade\">Grade 5</span>"));
  EXPECT_TRUE(contains(html, "Final"));
}

TEST(page_renderer, links_open_in_a_new_tab_safely_and_say_so) {
  page_view view;
  view.reports = {link("SB", "2018-19", "ENG", "PDF")};
  const std::string html = render_report_page(view);
  EXPECT_TRUE(contains(html,
                       "class=\"ssrlink-button\" href=\"https://r.s3.amazonaws.com/"
                       "SB2018-19ENGPDFALL\" hreflang=\"en\" target=\"_blank\" "
                       "rel=\"noopener noreferrer\""));
  EXPECT_TRUE(contains(html, "<span class=\"ssrlink-sr\"> (opens in a new tab)</span>"));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(std::regex_search(html, std::regex("<[^>]*\\son[a-z]+="))) << "an on* handler";
}

TEST(page_renderer, notice_with_refresh_link_only_when_there_are_links) {
  page_view view;
  view.refresh_url = "/page?a=1&b=\"2\"";
  EXPECT_FALSE(contains(render_report_page(view), "ssrlink-notice"));
  view.reports = {link("SB", "2018-19", "ENG", "PDF")};
  const std::string html = render_report_page(view);
  EXPECT_TRUE(contains(html, "<div class=\"ssrlink-notice\" role=\"status\">"));
  EXPECT_TRUE(contains(html, "30 minutes"));
  EXPECT_TRUE(contains(html, "<a href=\"/page?a=1&amp;b=&quot;2&quot;\">here</a>"));
}

TEST(page_renderer, message_and_hint_in_the_red_box) {
  page_view view;
  view.message = "Student does not have any test data";
  view.hint = "<hint>";
  const std::string html = render_report_page(view);
  EXPECT_TRUE(contains(html,
                       "<div class=\"ssrlink-error\" role=\"alert\"><p>Student does not "
                       "have any test data</p><p class=\"ssrlink-hint\">&lt;hint&gt;</p>"));
  EXPECT_FALSE(contains(html, "<ul"));
}

TEST(page_renderer, spanish_ui) {
  page_view view;
  view.language = ui_language::es;
  view.page = report_page_kind::language_assessment;
  auto l = link("ELPAC", "2018-19", "SPA", "HTML", "ELA");
  l.status = "Preliminary";
  view.reports = {l};
  const std::string html = render_report_page(view);
  EXPECT_TRUE(contains(html, "<section class=\"ssrlink\" lang=\"es\">"));
  EXPECT_TRUE(contains(html, "Informes de resultados del dominio del inglés"));
  EXPECT_TRUE(contains(html, "ELPAC sumativa"));
  EXPECT_TRUE(contains(html, "Español HTML \xE2\x80\x93 Artes del lenguaje en inglés"));
  EXPECT_TRUE(contains(html, "Grado 5"));
  EXPECT_TRUE(contains(html, "Preliminar"));
  EXPECT_TRUE(contains(html, ">aquí</a>"));
  EXPECT_TRUE(contains(html, "30 minutos"));
}

TEST(page_renderer, every_value_is_escaped) {
  page_view view;
  report_link l = link("<T>", "<Y>", "<L>", "<F>", "<S>");
  l.grade = "<G>";
  l.status = "<St>";
  l.url = "https://r.s3.amazonaws.com/\"><script>";  // the renderer escapes even this
  view.reports = {l};
  view.message = "<M>";
  view.refresh_url = "\"><x>";
  const std::string html = render_report_page(view);
  for (const std::string raw :
       {"<T>", "<Y>", "<L>", "<F>", "<S>", "<G>", "<St>", "<script>", "<M>", "<x>"}) {
    EXPECT_FALSE(contains(html, raw)) << raw;
  }
  EXPECT_TRUE(contains(html, "&lt;T&gt;"));
  EXPECT_TRUE(contains(html, "&lt;G&gt;"));
  EXPECT_TRUE(contains(html, "href=\"&quot;&gt;&lt;x&gt;\""));
}

// One page of `reports` in `language` (a fresh view each time).
std::string page_of(const report_links &reports, ui_language language = ui_language::en) {
  page_view view;
  view.language = language;
  view.reports = reports;
  return render_report_page(view);
}

// The button of one link, from its opening tag to its end, found by its URL.
std::string button_for(const std::string &html, const std::string &url) {
  const auto at = html.find("href=\"" + url + "\"");
  if (at == std::string::npos) {
    return "";
  }
  const auto start = html.rfind("<a ", at);
  const auto end = html.find("</a>", at);
  return html.substr(start, end + 4 - start);
}

// What a screen reader announces for a button: its text with the tags removed.
std::string accessible_name(const std::string &button) {
  std::string out;
  bool in_tag = false;
  for (const char c : button) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      out.push_back(c);
    }
  }
  return out;
}

TEST(page_renderer, arabic_and_korean_buttons_are_named_and_tagged) {
  const report_links reports = {link("SB", "2024-25", "ENG", "PDF"),
                                link("SB", "2024-25", "ARA", "PDF"),
                                link("ELPAC", "2024-25", "KOR", "HTML", "ELA")};
  const std::string html = page_of(reports);
  const std::string arabic = button_for(html, "https://r.s3.amazonaws.com/SB2024-25ARAPDFALL");
  ASSERT_FALSE(arabic.empty()) << html;
  EXPECT_TRUE(contains(arabic, " hreflang=\"ar\" ")) << arabic;
  EXPECT_EQ(accessible_name(arabic), "Arabic PDF (opens in a new tab)");
  const std::string korean = button_for(html, "https://r.s3.amazonaws.com/ELPAC2024-25KORHTMLELA");
  EXPECT_TRUE(contains(korean, " hreflang=\"ko\" ")) << korean;
  EXPECT_EQ(accessible_name(korean),
            "Korean HTML \xE2\x80\x93 English Language Arts (opens in a new tab)");
  // English first, then the translation.
  EXPECT_LT(html.find(">English PDF<"), html.find(">Arabic PDF<"));

  const std::string es = page_of(reports, ui_language::es);
  EXPECT_EQ(accessible_name(button_for(es, "https://r.s3.amazonaws.com/SB2024-25ARAPDFALL")),
            "Árabe PDF (se abre en una pestaña nueva)");
}

TEST(page_renderer, lexile_and_quantile_report_has_its_own_group) {
  const report_links reports = {link("LQ", "2024-25", "ENG", "PDF"),
                                link("SB", "2024-25", "ENG", "PDF"),
                                link("ELPAC", "2024-25", "ENG", "PDF")};
  const std::string html = page_of(reports);
  const auto sb = html.find(">Smarter Balanced Summative Assessments <span");
  const auto lq = html.find(
      "<h3 class=\"ssrlink-group-title\">Lexile and Quantile Measures Report <span "
      "class=\"ssrlink-year\">2024-25</span></h3>");
  const auto elpac = html.find(">Summative ELPAC <span");
  ASSERT_NE(lq, std::string::npos) << html;
  EXPECT_LT(sb, lq);
  EXPECT_LT(lq, elpac);
  EXPECT_EQ(accessible_name(button_for(html, "https://r.s3.amazonaws.com/LQ2024-25ENGPDFALL")),
            "English PDF (opens in a new tab)");
  EXPECT_TRUE(
      contains(page_of(reports, ui_language::es), ">Informe de medidas Lexile y Quantile <span"));
}

TEST(page_renderer, video_ssr_button_after_pdf_and_html) {
  const report_links reports = {
      link("SB", "2024-25", "ENG", "VIDEO"), link("SB", "2024-25", "ENG", "HTML", "ELA"),
      link("SB", "2024-25", "ENG", "PDF"), link("SB", "2024-25", "SPA", "VIDEO")};
  const std::string html = page_of(reports);
  const std::string video = button_for(html, "https://r.s3.amazonaws.com/SB2024-25ENGVIDEOALL");
  EXPECT_EQ(accessible_name(video), "English Video (opens in a new tab)");
  EXPECT_TRUE(contains(video, "class=\"ssrlink-button\""));
  EXPECT_TRUE(contains(video, "target=\"_blank\" rel=\"noopener noreferrer\""));
  EXPECT_LT(html.find(">English PDF<"), html.find(">English HTML "));
  EXPECT_LT(html.find(">English HTML "), html.find(">English Video<"));
  EXPECT_LT(html.find(">English Video<"), html.find(">Spanish Video<"));
  EXPECT_TRUE(contains(page_of(reports, ui_language::es), ">Inglés Video<"));
}

TEST(page_renderer, tk_and_kindergarten_grades_are_named) {
  auto tk = link("ELPAC", "2023-24", "ENG", "PDF");
  tk.grade = "TK";
  auto kn = link("ELPAC", "2024-25", "ENG", "PDF");
  kn.grade = "KN";
  const std::string html = page_of({tk, kn});
  EXPECT_TRUE(
      contains(html, "<span class=\"ssrlink-grade\">Transitional kindergarten (TK)</span>"));
  EXPECT_TRUE(contains(html, "<span class=\"ssrlink-grade\">Kindergarten</span>"));
  EXPECT_FALSE(contains(html, "Grade TK"));
  EXPECT_TRUE(contains(page_of({tk, kn}, ui_language::es), "Kínder de transición (TK)"));
}

TEST(page_renderer, new_kinds_are_escaped_like_every_value) {
  report_link l = link("LQ", "2024-25", "ARA", "VIDEO");
  l.grade = "<TK>";
  l.url = "https://r.s3.amazonaws.com/v?a=1&b=\"2\"";
  report_link odd = link("LQ", "2024-25", "ar\"><x>", "VIDEO<y>");
  const std::string html = page_of({l, odd});
  for (const std::string raw : {"<TK>", "<x>", "<y>", "b=\"2\""}) {
    EXPECT_FALSE(contains(html, raw)) << raw;
  }
  EXPECT_TRUE(contains(html, "href=\"https://r.s3.amazonaws.com/v?a=1&amp;b=&quot;2&quot;\""));
  EXPECT_TRUE(contains(html, "Grade &lt;TK&gt;"));
  EXPECT_TRUE(contains(html, ">ar&quot;&gt;&lt;x&gt; VIDEO&lt;y&gt;<"));
  EXPECT_EQ(count(html, "hreflang="), 1U);  // only the catalogue's "ar", never a raw code
}

TEST(stylesheet, matches_the_css_file_and_uses_stable_class_names) {
  std::ifstream file(SSRLINK_CSS_FILE);
  ASSERT_TRUE(file) << SSRLINK_CSS_FILE;
  std::stringstream content;
  content << file.rdbuf();
  EXPECT_EQ(default_stylesheet(), content.str());
  for (const char *cls :
       {".ssrlink-notice", ".ssrlink-error", ".ssrlink-button", ".ssrlink-group", ".ssrlink-sr",
        ".ssrlink-student", ".ssrlink-manager", ":focus-visible"}) {
    EXPECT_TRUE(contains(std::string(default_stylesheet()), cls)) << cls;
  }
}

}  // namespace
}  // namespace ssrlink::core
