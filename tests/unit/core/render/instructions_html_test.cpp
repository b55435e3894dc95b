// The district's instructions on the page (render/instructions_html.hpp): paragraphs on blank
// lines, <br> for single line ends, every character escaped, no link made, and the whole
// 2,000-character text the settings allow.
#include "core/render/instructions_html.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/render/page_renderer.hpp"
#include "html_search.hpp"

namespace ssrlink::core {
namespace {

using testing::contains;

using namespace std::chrono_literals;

std::string html_of(const std::string &text, ui_language language = ui_language::en) {
  return instructions_html({text, language});
}

std::string repeated(const std::string &piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) {
    out += piece;
  }
  return out;
}

TEST(instructions_html, paragraphs_on_blank_lines_and_br_for_single_line_ends) {
  EXPECT_EQ(html_of("Scores arrive in the summer.\nAsk the counselor.\n\nThank you."),
            "<div class=\"ssrlink-instructions\" lang=\"en\"><p>Scores arrive in the summer.<br>"
            "Ask the counselor.</p><p>Thank you.</p></div>");
}

TEST(instructions_html, crlf_cr_and_runs_of_blank_lines_are_one_break) {
  EXPECT_EQ(html_of("\r\n\n  \nOne\r\ntwo\rthree\r\n\r\n \t \n\n\nFour\n\n\n"),
            "<div class=\"ssrlink-instructions\" lang=\"en\"><p>One<br>two<br>three</p>"
            "<p>Four</p></div>");
}

TEST(instructions_html, the_lang_attribute_names_the_text_s_language) {
  EXPECT_EQ(html_of("Hola", ui_language::es),
            "<div class=\"ssrlink-instructions\" lang=\"es\"><p>Hola</p></div>");
}

TEST(instructions_html, hostile_text_is_escaped_and_no_link_is_made) {
  const std::string html = html_of(
      "<script>alert(1)</script>\n"
      "javascript:alert(document.cookie)\n"
      "Tom & Jerry's \"school\"\n\n"
      "<a href=\"https://evil.example/\">click</a> https://district.example/help");
  EXPECT_FALSE(contains(html, "<script")) << html;
  EXPECT_FALSE(contains(html, "<a")) << html;
  EXPECT_FALSE(contains(html, "href=\"")) << html;  // an attribute, not the escaped text
  EXPECT_TRUE(contains(html,
                       "<p>&lt;script&gt;alert(1)&lt;/script&gt;<br>"
                       "javascript:alert(document.cookie)<br>"
                       "Tom &amp; Jerry&#39;s &quot;school&quot;</p>"))
      << html;
  EXPECT_TRUE(contains(html,
                       "<p>&lt;a href=&quot;https://evil.example/&quot;&gt;click&lt;/a&gt; "
                       "https://district.example/help</p>"))
      << html;
}

TEST(instructions_html, control_characters_and_broken_utf8_are_replaced) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(html_of(std::string("a\0b\x1B[31m \xFF", 10)),
            "<div class=\"ssrlink-instructions\" lang=\"en\"><p>a" + fffd + "b" + fffd + "[31m " +
                fffd + "</p></div>");
}

TEST(instructions_html, a_text_of_two_thousand_characters_is_shown_whole) {
  // 2,000 code points is the settings' limit: two-byte and four-byte ones fit whole.
  for (const std::string &piece : {std::string("\xC3\xA9"), std::string("\xF0\x9F\x98\x80")}) {
    const std::string text = repeated(piece, 2000);
    EXPECT_EQ(html_of(text),
              "<div class=\"ssrlink-instructions\" lang=\"en\"><p>" + text + "</p></div>");
  }
  // 2,000 ampersands: each escaped, none lost.
  const std::string amps = html_of(repeated("&", 2000));
  EXPECT_TRUE(contains(amps, "<p>" + repeated("&amp;", 2000) + "</p>"));
}

TEST(instructions_html, a_longer_text_is_bounded) {
  const std::string html = html_of(repeated("\xF0\x9F\x98\x80", 3000));
  EXPECT_LT(html.size(), max_instructions_bytes + 100);
  EXPECT_TRUE(contains(html, "\xE2\x80\xA6</p>")) << "cut with an ellipsis";
}

TEST(instructions_html, a_blank_text_renders_nothing) {
  EXPECT_EQ(html_of(""), "");
  EXPECT_EQ(html_of(" \n\t\r\n  "), "");
}

TEST(instructions_html, on_the_page_after_the_red_box_and_before_the_buttons) {
  page_view view;
  view.message = "Student does not have any test data";
  view.instructions = page_instructions{"Call <us>.", ui_language::en};
  std::string html = render_report_page(view);
  const auto box = html.find("ssrlink-error");
  const auto instructions = html.find("<div class=\"ssrlink-instructions\" lang=\"en\">");
  ASSERT_NE(instructions, std::string::npos) << html;
  EXPECT_LT(box, instructions);
  EXPECT_TRUE(contains(html, "<p>Call &lt;us&gt;.</p>"));

  report_link l;
  l.test = "SB";
  l.year = "2024-25";
  l.language = "ENG";
  l.format = "PDF";
  l.url = "https://r.s3.amazonaws.com/x";
  l.expires_at = time_point{} + 30min;
  view.message.reset();
  view.reports = {l};
  view.language = ui_language::es;  // English instructions on a Spanish page keep lang="en"
  html = render_report_page(view);
  EXPECT_TRUE(contains(html, "<section class=\"ssrlink\" lang=\"es\">"));
  EXPECT_LT(html.find("lang=\"en\"><p>Call"), html.find("ssrlink-groups"));

  view.instructions.reset();
  EXPECT_FALSE(contains(render_report_page(view), "ssrlink-instructions"));
  view.instructions = page_instructions{"\n\n", ui_language::en};
  EXPECT_FALSE(contains(render_report_page(view), "ssrlink-instructions"));
}

}  // namespace
}  // namespace ssrlink::core
