// The Manager's words (i18n/manager_text.hpp): every text in English and Spanish, the Spanish a
// translation, placeholders kept, and readable days in both languages. It sits with the sweep's
// tests because the Manager (sweep/manager_html) is its one reader.
#include "core/i18n/manager_text.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <string>

namespace ssrlink::testing {
namespace {

using namespace std::chrono;
using namespace ssrlink::core;

bool same_in_both(manager_text id) {
  return id == manager_text::send_notice_for;  // placeholders only
}

TEST(ManagerText, EveryTextHasEnglishAndSpanishWithTheSamePlaceholders) {
  for (std::size_t i = 0; i < static_cast<std::size_t>(manager_text::count_); ++i) {
    const auto id = static_cast<manager_text>(i);
    const std::string en(text(id, ui_language::en));
    const std::string es(text(id, ui_language::es));
    EXPECT_FALSE(en.empty()) << i;
    EXPECT_FALSE(es.empty()) << i;
    EXPECT_NE(en, "?") << i;
    if (!same_in_both(id)) {
      EXPECT_NE(en, es) << i << ": " << en;
    }
    for (const std::string placeholder :
         {"{id}", "{first}", "{last}", "{student}", "{test}", "{year}"}) {
      EXPECT_EQ(en.find(placeholder) == std::string::npos,
                es.find(placeholder) == std::string::npos)
          << i << " " << placeholder;
    }
  }
  EXPECT_EQ(text(manager_text::count_, ui_language::es), "?");
}

TEST(ManagerText, ReadableDaysInEachLanguage) {
  EXPECT_EQ(readable_day(2026y / November / 3, ui_language::en), "Nov 3, 2026");
  EXPECT_EQ(readable_day(2026y / November / 3, ui_language::es), "3 nov 2026");
  EXPECT_EQ(readable_day(2027y / January / 31, ui_language::en), "Jan 31, 2027");
  EXPECT_EQ(readable_day(2027y / September / 1, ui_language::es), "1 sept 2027");
  EXPECT_EQ(readable_day(2027y / December / 25, ui_language::es), "25 dic 2027");
}

}  // namespace
}  // namespace ssrlink::testing
