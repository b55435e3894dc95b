// Which instructions a page shows (report_page/page_instructions.hpp), one test per rule and the
// full role × outcome matrix, with district_settings values built here: no settings service.
#include "core/report_page/page_instructions.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ssrlink::core {
namespace {

const std::vector<viewer_role> roles = {viewer_role::admin, viewer_role::staff,
                                        viewer_role::teacher, viewer_role::parent,
                                        viewer_role::student};
const std::vector<page_outcome> outcomes = {
    page_outcome::reports,   page_outcome::no_reports, page_outcome::denied,
    page_outcome::not_found, page_outcome::no_ssid,    page_outcome::not_configured,
    page_outcome::ets_error,
};

district_settings with(std::map<std::string, std::string> instructions) {
  district_settings settings;
  settings.parent_instructions = std::move(instructions);
  return settings;
}

TEST(instructions_apply, only_parents_and_students_on_pages_they_are_entitled_to) {
  for (const viewer_role role : roles) {
    for (const page_outcome outcome : outcomes) {
      const bool family = role == viewer_role::parent || role == viewer_role::student;
      const bool refused = outcome == page_outcome::denied || outcome == page_outcome::not_found;
      EXPECT_EQ(instructions_apply(role, outcome), family && !refused)
          << role_name(role) << " " << to_string(outcome);
    }
  }
}

TEST(instructions_apply, rule_1_staff_teachers_and_admins_get_none) {
  EXPECT_FALSE(instructions_apply(viewer_role::staff, page_outcome::reports));
  EXPECT_FALSE(instructions_apply(viewer_role::teacher, page_outcome::reports));
  EXPECT_FALSE(instructions_apply(viewer_role::admin, page_outcome::reports));
  EXPECT_TRUE(instructions_apply(viewer_role::parent, page_outcome::reports));
  EXPECT_TRUE(instructions_apply(viewer_role::student, page_outcome::reports));
}

TEST(instructions_apply, rule_2_never_on_a_denial) {
  EXPECT_FALSE(instructions_apply(viewer_role::parent, page_outcome::denied));
  EXPECT_FALSE(instructions_apply(viewer_role::student, page_outcome::denied));
  EXPECT_TRUE(instructions_apply(viewer_role::parent, page_outcome::ets_error));
  EXPECT_TRUE(instructions_apply(viewer_role::student, page_outcome::no_ssid));
}

TEST(instructions_for, rule_3_the_page_s_language) {
  const auto settings = with({{"en", "Read me."}, {"es", "Léame."}, {"vi", "Đọc tôi."}});
  EXPECT_EQ(instructions_for(settings, ui_language::es),
            (page_instructions{"Léame.", ui_language::es}));
  EXPECT_EQ(instructions_for(settings, ui_language::en),
            (page_instructions{"Read me.", ui_language::en}));
  // The tag's case does not matter.
  EXPECT_EQ(instructions_for(with({{"ES", "Léame."}}), ui_language::es),
            (page_instructions{"Léame.", ui_language::es}));
}

TEST(instructions_for, rule_4_english_when_the_page_s_language_has_none) {
  EXPECT_EQ(instructions_for(with({{"en", "Read me."}, {"vi", "Đọc tôi."}}), ui_language::es),
            (page_instructions{"Read me.", ui_language::en}));
  // A blank Spanish text is none, so English stands in.
  EXPECT_EQ(instructions_for(with({{"en", "Read me."}, {"es", " \n\t\r\n"}}), ui_language::es),
            (page_instructions{"Read me.", ui_language::en}));
}

TEST(instructions_for, rule_5_none_when_neither_is_written) {
  EXPECT_FALSE(instructions_for(with({}), ui_language::en));
  EXPECT_FALSE(instructions_for(with({}), ui_language::es));
  EXPECT_FALSE(instructions_for(with({{"vi", "Đọc tôi."}}), ui_language::es));
  EXPECT_FALSE(instructions_for(with({{"en", ""}, {"es", "  "}}), ui_language::es));
  // English pages never fall back to another language.
  EXPECT_FALSE(instructions_for(with({{"es", "Léame."}}), ui_language::en));
}

TEST(instructions_for, rule_6_valid_utf8_and_bounded) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(instructions_for(with({{"en", std::string("a\0b\xFF", 4)}}), ui_language::en)->text,
            "a" + fffd + "b" + fffd);
  std::string whole;
  for (int i = 0; i < 2000; ++i) {
    whole += "\xF0\x9F\x98\x80";  // 2,000 four-byte code points: the settings' most
  }
  EXPECT_EQ(instructions_for(with({{"en", whole}}), ui_language::en)->text, whole);
  const auto longer = instructions_for(with({{"en", whole + whole}}), ui_language::en);
  ASSERT_TRUE(longer);
  EXPECT_LE(longer->text.size(), max_instructions_bytes + 3);
  EXPECT_EQ(longer->text.substr(longer->text.size() - 3), "\xE2\x80\xA6");
}

}  // namespace
}  // namespace ssrlink::core
