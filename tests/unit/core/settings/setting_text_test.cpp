// setting_text.hpp: the text checks of rules 2 and 3, at their edges.
#include "core/settings/setting_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ssrlink::test {
namespace {

using namespace core;

TEST(setting_text, language_tags) {
  for (const char *tag : {"en", "es", "zh-Hant", "fil", "es-419", "ABCDEFGH"}) {
    EXPECT_TRUE(is_language_tag(tag)) << tag;
  }
  for (const char *tag : {"", "e", "ABCDEFGHI", "en_US", "e n", "én"}) {
    EXPECT_FALSE(is_language_tag(tag)) << tag;
  }
}

TEST(setting_text, instruction_text) {
  EXPECT_EQ(instruction_problem("Line one.\r\n\tLine two.", 100), "");
  EXPECT_EQ(instruction_problem("", 100), "");
  EXPECT_EQ(instruction_problem("ééé", 3), "") << "code points, not bytes";
  EXPECT_EQ(instruction_problem("éééé", 3), "must be at most 3 characters long");
  EXPECT_EQ(instruction_problem("caf\xE9", 100), "must be valid UTF-8");
  for (const std::string &text :
       {std::string("a\x01"), std::string("a\x7F"), std::string("a\xC2\x85"),
        std::string("a\0b", 3), std::string("a\x1B[31m")}) {
    EXPECT_EQ(instruction_problem(text, 100),
              "must not contain control characters other than newline, tab and carriage return")
        << text;
  }
}

TEST(setting_text, email_addresses) {
  for (const char *address : {"a@b.example", "o'brien+ssr@mail.k12.ca.us", "José@escuela.mx"}) {
    EXPECT_TRUE(is_email_address(address)) << address;
  }
  for (const char *address : {"", "a", "a@b", "@b.example", "a@@b.example", "a@b@c.example",
                              "a b@c.example", "a@.example", "a@example.", "a\t@b.example",
                              "a@b.example\n", "a\xC2\x85@b.example", "\xFF@b.example"}) {
    EXPECT_FALSE(is_email_address(address)) << address;
  }
  const std::string longest = std::string(254 - 10, 'a') + "@b.example";
  EXPECT_EQ(longest.size(), 254U);
  EXPECT_TRUE(is_email_address(longest));
  EXPECT_FALSE(is_email_address("a" + longest));
}

}  // namespace
}  // namespace ssrlink::test
