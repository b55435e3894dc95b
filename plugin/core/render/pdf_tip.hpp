// The phone and tablet tip under the report buttons. Some phones, tablets and Apple computers do
// not open a PDF in a new tab on a plain click or tap, so a page that offers a PDF says how to
// open one in a new window, folded into a <details> that costs one line until a person opens it:
//   <details class="ssrlink-tip"><summary>Does a PDF report not open on your phone, …?</summary>
//     <p>one sentence</p><ul><li>with a mouse</li><li>with a one-button mouse</li>
//     <li>with a trackpad or touch screen</li></ul></details>
//
// Rules (in this order):
//  1. Only a page that shows at least one PDF link (format "PDF", in any case) has the tip;
//     HTML and video reports open as web pages, so a page without a PDF has none.
//  2. Every viewer gets it, whatever their role: it is about their device.
//  3. The words are ui_text's pdf_tip_* in the page's language, escaped; closed at first, and
//     the browser opens and closes it without JavaScript.
#pragma once

#include <string>

#include "../i18n/ui_text.hpp"
#include "../model/report_link.hpp"

namespace ssrlink::core {

// Rule 1: true when a link of `reports` is a PDF.
bool offers_pdf(const report_links &reports);

// The <details> of rules 1 to 3, or "" when `reports` holds no PDF.
std::string pdf_tip_html(const report_links &reports, ui_language language);

}  // namespace ssrlink::core
