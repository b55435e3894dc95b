// Which of the district's instructions (its settings' parent_instructions: language tag → plain
// text) a page shows: pure functions of the viewer, the page's outcome and the settings, so the
// service reads the settings only for a page that can show them, and tests need no settings
// service.
//
// Rules (in this order):
//  instructions_apply, before the settings are read:
//   1. Only parents and students read them: they are the district's words to families (how to
//      read a report, whom to ask). Staff, teachers and admins get none on their pages; they see
//      what families read through ssrlink_settings_get.
//   2. Never on a denial (outcome denied), nor on not_found: a refused viewer learns nothing,
//      not even what the district tells its families. Every other outcome (reports, no_reports,
//      no_ssid, not_configured, ets_error) is a page shown to an entitled viewer and has them.
//  instructions_for, on the settings:
//   3. The text under the page's language tag ("en" or "es"; the tag's case is ignored).
//   4. Otherwise the English text ("en"), marked as English for the page's lang attribute.
//   5. Otherwise none. A text that is empty or blank (spaces, tabs and line ends only) counts
//      as none at steps 3 and 4, so a blank Spanish text falls back to the English one.
//   6. The text is made valid UTF-8 and bounded to max_instructions_bytes (the settings allow at
//      most 2,000 code points, which always fit), for the page and the JSON alike.
#pragma once

#include <optional>

#include "../i18n/ui_text.hpp"
#include "../render/instructions_html.hpp"
#include "../settings/district_settings.hpp"
#include "page_answer.hpp"
#include "page_request.hpp"

namespace ssrlink::core {

// Rules 1 and 2: may this page show the district's instructions at all?
bool instructions_apply(viewer_role role, page_outcome outcome);

// Rules 3 to 6: the instructions for a page in `language`, or nullopt when the district wrote
// none that fit.
std::optional<page_instructions> instructions_for(const district_settings &settings,
                                                  ui_language language);

}  // namespace ssrlink::core
