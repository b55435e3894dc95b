// The phone and tablet tip (render/pdf_tip.hpp): a closed <details> after the report buttons of a
// page that offers a PDF, in English and Spanish, and nothing on a page without one.
#include "core/render/pdf_tip.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "core/render/page_renderer.hpp"
#include "core/render/stylesheet.hpp"
#include "html_search.hpp"

namespace ssrlink::core {
namespace {

using testing::contains;
using testing::count;

using namespace std::chrono_literals;

report_link link(const std::string &language, const std::string &format) {
  report_link l;
  l.test = "SB";
  l.name = "name";
  l.year = "2024-25";
  l.grade = "05";
  l.subject = "ALL";
  l.language = language;
  l.format = format;
  l.status = "Final";
  l.url = "https://r.s3.amazonaws.com/" + language + format;
  l.expires_at = time_point{} + 30min;
  return l;
}

std::string page_of(const report_links &reports, ui_language language = ui_language::en) {
  page_view view;
  view.language = language;
  view.reports = reports;
  return render_report_page(view);
}

// The tip's markup, from <details to </details>, or "" when the page has none.
std::string tip_of(const std::string &html) {
  const auto start = html.find("<details");
  if (start == std::string::npos) {
    return "";
  }
  const auto end = html.find("</details>", start);
  return end == std::string::npos ? html.substr(start) : html.substr(start, end + 10 - start);
}

TEST(pdf_tip, a_page_with_a_pdf_has_the_tip_closed_after_the_buttons) {
  const std::string html = page_of({link("ENG", "HTML"), link("ENG", "PDF")});
  const std::string tip = tip_of(html);
  ASSERT_FALSE(tip.empty()) << html;
  EXPECT_EQ(count(html, "<details"), 1U);
  EXPECT_TRUE(contains(tip,
                       "<details class=\"ssrlink-tip\"><summary>"
                       "Does a PDF report not open on your phone, tablet or Mac?</summary>"))
      << tip;
  EXPECT_FALSE(contains(tip, " open=")) << "closed until a person opens it";
  EXPECT_FALSE(contains(tip, "<details open")) << tip;
  // After the buttons, before the blue notice.
  EXPECT_LT(html.rfind("ssrlink-button"), html.find("<details"));
  EXPECT_LT(html.find("</details>"), html.find("ssrlink-notice"));
}

TEST(pdf_tip, says_how_in_a_list_of_three_ways) {
  const std::string tip = tip_of(page_of({link("ENG", "PDF")}));
  EXPECT_EQ(count(tip, "<ul>"), 1U) << tip;
  EXPECT_EQ(count(tip, "<li>"), 3U) << tip;
  EXPECT_TRUE(contains(tip, "<p>Some phones, tablets and Apple computers, MacBooks included,"));
  EXPECT_TRUE(contains(tip, "<li>With a mouse: right-click the report&#39;s button"));
  EXPECT_TRUE(contains(tip, "<li>With a mouse that has only one button: hold down the Ctrl key"));
  EXPECT_TRUE(contains(tip,
                       "<li>With a trackpad or a touch screen: tap the report&#39;s button "
                       "with two fingers"));
  // No JavaScript: the browser opens and closes a <details> itself.
  EXPECT_FALSE(contains(tip, "<script")) << tip;
  EXPECT_FALSE(std::regex_search(tip, std::regex(R"(<[^>]*\son[a-z]+\s*=)", std::regex::icase)));
  EXPECT_FALSE(contains(tip, "<a ")) << tip;
}

TEST(pdf_tip, spanish_page_has_the_spanish_tip) {
  const std::string tip = tip_of(page_of({link("SPA", "PDF")}, ui_language::es));
  EXPECT_TRUE(contains(tip,
                       "<summary>¿No se abre un informe PDF en su teléfono, tableta o "
                       "Mac?</summary>"))
      << tip;
  EXPECT_TRUE(contains(tip, "<li>Con un mouse: haga clic con el botón derecho"));
  EXPECT_TRUE(contains(tip, "<li>Con un mouse de un solo botón:"));
  EXPECT_TRUE(contains(tip, "<li>Con un panel táctil o una pantalla táctil:"));
  EXPECT_FALSE(contains(tip, "With a mouse"));
}

TEST(pdf_tip, a_page_without_a_pdf_has_no_tip) {
  EXPECT_EQ(tip_of(page_of({link("ENG", "HTML"), link("ENG", "VIDEO")})), "");
  EXPECT_EQ(tip_of(page_of({})), "");
  page_view refused;
  refused.message = "You do not have permission to view this student's test score reports.";
  EXPECT_FALSE(contains(render_report_page(refused), "ssrlink-tip"));
}

TEST(pdf_tip, a_pdf_is_a_pdf_in_any_case) {
  EXPECT_TRUE(offers_pdf({link("ENG", "pdf")}));
  EXPECT_TRUE(offers_pdf({link("ENG", "HTML"), link("ENG", "Pdf")}));
  EXPECT_FALSE(offers_pdf({link("ENG", "HTML"), link("ENG", "PDFX")}));
  EXPECT_FALSE(offers_pdf({}));
  EXPECT_EQ(pdf_tip_html({link("ENG", "VIDEO")}, ui_language::en), "");
  EXPECT_FALSE(pdf_tip_html({link("ENG", "pdf")}, ui_language::en).empty());
}

TEST(pdf_tip, the_stylesheet_styles_the_tip_and_its_focus) {
  const std::string css(default_stylesheet());
  EXPECT_TRUE(contains(css, ".ssrlink-tip {")) << css;
  EXPECT_TRUE(contains(css, ".ssrlink-tip summary {")) << css;
  EXPECT_TRUE(contains(css, ".ssrlink summary:focus-visible")) << css;
  EXPECT_TRUE(contains(css, ".ssrlink-instructions {")) << css;
}

}  // namespace
}  // namespace ssrlink::core
