// The catalogue of ETS codes and the UI strings in both languages.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "core/catalogue/report_catalogue.hpp"
#include "core/i18n/ui_text.hpp"

namespace ssrlink::core {
namespace {

TEST(catalogue, names_known_tests_and_keeps_unknown_codes_raw) {
  EXPECT_EQ(test_display_name("SB", ui_language::en), "Smarter Balanced Summative Assessments");
  EXPECT_EQ(test_display_name("CAST", ui_language::en), "California Science Test");
  EXPECT_EQ(test_display_name("CAA", ui_language::en), "California Alternate Assessments");
  EXPECT_EQ(test_display_name("CSA", ui_language::en), "California Spanish Assessment");
  EXPECT_EQ(test_display_name("ELPAC", ui_language::en), "Summative ELPAC");
  EXPECT_EQ(test_display_name("ALTELPAC", ui_language::en), "Summative Alternate ELPAC");
  EXPECT_EQ(test_display_name("IELPAC", ui_language::en), "Initial ELPAC");
  EXPECT_EQ(test_display_name("ielpac", ui_language::es), "ELPAC inicial");
  EXPECT_EQ(test_display_name("LEXILE", ui_language::en), "LEXILE");
  EXPECT_EQ(test_display_name("<b>", ui_language::es), "<b>");  // raw: callers escape
}

TEST(catalogue, known_test_name_names_only_codes_it_knows) {
  EXPECT_EQ(known_test_name("SB", ui_language::en), "Smarter Balanced Summative Assessments");
  EXPECT_EQ(known_test_name("SB", ui_language::es), "Evaluaciones sumativas Smarter Balanced");
  EXPECT_EQ(known_test_name("elpac", ui_language::en), "Summative ELPAC");
  EXPECT_EQ(known_test_name("ELPAC", ui_language::es), "ELPAC sumativa");
  for (const char *code : {"LEXILE", "", " SB", "SB ", "SB\r\nURGENT", "<b>"}) {
    EXPECT_EQ(known_test_name(code, ui_language::en), std::nullopt) << code;
    EXPECT_EQ(known_test_name(code, ui_language::es), std::nullopt) << code;
  }
}

TEST(catalogue, test_rank_orders_known_before_unknown) {
  EXPECT_LT(test_rank("SB"), test_rank("CAST"));
  EXPECT_LT(test_rank("CSA"), test_rank("ELPAC"));
  EXPECT_LT(test_rank("IELPAC"), test_rank("ZZZ"));
  EXPECT_EQ(test_rank("ZZZ"), test_rank("AAA"));
}

TEST(catalogue, language_assessment_family) {
  for (const char *code : {"ELPAC", "ALTELPAC", "IELPAC", "elpac"}) {
    EXPECT_TRUE(is_language_assessment_test(code)) << code;
  }
  for (const char *code : {"SB", "CAST", "CAA", "CSA", "ELPACX", ""}) {
    EXPECT_FALSE(is_language_assessment_test(code)) << code;
  }
}

TEST(catalogue, report_languages_in_english_and_spanish) {
  EXPECT_EQ(report_language_name("ENG", ui_language::en), "English");
  EXPECT_EQ(report_language_name("ENG", ui_language::es), "Inglés");
  EXPECT_EQ(report_language_name("SPA", ui_language::en), "Spanish");
  EXPECT_EQ(report_language_name("SPA", ui_language::es), "Español");
  EXPECT_EQ(report_language_name("VIE", ui_language::en), "Vietnamese");
  EXPECT_EQ(report_language_name("CHI", ui_language::en), "Chinese (Traditional)");
  EXPECT_EQ(report_language_name("CHI", ui_language::es), "Chino (tradicional)");
  EXPECT_EQ(report_language_name("FIL", ui_language::en), "Filipino");
  EXPECT_EQ(report_language_name("KOR", ui_language::en), "Korean");
  EXPECT_EQ(report_language_name("ARM", ui_language::en), "ARM");
  EXPECT_TRUE(is_english("ENG"));
  EXPECT_FALSE(is_english("SPA"));
}

TEST(catalogue, subjects) {
  EXPECT_EQ(subject_display_name("ALL", ui_language::en), "");
  EXPECT_EQ(subject_display_name("", ui_language::en), "");
  EXPECT_EQ(subject_display_name("ELA", ui_language::en), "English Language Arts");
  EXPECT_EQ(subject_display_name("MATH", ui_language::es), "Matemáticas");
  EXPECT_EQ(subject_display_name("HISTORY", ui_language::en), "HISTORY");
}

TEST(catalogue, calpads_correspondence_codes) {
  EXPECT_EQ(ets_language_for_calpads("00"), "ENG");
  EXPECT_EQ(ets_language_for_calpads("01"), "SPA");
  EXPECT_EQ(ets_language_for_calpads("02"), "VIE");
  EXPECT_EQ(ets_language_for_calpads("03"), "CHI");  // Cantonese
  EXPECT_EQ(ets_language_for_calpads("07"), "CHI");  // Mandarin
  EXPECT_EQ(ets_language_for_calpads("04"), "KOR");
  EXPECT_EQ(ets_language_for_calpads("05"), "FIL");
  EXPECT_EQ(ets_language_for_calpads("06"), std::nullopt);
  EXPECT_EQ(ets_language_for_calpads(""), std::nullopt);
}

std::string upper(std::string_view code) {
  std::string out(code);
  for (char &c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

TEST(catalogue, one_table_with_unique_codes_and_both_names) {
  std::set<std::pair<int, std::string>> codes;
  std::set<std::string> calpads_codes;
  int languages = 0;
  for (const catalogue_entry &row : catalogue()) {
    EXPECT_FALSE(row.code.empty());
    EXPECT_FALSE(row.en.empty()) << row.code;
    EXPECT_FALSE(row.es.empty()) << row.code;
    EXPECT_TRUE(codes.emplace(static_cast<int>(row.kind), upper(row.code)).second)
        << "code listed twice in one kind: " << row.code;
    EXPECT_EQ(find_code(row.kind, row.code), &row);
    if (row.kind == code_kind::language) {
      ++languages;
      EXPECT_FALSE(row.tag.empty()) << "a report language needs its BCP 47 tag: " << row.code;
      EXPECT_FALSE(row.calpads.empty()) << row.code;
      std::string_view list = row.calpads;
      while (!list.empty()) {
        const auto space = list.find(' ');
        const std::string code(list.substr(0, space));
        EXPECT_TRUE(calpads_codes.insert(code).second) << "CALPADS code in two rows: " << code;
        EXPECT_EQ(ets_language_for_calpads(code), std::string(row.code)) << code;
        list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
      }
    } else {
      EXPECT_TRUE(row.tag.empty() && row.calpads.empty()) << row.code;
    }
    if (row.kind != code_kind::test) {
      EXPECT_FALSE(row.language_assessment) << row.code;
    }
  }
  EXPECT_EQ(languages, 7);  // English plus the six translations
}

TEST(catalogue, arabic_and_korean_reports_since_2022_and_2023) {
  EXPECT_EQ(report_language_name("ARA", ui_language::en), "Arabic");
  EXPECT_EQ(report_language_name("ara", ui_language::es), "Árabe");
  EXPECT_EQ(report_language_name("KOR", ui_language::es), "Coreano");
  EXPECT_EQ(report_language_tag("ARA"), "ar");
  EXPECT_EQ(report_language_tag("KOR"), "ko");
  EXPECT_EQ(report_language_tag("CHI"), "zh-Hant");
  EXPECT_EQ(report_language_tag("ENG"), "en");
  EXPECT_EQ(report_language_tag("HMN"), "");  // unknown: no guessed tag
  EXPECT_EQ(report_language_tag("\"><x"), "");
  EXPECT_EQ(ets_language_for_calpads("11"), "ARA");   // two-digit code
  EXPECT_EQ(ets_language_for_calpads("ara"), "ARA");  // three-letter code, from 2023-24
  EXPECT_EQ(ets_language_for_calpads("kor"), "KOR");
  EXPECT_EQ(ets_language_for_calpads("yue"), "CHI");  // Cantonese
  EXPECT_EQ(ets_language_for_calpads("12"), std::nullopt);
  EXPECT_EQ(ets_language_for_calpads("ARA"), std::nullopt);  // CALPADS codes have one spelling
}

TEST(catalogue, lexile_and_quantile_report_kind) {
  EXPECT_EQ(test_display_name("LQ", ui_language::en), "Lexile and Quantile Measures Report");
  EXPECT_EQ(test_display_name("lq", ui_language::es), "Informe de medidas Lexile y Quantile");
  EXPECT_EQ(known_test_name("LQ", ui_language::en), "Lexile and Quantile Measures Report");
  EXPECT_FALSE(is_language_assessment_test("LQ"));
  EXPECT_LT(test_rank("SB"), test_rank("LQ"));
  EXPECT_LT(test_rank("LQ"), test_rank("ELPAC"));
  EXPECT_LT(test_rank("LQ"), test_rank("LEXILE"));  // unknown codes after every known one
}

TEST(catalogue, formats_pdf_html_and_video) {
  EXPECT_EQ(format_display_name("PDF", ui_language::en), "PDF");
  EXPECT_EQ(format_display_name("html", ui_language::es), "HTML");
  EXPECT_EQ(format_display_name("VIDEO", ui_language::en), "Video");
  EXPECT_EQ(format_display_name("video", ui_language::es), "Video");
  EXPECT_EQ(format_display_name("EPUB", ui_language::en), "EPUB");
  EXPECT_LT(format_rank("pdf"), format_rank("HTML"));
  EXPECT_LT(format_rank("HTML"), format_rank("VIDEO"));
  EXPECT_LT(format_rank("VIDEO"), format_rank("EPUB"));
  EXPECT_EQ(format_rank("EPUB"), format_rank("DOCX"));
}

TEST(catalogue, grades_tk_k_and_numbers) {
  EXPECT_EQ(grade_display_name("TK", ui_language::en), "Transitional kindergarten (TK)");
  EXPECT_EQ(grade_display_name("tk", ui_language::es), "Kínder de transición (TK)");
  EXPECT_EQ(grade_display_name("KN", ui_language::en), "Kindergarten");
  EXPECT_EQ(grade_display_name("K", ui_language::es), "Kínder");
  EXPECT_EQ(grade_display_name("05", ui_language::en), "Grade 5");
  EXPECT_EQ(grade_display_name("5", ui_language::es), "Grado 5");
  EXPECT_EQ(grade_display_name("12", ui_language::en), "Grade 12");
  EXPECT_EQ(grade_display_name("13", ui_language::en), "Grade 13");  // unknown: raw
  EXPECT_EQ(grade_display_name("00", ui_language::en), "Grade 00");
  EXPECT_EQ(grade_display_name("<b>", ui_language::en), "Grade <b>");  // raw: callers escape
  EXPECT_EQ(grade_display_name("", ui_language::en), "");
  EXPECT_LT(grade_rank("TK"), grade_rank("KN"));
  EXPECT_EQ(grade_rank("KN"), grade_rank("K"));
  EXPECT_LT(grade_rank("KN"), grade_rank("01"));
  EXPECT_LT(grade_rank("2"), grade_rank("10"));  // by number, not by text
  EXPECT_EQ(grade_rank("05"), grade_rank("5"));
  EXPECT_LT(grade_rank("12"), grade_rank("13"));
}

TEST(i18n, parse_ui_language) {
  EXPECT_EQ(parse_ui_language("es"), ui_language::es);
  EXPECT_EQ(parse_ui_language("ES"), ui_language::es);
  EXPECT_EQ(parse_ui_language("es-MX"), ui_language::es);
  EXPECT_EQ(parse_ui_language("en"), ui_language::en);
  EXPECT_EQ(parse_ui_language("est"), ui_language::en);
  EXPECT_EQ(parse_ui_language("vi"), ui_language::en);  // unknown → English
  EXPECT_EQ(parse_ui_language(""), ui_language::en);
}

TEST(i18n, every_text_exists_in_both_languages) {
  for (int i = 0; i < static_cast<int>(ui_text::count_); ++i) {
    const auto id = static_cast<ui_text>(i);
    EXPECT_FALSE(text(id, ui_language::en).empty()) << i;
    EXPECT_FALSE(text(id, ui_language::es).empty()) << i;
  }
  // Sentences are actually translated (the short labels "Final" and "." may coincide).
  for (const auto id : {ui_text::not_authorized, ui_text::no_test_data, ui_text::ssid_not_found,
                        ui_text::enrollment_mismatch, ui_text::internal_error,
                        ui_text::processing_error, ui_text::no_ssid, ui_text::tests_inaccessible,
                        ui_text::not_configured_staff, ui_text::not_configured_public,
                        ui_text::notice_before, ui_text::notice_here, ui_text::grade}) {
    EXPECT_NE(text(id, ui_language::en), text(id, ui_language::es)) << static_cast<int>(id);
  }
}

TEST(i18n, ets_messages_are_the_documented_sentences) {
  EXPECT_EQ(text(ui_text::not_authorized, ui_language::en),
            "You are not authorized to make this request");
  EXPECT_EQ(text(ui_text::enrollment_mismatch, ui_language::en),
            "Student enrollment record does not match calling district");
  EXPECT_EQ(text(ui_text::processing_error, ui_language::en),
            "There was an error while processing the request");
  EXPECT_NE(text(ui_text::credentials_expired_hint, ui_language::es).find("{date}"),
            std::string_view::npos);
  EXPECT_NE(text(ui_text::credentials_expired_hint, ui_language::en).find("{date}"),
            std::string_view::npos);
}

}  // namespace
}  // namespace ssrlink::core
