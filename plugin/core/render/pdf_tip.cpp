#include "pdf_tip.hpp"

#include <algorithm>

#include "../text/ascii.hpp"
#include "text_safety.hpp"

namespace ssrlink::core {

bool offers_pdf(const report_links &reports) {
  return std::any_of(reports.begin(), reports.end(),
                     [](const report_link &link) { return ascii_lower(link.format) == "pdf"; });
}

std::string pdf_tip_html(const report_links &reports, ui_language language) {
  if (!offers_pdf(reports)) {  // rule 1
    return {};
  }
  // Rules 2 and 3: the same words for every viewer, in the page's language.
  std::string html = "<details class=\"ssrlink-tip\"><summary>";
  html += html_escape(text(ui_text::pdf_tip_summary, language));
  html += "</summary><p>";
  html += html_escape(text(ui_text::pdf_tip_intro, language));
  html += "</p><ul>";
  for (const ui_text way :
       {ui_text::pdf_tip_mouse, ui_text::pdf_tip_one_button_mouse, ui_text::pdf_tip_touch}) {
    html += "<li>";
    html += html_escape(text(way, language));
    html += "</li>";
  }
  html += "</ul></details>";
  return html;
}

}  // namespace ssrlink::core
