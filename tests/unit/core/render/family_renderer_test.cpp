// The family page's HTML (render/family_renderer.hpp): one section per child with only that
// child's red box and buttons, page-wide parts once, headings that name children by first name
// (never by ID), unique ids and heading order, and escaping of hostile names.
#include "core/render/family_renderer.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/i18n/ui_text.hpp"
#include "html_search.hpp"

namespace ssrlink::core {
namespace {

using testing::contains;
using testing::count;

using namespace std::chrono_literals;

report_link link(std::string test, std::string year, std::string language, std::string format,
                 const std::string &who) {
  report_link l;
  l.test = std::move(test);
  l.name = "name";
  l.year = std::move(year);
  l.grade = "05";
  l.subject = "ALL";
  l.language = std::move(language);
  l.format = std::move(format);
  l.status = "Final";
  l.url = "https://r.s3.amazonaws.com/" + who + "/" + l.test + l.year + l.language + l.format;
  l.expires_at = time_point{} + 30min;
  return l;
}

family_section_view child(std::string first_name, report_links reports = {},
                          std::optional<std::string> message = std::nullopt) {
  family_section_view section;
  section.first_name = std::move(first_name);
  section.reports = std::move(reports);
  section.message = std::move(message);
  return section;
}

// The text of the section that starts at the n-th (0-based) <section class="ssrlink-student".
std::string section_of(const std::string &html, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    at = html.find("<section class=\"ssrlink-student\"", i == 0 ? 0 : at + 1);
    if (at == std::string::npos) {
      return {};
    }
  }
  return html.substr(at, html.find("</section>", at) - at);
}

std::vector<std::string> all(const std::string &html, const std::string &pattern) {
  std::vector<std::string> found;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it) {
    found.push_back((*it)[1].str());
  }
  return found;
}

family_view two_children() {
  family_view view;
  view.students.push_back(child("Ana", {link("SB", "2024-25", "ENG", "PDF", "ana")}));
  view.students.push_back(child("Luis", {link("CAST", "2023-24", "ENG", "HTML", "luis")}));
  return view;
}

TEST(family_renderer, one_region_per_child_named_by_its_heading) {
  const std::string html = render_family_page(two_children());
  EXPECT_EQ(html.rfind("<section class=\"ssrlink ssrlink-family\" lang=\"en\"><h2 ", 0), 0U);
  EXPECT_EQ(count(html, "<section class=\"ssrlink-student\""), 2U);
  EXPECT_TRUE(contains(section_of(html, 0),
                       "aria-labelledby=\"ssrlink-family-student-1\"><h3 "
                       "class=\"ssrlink-student-name\" id=\"ssrlink-family-student-1\">Ana</h3>"));
  EXPECT_TRUE(contains(section_of(html, 1), ">Luis</h3>"));
  EXPECT_TRUE(contains(section_of(html, 1), "id=\"ssrlink-family-student-2\""));
}

TEST(family_renderer, a_section_holds_only_its_own_childs_buttons_and_message) {
  family_view view = two_children();
  view.students[1].reports.clear();
  view.students[1].message = "Ask the school.";
  const std::string html = render_family_page(view);
  const std::string ana = section_of(html, 0);
  const std::string luis = section_of(html, 1);
  EXPECT_TRUE(contains(ana, "/ana/"));
  EXPECT_FALSE(contains(ana, "Ask the school."));
  EXPECT_FALSE(contains(ana, "role=\"alert\""));
  EXPECT_TRUE(contains(luis, "<div class=\"ssrlink-error\" role=\"alert\"><p>Ask the school.</p>"));
  EXPECT_FALSE(contains(luis, "ssrlink-button"));
  EXPECT_EQ(count(html, "Ask the school."), 1U);
}

TEST(family_renderer, ids_are_unique_and_every_labelledby_points_at_one) {
  family_view view = two_children();
  view.students.push_back(child(""));
  view.students.push_back(child("Mia", {link("SB", "2024-25", "SPA", "PDF", "mia")}));
  const std::string html = render_family_page(view);
  const auto ids = all(html, R"re(\bid="([^"]*)")re");
  const std::set<std::string> distinct(ids.begin(), ids.end());
  EXPECT_EQ(ids.size(), 4U);
  EXPECT_EQ(distinct.size(), ids.size());
  for (const auto &target : all(html, R"re(aria-labelledby="([^"]*)")re")) {
    EXPECT_EQ(distinct.count(target), 1U) << target;
  }
}

TEST(family_renderer, headings_go_h2_then_h3_per_child_then_h4_per_test) {
  const std::string html = render_family_page(two_children());
  const auto levels = all(html, R"(<h([1-6])[ >])");
  ASSERT_FALSE(levels.empty());
  EXPECT_EQ(levels.front(), "2");
  EXPECT_EQ(count(html, "<h2 "), 1U);
  EXPECT_EQ(count(html, "<h3 class=\"ssrlink-student-name\""), 2U);
  EXPECT_EQ(count(html, "<h4 class=\"ssrlink-group-title\">"), 2U);
  EXPECT_FALSE(contains(html, "<h3 class=\"ssrlink-group-title\">"));
  // Never a jump of more than one level down.
  for (std::size_t i = 1; i < levels.size(); ++i) {
    EXPECT_LE(std::stoi(levels[i]), std::stoi(levels[i - 1]) + 1) << i;
  }
}

TEST(family_renderer, page_wide_parts_appear_once) {
  family_view view = two_children();
  view.students[1].reports.push_back(link("ELPAC", "2023-24", "ENG", "PDF", "luis"));
  view.instructions = page_instructions{"Call the office.", ui_language::en};
  view.refresh_url = "/family?refresh=1";
  const std::string html = render_family_page(view);
  EXPECT_EQ(count(html, "class=\"ssrlink-instructions\""), 1U);
  EXPECT_EQ(count(html, "<details class=\"ssrlink-tip\""), 1U);
  EXPECT_EQ(count(html, "class=\"ssrlink-notice\""), 1U);
  EXPECT_EQ(count(html, "href=\"/family?refresh=1\""), 1U);
  // Instructions before the first child, tip and notice after the last.
  EXPECT_LT(html.find("ssrlink-instructions"), html.find("ssrlink-student"));
  EXPECT_GT(html.find("ssrlink-tip"), html.rfind("</section><"));
  EXPECT_GT(html.find("ssrlink-notice"), html.find("ssrlink-tip"));
  EXPECT_FALSE(contains(section_of(html, 0), "ssrlink-notice"));
}

TEST(family_renderer, no_tip_without_a_pdf_and_no_notice_without_links) {
  family_view view;
  view.students.push_back(child("Ana", {link("CAST", "2023-24", "ENG", "HTML", "ana")}));
  std::string html = render_family_page(view);
  EXPECT_FALSE(contains(html, "ssrlink-tip"));
  EXPECT_TRUE(contains(html, "ssrlink-notice"));

  view.students[0].reports.clear();
  view.students[0].message = "Student does not have any test data";
  html = render_family_page(view);
  EXPECT_FALSE(contains(html, "ssrlink-notice"));
  EXPECT_FALSE(contains(html, "ssrlink-tip"));
}

TEST(family_renderer, no_child_gives_one_sentence_in_english_and_spanish) {
  family_view view;
  std::string html = render_family_page(view);
  EXPECT_TRUE(contains(html, "<p class=\"ssrlink-empty\">No students are linked to this account."));
  EXPECT_FALSE(contains(html, "ssrlink-student"));
  EXPECT_FALSE(contains(html, "ssrlink-notice"));
  view.language = ui_language::es;
  html = render_family_page(view);
  EXPECT_TRUE(contains(html, "lang=\"es\""));
  EXPECT_TRUE(contains(html, "No hay estudiantes vinculados a esta cuenta."));
  EXPECT_TRUE(contains(html, "Informes de resultados de las pruebas estatales"));
}

TEST(family_renderer, hostile_first_names_are_escaped) {
  family_view view;
  view.students.push_back(child("<script>alert(1)</script>\"&'"));
  view.students.push_back(child("<img src=x onerror=alert(1)>"));
  const std::string html = render_family_page(view);
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;"));
}

TEST(family_student_label, a_missing_name_gives_the_place_never_the_id) {
  const std::vector<std::string> names = {"Ana", "", "Luis"};
  EXPECT_EQ(family_student_label(names, 0, ui_language::en), "Ana");
  EXPECT_EQ(family_student_label(names, 1, ui_language::en), "Student 2 of 3");
  EXPECT_EQ(family_student_label(names, 1, ui_language::es), "Estudiante 2 de 3");
}

TEST(family_student_label, shared_first_names_are_told_apart_by_place) {
  const std::vector<std::string> names = {"Ana", "ANA", "Luis"};
  EXPECT_EQ(family_student_label(names, 0, ui_language::en), "Ana (student 1 of 3)");
  EXPECT_EQ(family_student_label(names, 1, ui_language::es), "ANA (estudiante 2 de 3)");
  EXPECT_EQ(family_student_label(names, 2, ui_language::en), "Luis");
}

TEST(family_student_label, a_name_holding_a_placeholder_stays_as_written) {
  const std::vector<std::string> names = {"{n}", "{n}"};
  EXPECT_EQ(family_student_label(names, 1, ui_language::en), "{n} (student 2 of 2)");
}

TEST(cleaned_first_name, trims_repairs_and_clips) {
  EXPECT_EQ(cleaned_first_name("  Ana \t"), "Ana");
  EXPECT_EQ(cleaned_first_name(" \t "), "");
  EXPECT_EQ(cleaned_first_name("Jos\xC3\xA9"), "Jos\xC3\xA9");
  EXPECT_NE(cleaned_first_name("A\xFF"), "A\xFF");  // invalid UTF-8 repaired
  const std::string long_name = cleaned_first_name(std::string(5000, 'x'));
  EXPECT_LE(long_name.size(), max_first_name_bytes);
  EXPECT_GE(long_name.size(), max_first_name_bytes - 3);
  EXPECT_EQ(long_name.substr(long_name.size() - 3), "\xE2\x80\xA6");  // "…"
}

TEST(family_renderer, single_page_is_unchanged_by_the_shared_parts) {
  // The single page still titles its groups h3 and shows the notice after the tip.
  page_view view;
  view.reports = {link("SB", "2024-25", "ENG", "PDF", "ana")};
  view.message = "m";
  const std::string html = render_report_page(view);
  EXPECT_TRUE(contains(html, "<h3 class=\"ssrlink-group-title\">"));
  EXPECT_FALSE(contains(html, "<h4"));
  EXPECT_LT(html.find("role=\"alert\""), html.find("ssrlink-groups"));
  EXPECT_LT(html.find("ssrlink-tip"), html.find("ssrlink-notice"));
}

}  // namespace
}  // namespace ssrlink::core
