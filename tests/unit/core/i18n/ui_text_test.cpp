// The page's sentences and labels: every text exists in English and Spanish, the Spanish one is
// a translation (not a copy left behind), placeholders survive translation, and language codes
// and unknown IDs fall back the documented way.
#include "core/i18n/ui_text.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "core/text/utf8.hpp"

namespace ssrlink::core {
namespace {

std::vector<ui_text> every_text() {
  std::vector<ui_text> all;
  for (std::size_t i = 0; i < static_cast<std::size_t>(ui_text::count_); ++i) {
    all.push_back(static_cast<ui_text>(i));
  }
  return all;
}

// Texts that are the same word in both languages, or punctuation.
bool same_in_both(ui_text id) {
  return id == ui_text::status_final || id == ui_text::notice_after;
}

TEST(ui_text, every_text_has_english_and_spanish) {
  ASSERT_GT(every_text().size(), 20U);
  for (const ui_text id : every_text()) {
    const auto index = static_cast<int>(id);
    const std::string_view en = text(id, ui_language::en);
    const std::string_view es = text(id, ui_language::es);
    EXPECT_FALSE(en.empty()) << index;
    EXPECT_FALSE(es.empty()) << index;
    EXPECT_NE(en, "?") << index;
    EXPECT_NE(es, "?") << index;
    if (!same_in_both(id)) {
      EXPECT_NE(en, es) << "untranslated: " << en;
    }
  }
}

TEST(ui_text, texts_are_valid_utf8_without_markup) {
  for (const ui_text id : every_text()) {
    for (const ui_language language : {ui_language::en, ui_language::es}) {
      const std::string_view t = text(id, language);
      for (std::size_t i = 0; i < t.size();) {
        const std::size_t n = utf8_sequence_length(t, i);
        ASSERT_GT(n, 0U) << t;
        i += n;
      }
      // The renderer escapes every text; a tag here would show as text, not as markup.
      EXPECT_EQ(t.find('<'), std::string_view::npos) << t;
    }
  }
}

TEST(ui_text, distinct_sentences_for_distinct_errors) {
  for (const ui_language language : {ui_language::en, ui_language::es}) {
    std::set<std::string_view> seen;
    for (const ui_text id :
         {ui_text::not_authorized, ui_text::no_test_data, ui_text::ssid_not_found,
          ui_text::enrollment_mismatch, ui_text::internal_error, ui_text::processing_error,
          ui_text::no_ssid, ui_text::tests_inaccessible, ui_text::not_permitted,
          ui_text::student_not_found, ui_text::not_configured_staff,
          ui_text::not_configured_public}) {
      EXPECT_TRUE(seen.insert(text(id, language)).second) << text(id, language);
    }
  }
}

TEST(ui_text, ets_error_sentences_are_the_ones_ets_documents) {
  EXPECT_EQ(text(ui_text::not_authorized, ui_language::en),
            "You are not authorized to make this request");
  EXPECT_EQ(text(ui_text::no_test_data, ui_language::en), "Student does not have any test data");
  EXPECT_EQ(text(ui_text::ssid_not_found, ui_language::en),
            "Student identification number not found");
  EXPECT_EQ(text(ui_text::ssid_not_found, ui_language::es),
            "No se encontró el número de identificación del estudiante");
}

TEST(ui_text, placeholders_survive_translation) {
  for (const ui_language language : {ui_language::en, ui_language::es}) {
    const std::string_view hint = text(ui_text::credentials_expired_hint, language);
    EXPECT_NE(hint.find("{date}"), std::string_view::npos) << hint;
  }
  // The family page's headings keep their placeholders in both languages too.
  for (const ui_language language : {ui_language::en, ui_language::es}) {
    for (const ui_text id : {ui_text::family_student_unnamed, ui_text::family_student_same_name}) {
      const std::string_view heading = text(id, language);
      EXPECT_NE(heading.find("{n}"), std::string_view::npos) << heading;
      EXPECT_NE(heading.find("{count}"), std::string_view::npos) << heading;
    }
    EXPECT_NE(text(ui_text::family_student_same_name, language).find("{name}"),
              std::string_view::npos);
  }
  for (const ui_text id : every_text()) {
    if (id != ui_text::credentials_expired_hint && id != ui_text::family_student_unnamed &&
        id != ui_text::family_student_same_name) {
      EXPECT_EQ(text(id, ui_language::en).find('{'), std::string_view::npos);
      EXPECT_EQ(text(id, ui_language::es).find('{'), std::string_view::npos);
    }
  }
}

TEST(ui_text, the_notice_reads_as_one_sentence) {
  const auto notice = [](ui_language language) {
    return std::string(text(ui_text::notice_before, language)) +
           std::string(text(ui_text::notice_here, language)) +
           std::string(text(ui_text::notice_after, language));
  };
  EXPECT_EQ(notice(ui_language::en),
            "Score report links are valid for 30 minutes. To get new links, click here.");
  EXPECT_EQ(notice(ui_language::es),
            "Los enlaces a los informes son válidos por 30 minutos. Para obtener enlaces nuevos, "
            "haga clic aquí.");
}

TEST(ui_text, an_unknown_id_reads_as_a_question_mark_never_empty) {
  EXPECT_EQ(text(ui_text::count_, ui_language::en), "?");
  EXPECT_EQ(text(static_cast<ui_text>(1000), ui_language::es), "?");
}

TEST(ui_language, spanish_codes_and_everything_else_is_english) {
  // "es", in any case, alone or before a region separator.
  for (const char *code : {"es", "ES", "eS", "es-MX", "es_419", "ES-es", "es-"}) {
    EXPECT_EQ(parse_ui_language(code), ui_language::es) << code;
  }
  for (const char *code : {"", "en", "e", "s", "esp", "fr", "xx", "en-ES", " es", "es ", "es.MX"}) {
    EXPECT_EQ(parse_ui_language(code), ui_language::en) << code;
  }
}

TEST(ui_language, tags_for_lang_attributes) {
  EXPECT_EQ(language_tag(ui_language::en), "en");
  EXPECT_EQ(language_tag(ui_language::es), "es");
  EXPECT_EQ(language_tag(parse_ui_language("es-MX")), "es");
  EXPECT_EQ(language_tag(parse_ui_language("de")), "en");
}

}  // namespace
}  // namespace ssrlink::core
