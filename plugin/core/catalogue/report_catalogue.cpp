#include "report_catalogue.hpp"

#include <array>
#include <cctype>

namespace ssrlink::core {
namespace {

// The catalogue. Report types follow docs/ets-protocol.md ("The catalogue"); where ETS's own code
// is not public, the code is the one the wire contract and fake-ets use.
constexpr std::array entries{
    // Report kinds, in the order the page lists tests of one year.
    catalogue_entry{code_kind::test, "SB", "Smarter Balanced Summative Assessments",
                    "Evaluaciones sumativas Smarter Balanced"},
    catalogue_entry{code_kind::test, "CAST", "California Science Test",
                    "Prueba de Ciencias de California (CAST)"},
    catalogue_entry{code_kind::test, "CAA", "California Alternate Assessments",
                    "Evaluaciones alternativas de California (CAA)"},
    catalogue_entry{code_kind::test, "CSA", "California Spanish Assessment",
                    "Evaluación de Español de California (CSA)"},
    // Served to SIS vendors under the same credentials since 2021: not a score report of its own
    // test, so it follows the tests it is derived from (Smarter Balanced ELA and mathematics).
    catalogue_entry{code_kind::test, "LQ", "Lexile and Quantile Measures Report",
                    "Informe de medidas Lexile y Quantile"},
    catalogue_entry{code_kind::test, "ELPAC", "Summative ELPAC", "ELPAC sumativa", {}, {}, true},
    catalogue_entry{code_kind::test,
                    "ALTELPAC",
                    "Summative Alternate ELPAC",
                    "ELPAC alternativa sumativa",
                    {},
                    {},
                    true},
    catalogue_entry{code_kind::test, "IELPAC", "Initial ELPAC", "ELPAC inicial", {}, {}, true},

    // Report languages: English, then the translations (Korean since 2022-23, Arabic since
    // 2023-24). Cantonese and Mandarin families both read Traditional Chinese reports.
    catalogue_entry{code_kind::language, "ENG", "English", "Inglés", "en", "00 eng"},
    catalogue_entry{code_kind::language, "SPA", "Spanish", "Español", "es", "01 spa"},
    catalogue_entry{code_kind::language, "VIE", "Vietnamese", "Vietnamita", "vi", "02 vie"},
    catalogue_entry{code_kind::language, "CHI", "Chinese (Traditional)", "Chino (tradicional)",
                    "zh-Hant", "03 07 chi zho yue cmn"},
    catalogue_entry{code_kind::language, "FIL", "Filipino", "Filipino", "fil", "05 fil tgl"},
    catalogue_entry{code_kind::language, "KOR", "Korean", "Coreano", "ko", "04 kor"},
    catalogue_entry{code_kind::language, "ARA", "Arabic", "Árabe", "ar", "11 ara"},

    // Formats, in button order. Since 2023-24 every SSR comes as PDF and HTML; video SSRs are
    // served under the same credentials where the LEA ordered them.
    catalogue_entry{code_kind::format, "PDF", "PDF", "PDF"},
    catalogue_entry{code_kind::format, "HTML", "HTML", "HTML"},
    catalogue_entry{code_kind::format, "VIDEO", "Video", "Video"},

    // Subjects of the per-subject HTML reports (the combined PDF says "ALL").
    catalogue_entry{code_kind::subject, "ELA", "English Language Arts",
                    "Artes del lenguaje en inglés"},
    catalogue_entry{code_kind::subject, "MATH", "Mathematics", "Matemáticas"},
    catalogue_entry{code_kind::subject, "SCI", "Science", "Ciencias"},
    catalogue_entry{code_kind::subject, "SCIENCE", "Science", "Ciencias"},
    catalogue_entry{code_kind::subject, "SPANISH", "Spanish", "Español"},

    // Grades below 1 by their CALPADS codes (1 to 12 are numbers, see grade_number). TK exists in
    // CALPADS since 2023-24; TK students were tested (ELPAC) in 2023-24 only.
    catalogue_entry{code_kind::grade, "TK", "Transitional kindergarten (TK)",
                    "Kínder de transición (TK)"},
    catalogue_entry{code_kind::grade, "KN", "Kindergarten", "Kínder"},
    catalogue_entry{code_kind::grade, "K", "Kindergarten", "Kínder"},
};

// Rule 1.
bool same_code(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Rule 2.
std::string name_in(const catalogue_entry *item, std::string_view raw, ui_language language) {
  if (item == nullptr) {
    return std::string(raw);
  }
  return std::string(language == ui_language::es ? item->es : item->en);
}

// Rule 4: the position among the rows of `kind`; unknown codes after every known one.
int rank_in(code_kind kind, std::string_view code) {
  int rank = 0;
  for (const auto &item : entries) {
    if (item.kind != kind) {
      continue;
    }
    if (same_code(item.code, code)) {
      return rank;
    }
    ++rank;
  }
  return rank;
}

// "1" to "12", with or without a leading zero ("05"), as a number; 0 for anything else.
int grade_number(std::string_view grade) {
  if (grade.empty() || grade.size() > 2) {
    return 0;
  }
  int number = 0;
  for (const char c : grade) {
    if (c < '0' || c > '9') {
      return 0;
    }
    number = number * 10 + (c - '0');
  }
  return number >= 1 && number <= 12 ? number : 0;
}

// Whether the space-separated `list` holds `code` (exactly: CALPADS codes have one spelling).
bool listed(std::string_view list, std::string_view code) {
  while (!list.empty()) {
    const auto space = list.find(' ');
    if (list.substr(0, space) == code) {
      return true;
    }
    list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
  }
  return false;
}

}  // namespace

std::span<const catalogue_entry> catalogue() {
  return entries;
}

const catalogue_entry *find_code(code_kind kind, std::string_view code) {
  for (const auto &item : entries) {
    if (item.kind == kind && same_code(item.code, code)) {
      return &item;
    }
  }
  return nullptr;
}

std::string test_display_name(std::string_view test_code, ui_language language) {
  return name_in(find_code(code_kind::test, test_code), test_code, language);
}

std::optional<std::string> known_test_name(std::string_view test_code, ui_language language) {
  const catalogue_entry *item = find_code(code_kind::test, test_code);
  if (item == nullptr) {
    return std::nullopt;
  }
  return name_in(item, test_code, language);
}

int test_rank(std::string_view test_code) {
  return rank_in(code_kind::test, test_code);
}

bool is_language_assessment_test(std::string_view test_code) {
  const catalogue_entry *item = find_code(code_kind::test, test_code);
  return item != nullptr && item->language_assessment;
}

std::string report_language_name(std::string_view ets_language, ui_language language) {
  return name_in(find_code(code_kind::language, ets_language), ets_language, language);
}

std::string_view report_language_tag(std::string_view ets_language) {
  const catalogue_entry *item = find_code(code_kind::language, ets_language);
  return item == nullptr ? std::string_view() : item->tag;
}

bool is_english(std::string_view ets_language) {
  return same_code(ets_language, "ENG");
}

std::string format_display_name(std::string_view format_code, ui_language language) {
  return name_in(find_code(code_kind::format, format_code), format_code, language);
}

int format_rank(std::string_view format_code) {
  return rank_in(code_kind::format, format_code);
}

std::string subject_display_name(std::string_view subject_code, ui_language language) {
  if (subject_code.empty() || same_code(subject_code, "ALL")) {
    return {};
  }
  return name_in(find_code(code_kind::subject, subject_code), subject_code, language);
}

std::string grade_display_name(std::string_view grade_code, ui_language language) {
  if (grade_code.empty()) {
    return {};
  }
  if (const catalogue_entry *item = find_code(code_kind::grade, grade_code)) {
    return name_in(item, grade_code, language);
  }
  const std::string word(text(ui_text::grade, language));
  if (const int number = grade_number(grade_code); number != 0) {
    return word + " " + std::to_string(number);
  }
  return word + " " + std::string(grade_code);
}

int grade_rank(std::string_view grade_code) {
  // TK and K (in catalogue order, before 1), then 1 to 12, then unknown ones.
  if (const int number = grade_number(grade_code); number != 0) {
    return 1 + number;
  }
  if (const catalogue_entry *item = find_code(code_kind::grade, grade_code)) {
    return same_code(item->code, "TK") ? 0 : 1;
  }
  return 100;
}

std::optional<std::string> ets_language_for_calpads(std::string_view calpads_code) {
  if (calpads_code.empty()) {
    return std::nullopt;
  }
  for (const auto &item : entries) {
    if (item.kind == code_kind::language && listed(item.calpads, calpads_code)) {
      return std::string(item.code);
    }
  }
  return std::nullopt;
}

}  // namespace ssrlink::core
