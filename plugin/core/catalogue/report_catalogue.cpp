#include "report_catalogue.hpp"

#include <array>
#include <cctype>

namespace ssrlink::core {
namespace {

struct named_code {
  std::string_view code;
  std::string_view en;
  std::string_view es;
};

// The report types of docs/ets-protocol.md, in the order the page lists tests of one year.
constexpr std::array<named_code, 7> tests{{
    {"SB", "Smarter Balanced Summative Assessments", "Evaluaciones sumativas Smarter Balanced"},
    {"CAST", "California Science Test", "Prueba de Ciencias de California (CAST)"},
    {"CAA", "California Alternate Assessments", "Evaluaciones alternativas de California (CAA)"},
    {"CSA", "California Spanish Assessment", "Evaluación de Español de California (CSA)"},
    {"ELPAC", "Summative ELPAC", "ELPAC sumativa"},
    {"ALTELPAC", "Summative Alternate ELPAC", "ELPAC alternativa sumativa"},
    {"IELPAC", "Initial ELPAC", "ELPAC inicial"},
}};

constexpr std::array<named_code, 6> languages{{
    {"ENG", "English", "Inglés"},
    {"SPA", "Spanish", "Español"},
    {"VIE", "Vietnamese", "Vietnamita"},
    {"CHI", "Chinese (Traditional)", "Chino (tradicional)"},
    {"FIL", "Filipino", "Filipino"},
    {"KOR", "Korean", "Coreano"},
}};

constexpr std::array<named_code, 5> subjects{{
    {"ELA", "English Language Arts", "Artes del lenguaje en inglés"},
    {"MATH", "Mathematics", "Matemáticas"},
    {"SCI", "Science", "Ciencias"},
    {"SCIENCE", "Science", "Ciencias"},
    {"SPANISH", "Spanish", "Español"},
}};

struct calpads_code {
  std::string_view calpads;
  std::string_view ets;
};

// CALPADS language codes for which ETS prints a translated report (Cantonese and Mandarin both
// read Traditional Chinese reports).
constexpr std::array<calpads_code, 7> calpads{{
    {"00", "ENG"},
    {"01", "SPA"},
    {"02", "VIE"},
    {"03", "CHI"},
    {"04", "KOR"},
    {"05", "FIL"},
    {"07", "CHI"},
}};

// Codes are compared case-insensitively: ETS's case is not part of the contract.
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

template <std::size_t n>
const named_code *find(const std::array<named_code, n> &table, std::string_view code) {
  for (const auto &item : table) {
    if (same_code(item.code, code)) {
      return &item;
    }
  }
  return nullptr;
}

std::string name_in(const named_code *item, std::string_view raw, ui_language language) {
  if (item == nullptr) {
    return std::string(raw);
  }
  return std::string(language == ui_language::es ? item->es : item->en);
}

}  // namespace

std::string test_display_name(std::string_view test_code, ui_language language) {
  return name_in(find(tests, test_code), test_code, language);
}

std::optional<std::string> known_test_name(std::string_view test_code, ui_language language) {
  const named_code *item = find(tests, test_code);
  if (item == nullptr) {
    return std::nullopt;
  }
  return name_in(item, test_code, language);
}

int test_rank(std::string_view test_code) {
  for (std::size_t i = 0; i < tests.size(); ++i) {
    if (same_code(tests[i].code, test_code)) {
      return static_cast<int>(i);
    }
  }
  return static_cast<int>(tests.size());
}

bool is_language_assessment_test(std::string_view test_code) {
  return same_code(test_code, "ELPAC") || same_code(test_code, "ALTELPAC") ||
         same_code(test_code, "IELPAC");
}

std::string report_language_name(std::string_view ets_language, ui_language language) {
  return name_in(find(languages, ets_language), ets_language, language);
}

bool is_english(std::string_view ets_language) {
  return same_code(ets_language, "ENG");
}

std::string subject_display_name(std::string_view subject, ui_language language) {
  if (subject.empty() || same_code(subject, "ALL")) {
    return {};
  }
  return name_in(find(subjects, subject), subject, language);
}

std::optional<std::string> ets_language_for_calpads(std::string_view calpads_code) {
  for (const auto &item : calpads) {
    if (item.calpads == calpads_code) {
      return std::string(item.ets);
    }
  }
  return std::nullopt;
}

}  // namespace ssrlink::core
