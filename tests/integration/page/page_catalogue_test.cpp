// The catalogue's newer kinds on a real page: fake-ets over TLS serves an Arabic report, a
// Lexile and Quantile Measures Report, video SSRs and a TK grade (tools/fake-ets/fixtures/
// test.json, SSID 1000000013); the library renders them through its C ABI.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "page_world.hpp"

namespace ssrlink::e2e {
namespace {

const std::string staff = R"({"role": "staff", "user_id": "clerk", "permitted": true})";

bool contains(const std::string &haystack, const std::string &needle) {
  return haystack.find(needle) != std::string::npos;
}

// The buttons of a page, each from "<a " to "</a>".
std::vector<std::string> buttons(const std::string &html) {
  std::vector<std::string> out;
  for (auto at = html.find("<a class=\"ssrlink-button\""); at != std::string::npos;
       at = html.find("<a class=\"ssrlink-button\"", at + 1)) {
    out.push_back(html.substr(at, html.find("</a>", at) + 4 - at));
  }
  return out;
}

// What a screen reader announces for a button: its text without tags.
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

// The one button whose accessible name is `name` (a test failure if not exactly one).
std::string button_named(const std::string &html, const std::string &name) {
  std::string found;
  int matches = 0;
  for (const auto &button : buttons(html)) {
    if (accessible_name(button) == name) {
      found = button;
      ++matches;
    }
  }
  EXPECT_EQ(matches, 1) << name << "\n" << html;
  return found;
}

TEST(PageCatalogue, ArabicLexileVideoAndTkReportsAreNamed) {
  const answer a = shared->page(catalogue, staff);
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  ASSERT_EQ(a.json.at("outcome").as_string(), "reports");
  const std::string html(a.json.at("html").as_string());

  const std::string arabic = button_named(html, "Arabic PDF (opens in a new tab)");
  EXPECT_TRUE(contains(arabic, " hreflang=\"ar\" ")) << arabic;
  EXPECT_TRUE(contains(arabic, "href=\"https://127.0.0.1:")) << arabic;
  const std::string video = button_named(html, "English Video (opens in a new tab)");
  EXPECT_TRUE(contains(video, "target=\"_blank\" rel=\"noopener noreferrer\""));
  button_named(html, "Arabic Video (opens in a new tab)");
  button_named(html, "Korean PDF (opens in a new tab)");
  EXPECT_TRUE(contains(html,
                       ">Lexile and Quantile Measures Report <span class=\"ssrlink-year\">"
                       "2024-25</span></h3>"));
  EXPECT_TRUE(
      contains(html, "<span class=\"ssrlink-grade\">Transitional kindergarten (TK)</span>"));
  EXPECT_TRUE(contains(html, "<span class=\"ssrlink-grade\">Grade 5</span>"));

  // The JSON keeps ETS's codes and names the language.
  bool arabic_video = false;
  for (const auto &report : a.json.at("reports").as_array()) {
    const auto &r = report.as_object();
    if (r.at("language") == "ARA" && r.at("format") == "VIDEO") {
      arabic_video = true;
      EXPECT_EQ(r.at("language_name"), "Arabic");
    }
  }
  EXPECT_TRUE(arabic_video);
}

TEST(PageCatalogue, SpanishNamesForTheNewKinds) {
  const answer a = shared->page(catalogue, staff, R"(, "ui_language": "es")");
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  const std::string html(a.json.at("html").as_string());
  button_named(html, "Árabe PDF (se abre en una pestaña nueva)");
  button_named(html, "Inglés Video (se abre en una pestaña nueva)");
  EXPECT_TRUE(contains(html, ">Informe de medidas Lexile y Quantile <span"));
  EXPECT_TRUE(contains(html, "Kínder de transición (TK)"));
}

TEST(PageCatalogue, HostileTextInANewKindIsEscaped) {
  const answer a = shared->page(catalogue, staff);
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  const std::string html(a.json.at("html").as_string());
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_FALSE(contains(html, "<script"));
  button_named(html,
               "English HTML \xE2\x80\x93 &lt;img src=x onerror=alert(1)&gt; (opens in a new tab)");
}

}  // namespace
}  // namespace ssrlink::e2e
