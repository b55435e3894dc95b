// The one catalogue of ETS codes the product knows, in ONE table (catalogue()): report kinds
// (reportType), report languages, formats, subjects and grades, each with its English and
// Spanish name, and for languages the BCP 47 tag of the report and the CALPADS correspondence
// codes it answers. Rendering, the JSON result and notification emails all name things through
// here, so a new test, language, format or grade is one row.
//
// Rules:
//  1. Codes are compared case-insensitively: ETS's case is not part of the contract.
//  2. Unknown codes are returned raw (never dropped): ETS may add a report type, language or
//     format before we learn it, and a raw code on the page is better than a missing report.
//  3. Returned text is NOT escaped; callers escape it for their medium.
//  4. Rows of one kind are listed in page order: that order is the sort rank.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "../i18n/ui_text.hpp"

namespace ssrlink::core {

enum class code_kind { test, language, format, subject, grade };

struct catalogue_entry {
  code_kind kind;
  std::string_view code;  // as ETS sends it
  std::string_view en;    // the name staff and parents read
  std::string_view es;
  // Languages: the BCP 47 tag of a report in this language, written as hreflang on its button.
  std::string_view tag = {};
  // Languages: the CALPADS correspondence codes (STU.CL / CON.CL) whose families ETS sends a
  // report in this language, space-separated: the two-digit codes, then the three-letter ones
  // CALPADS uses from 2023-24.
  std::string_view calpads = {};
  // Tests: shown on the Language Assessment page (the ELPAC family).
  bool language_assessment = false;
};

// Every row, grouped by kind, each kind in page order (rule 4).
std::span<const catalogue_entry> catalogue();

// The row of `code` in `kind`, or nullptr (rule 1).
const catalogue_entry *find_code(code_kind kind, std::string_view code);

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

// ETS report language code → BCP 47 tag of the report ("ARA" → "ar"); empty when unknown, so a
// guess is never written into the page.
std::string_view report_language_tag(std::string_view ets_language);

// True for ETS's English code, which the page always lists first.
bool is_english(std::string_view ets_language);

// "PDF" → "PDF", "VIDEO" → "Video" / "Video"; unknown → the raw code.
std::string format_display_name(std::string_view format, ui_language language);

// Sort rank of a format inside one test and year: PDF, HTML, video, then unknown ones.
int format_rank(std::string_view format);

// "ELA" → "English Language Arts"; "ALL" and "" → empty (a combined report needs no label);
// unknown → the raw code.
std::string subject_display_name(std::string_view subject, ui_language language);

// ETS grade → what the page says: "TK" → "Transitional kindergarten (TK)", "KN" →
// "Kindergarten", "05" or "5" → "Grade 5"; "" → empty; anything else → "Grade " + raw.
std::string grade_display_name(std::string_view grade, ui_language language);

// Sort rank of a grade: TK, K, 1 to 12, then unknown ones.
int grade_rank(std::string_view grade);

// CALPADS correspondence language (STU.CL / CON.CL) → the ETS report language in which ETS sends
// the home-language report ("01" → "SPA", "11" → "ARA"). nullopt for codes ETS does not
// translate into; English ("00") is "ENG".
std::optional<std::string> ets_language_for_calpads(std::string_view calpads_code);

}  // namespace ssrlink::core
