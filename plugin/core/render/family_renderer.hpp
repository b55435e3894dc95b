// The family page (a parent's ssrlink_reports without student_id) as an HTML fragment: one
// section per linked child holding what that child's own page shows, and the page-wide parts
// once:
//   <section class="ssrlink ssrlink-family" lang="..">
//     <h2 class="ssrlink-title">heading</h2>
//     the district's instructions (instructions_html.hpp), when given
//     <p class="ssrlink-empty">no linked student</p>, when there is no child
//     per child: <section class="ssrlink-student" aria-labelledby="ssrlink-family-student-N">
//       <h3 class="ssrlink-student-name" id="ssrlink-family-student-N">label</h3>
//       the child's red box, then its report groups with h4 titles
//     </section>
//     the phone and tablet tip (pdf_tip.hpp), when any child has a PDF
//     the blue 30-minute notice, when any child has links
//   </section>
//
// Rules (in this order):
//  1. A child's section shows exactly its own page's red box (message and hint) and report
//     buttons, in its own page's order; nothing of one child appears in another's section.
//  2. What belongs to the page, not the child, is shown once: the heading, the district's
//     instructions (after the heading, before the first section), the PDF tip (after the last
//     section, when a section offers a PDF) and the 30-minute notice with its "here" link (last,
//     when a section shows links). The "here" link asks for the whole family page again.
//  3. A section's heading names the child by first name (family_student_label), never by ID,
//     so a parent tells siblings apart; each section is a region named by its heading.
//  4. Headings go h2 (the page), h3 (a child), h4 (a test and year); ids are
//     "ssrlink-family-student-N" with N the child's 1-based place, so they are unique within
//     the fragment.
//  5. No child: the section holds the heading and one sentence (ui_text family_no_students).
//  6. Every value is escaped with html_escape; no JavaScript.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../i18n/ui_text.hpp"
#include "../model/report_link.hpp"
#include "instructions_html.hpp"
#include "page_renderer.hpp"

namespace ssrlink::core {

// A first name is shown (and returned in the JSON) cut to this many bytes: a name, not a text.
inline constexpr std::size_t max_first_name_bytes = 100;

// What one child's section shows: its page's outcome already decided elsewhere.
struct family_section_view {
  std::string first_name;              // as the database holds it; cleaned and escaped here
  std::optional<std::string> message;  // the child's red box
  std::optional<std::string> hint;
  report_links reports;  // allowed and filtered; sorted here with sort_for_display
};

struct family_view {
  ui_language language = ui_language::en;
  report_page_kind page = report_page_kind::test_scores;
  std::string refresh_url = "?refresh=1";  // validated by the caller; escaped here
  std::optional<page_instructions> instructions;
  std::vector<family_section_view> students;  // in the order the page lists them
};

// The first name as shown and returned: valid UTF-8, spaces and tabs around it dropped,
// cut (with "…") to at most max_first_name_bytes. May be empty.
std::string cleaned_first_name(std::string_view first_name);

// Rule 3, unescaped: the child's cleaned first name; "Student 2 of 3" when it is empty; "Ana
// (student 2 of 3)" when another child of the list has the same cleaned first name (compared
// without regard to ASCII case), so no two sections share a name. `index` is 0-based.
std::string family_student_label(const std::vector<std::string> &cleaned_first_names,
                                 std::size_t index, ui_language language);

// Rules 1 to 6.
std::string render_family_page(const family_view &view);

}  // namespace ssrlink::core
