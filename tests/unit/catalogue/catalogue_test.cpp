// The catalogue of ETS codes and the UI strings in both languages.
#include <gtest/gtest.h>

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
