// The report page as an HTML fragment the host places inside its own page:
//   <section class="ssrlink" lang="..">
//     <h2>heading</h2>
//     red box (role="alert", class ssrlink-error) when there is a message
//     the district's instructions (class ssrlink-instructions, instructions_html.hpp) when given
//     one <li class="ssrlink-group"> per test and year, newest year first, with an h3 naming the
//       test and year, the grade and Final/Preliminary, and one button-styled link per language,
//       format and subject (English first, then the home language), named in the page's language
//       ("Arabic PDF", "English Video") and carrying hreflang for catalogue languages
//     the phone and tablet tip (<details class="ssrlink-tip">, pdf_tip.hpp) when a link is a PDF
//     blue notice (role="status", class ssrlink-notice) that links live 30 minutes, with a "here"
//       link that asks the host for fresh ones
//   </section>
// No JavaScript; every value escaped with html_escape.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "../i18n/ui_text.hpp"
#include "../model/report_link.hpp"
#include "instructions_html.hpp"

namespace ssrlink::core {

enum class report_page_kind { test_scores, language_assessment };

struct page_view {
  ui_language language = ui_language::en;
  report_page_kind page = report_page_kind::test_scores;
  std::optional<std::string> message;  // shown in the red box
  std::optional<std::string> hint;     // a second sentence in the red box (staff and admins)
  // Links to show. The caller has already applied the page filter and the host allow-list;
  // the renderer still escapes every field.
  report_links reports;
  std::string refresh_url = "?refresh=1";  // validated by the caller; escaped here
  // The district's instructions to families; the caller decides who sees them
  // (report_page/page_instructions). Escaped here, paragraph by paragraph.
  std::optional<page_instructions> instructions;
};

// Sorts into page order: newest year first, then tests in catalogue order, then grade (TK, K, 1
// to 12); inside a test and year English first, then other languages, formats in catalogue order
// (PDF, HTML, video), then subject. The JSON
// `reports` array uses the same order as the page.
void sort_for_display(report_links &reports);

// Renders `view`. Sorts a copy of view.reports with sort_for_display.
std::string render_report_page(const page_view &view);

// The parts of the page, for the family page (family_renderer.hpp), which puts one child's red
// box and buttons in each of its sections and the page-wide parts once.

// The opening of every page: <section class="ssrlink" lang=".."><h2 ..>heading</h2>.
std::string page_opening_html(report_page_kind page, ui_language language);
// What the page shows of `sorted` (in sort_for_display order) between the instructions and the
// refresh notice: the groups of buttons and the PDF tip; "" for no links. Written once per cache
// entry by report_page/prepared_reports, which is why it is apart.
std::string report_body_html(const report_links &sorted, ui_language language);

// "State Test Score Reports" or the language assessment page's heading, unescaped.
std::string_view page_heading(report_page_kind page, ui_language language);
// The red box: "" without a message; the hint only with one.
std::string message_box_html(const std::optional<std::string> &message,
                             const std::optional<std::string> &hint);
// <ul class="ssrlink-groups"> of `sorted` (already in sort_for_display order), each group's
// title an h3 (heading_level 3, the page) or an h4 (4, under a family page's child); "" for
// no links.
std::string report_groups_html(const report_links &sorted, ui_language language, int heading_level);
// The blue notice that links live 30 minutes, its "here" link pointing at `refresh_url`.
std::string refresh_notice_html(std::string_view refresh_url, ui_language language);

}  // namespace ssrlink::core
