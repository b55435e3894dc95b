// The district's instructions to families (its settings' parent_instructions, chosen for a page by
// report_page/page_instructions) as HTML, after the red box and before the report buttons:
//   <div class="ssrlink-instructions" lang="es"><p>a paragraph<br>its next line</p><p>…</p></div>
//
// Rules (in this order):
//  1. The text is made valid UTF-8 and bounded to max_instructions_bytes (with "…" when cut):
//     2,000 code points, the settings' limit, always fit whole.
//  2. CR LF and a lone CR end a line like LF.
//  3. Paragraphs are split on blank lines (empty, or spaces and tabs only); several blank lines
//     are one break, and blank lines before the first and after the last paragraph are dropped.
//  4. Inside a paragraph every line end is a <br>.
//  5. Every character is escaped with html_escape: nothing in the text becomes markup, so an
//     address, a `javascript:` or a `<script>` stays text and no link is made.
//  6. A text without a paragraph left renders nothing ("").
#pragma once

#include <cstddef>
#include <string>

#include "../i18n/ui_text.hpp"

namespace ssrlink::core {

// 2,000 code points (settings/district_settings.hpp, max_instruction_chars) of at most 4 bytes.
inline constexpr std::size_t max_instructions_bytes = 8000;

// The instructions one page shows, and the language they are written in (the page's, or English
// when the district wrote none in the page's language), for the lang attribute.
struct page_instructions {
  std::string text;  // plain text, as the district wrote it
  ui_language language = ui_language::en;

  bool operator==(const page_instructions &) const = default;
};

// Rules 1 to 6.
std::string instructions_html(const page_instructions &instructions);

}  // namespace ssrlink::core
