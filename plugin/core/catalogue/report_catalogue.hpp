// The one catalogue of ETS codes the product knows: test (reportType) names, report languages,
// subjects, and the CALPADS correspondence-language codes. Rendering and notification emails
// both name things through here, so a new test or language is added in one place.
//
// Unknown codes are returned raw (never dropped): ETS may add a report type before we learn it,
// and a raw code on the page is better than a missing report. Returned text is NOT escaped;
// callers escape it for their medium.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "../i18n/ui_text.hpp"

namespace ssrlink::core {

// "SB" → "Smarter Balanced Summative Assessments"; unknown → the raw code.
std::string test_display_name(std::string_view test_code, ui_language language);

// The catalogue's own name for a test, or nullopt for a code it does not know. For text that must
// carry only words we wrote (parent emails), where a raw ETS code would be ETS's free text.
std::optional<std::string> known_test_name(std::string_view test_code, ui_language language);

// Sort rank of a test on the page: known tests in catalogue order, unknown ones after them.
int test_rank(std::string_view test_code);

// True for the ELPAC family (ELPAC, ALTELPAC, IELPAC): the Language Assessment page shows these
// only.
bool is_language_assessment_test(std::string_view test_code);

// ETS report language code → name: "SPA" → "Spanish" / "Español"; unknown → the raw code.
std::string report_language_name(std::string_view ets_language, ui_language language);

// True for ETS's English code, which the page always lists first.
bool is_english(std::string_view ets_language);

// "ELA" → "English Language Arts"; "ALL" and "" → empty (a combined report needs no label);
// unknown → the raw code.
std::string subject_display_name(std::string_view subject, ui_language language);

// CALPADS correspondence language (STU.CL / CON.CL, two digits) → the ETS report language in
// which ETS sends the home-language report ("01" → "SPA"). nullopt for codes ETS does not
// translate into; English ("00") is "ENG".
std::optional<std::string> ets_language_for_calpads(std::string_view calpads_code);

}  // namespace ssrlink::core
