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

}  // namespace ssrlink::core
