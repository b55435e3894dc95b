// Every sentence and label the report page shows, in English and Spanish. ETS's own `message`
// text is never shown: the page maps ETS error codes onto these sentences instead, so a person
// always reads a sentence we wrote, in their language.
#pragma once

#include <string>
#include <string_view>

namespace ssrlink::core {

enum class ui_language { en, es };

// "es", "es-MX", "ES" → Spanish; anything else (unknown, empty) → English.
ui_language parse_ui_language(std::string_view code);

// The BCP 47 tag written into lang="..".
std::string_view language_tag(ui_language language);

enum class ui_text {
  // ETS error codes (docs/ets-protocol.md).
  not_authorized,
  no_test_data,
  ssid_not_found,
  enrollment_mismatch,
  internal_error,
  processing_error,
  // Raised by ssrlink itself.
  no_ssid,
  tests_inaccessible,
  not_permitted,
  student_not_found,
  not_configured_staff,
  not_configured_public,
  credentials_expired_hint,  // "{date}" is replaced by the expiry day
  // The blue notice: before + <a>here</a> + after.
  notice_before,
  notice_here,
  notice_after,
  // Headings and labels.
  heading_test_scores,
  heading_language_assessment,
  status_final,
  status_preliminary,
  grade,
  opens_in_new_tab,
  // The phone and tablet tip under the links of a page with a PDF (render/pdf_tip): the summary,
  // one sentence before the list, and one item per way of pointing.
  pdf_tip_summary,
  pdf_tip_intro,
  pdf_tip_mouse,
  pdf_tip_one_button_mouse,
  pdf_tip_touch,
  // The family page (a parent's request without student_id, report_page/family_page): the
  // sentence when the account has no linked student, and the section heading of a child without
  // a first name ("{n}" its place, "{count}" the number of children) or whose first name a
  // sibling shares ("{name}" too), so every heading and region name stays distinct.
  family_no_students,
  family_student_unnamed,
  family_student_same_name,
  count_  // not a text: the number of texts
};

// The text in `language`; never empty.
std::string_view text(ui_text id, ui_language language);

}  // namespace ssrlink::core
