// core/json/json_text: the hand-written JSON strings of the warm page, checked against
// Boost.JSON's parser (what a host's JSON library will read) and against the rules by name.
#include "core/json/json_text.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

namespace ssrlink::core {
namespace {

std::string written(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

// What a JSON parser reads back from the written string.
std::string read_back(std::string_view text) {
  return std::string(boost::json::parse(written(text)).as_string());
}

TEST(json_text, plain_text_is_copied_between_quotes) {
  EXPECT_EQ(written("State Test Score Reports"), "\"State Test Score Reports\"");
  EXPECT_EQ(written(""), "\"\"");
}

TEST(json_text, rule_1_quotes_backslashes_and_controls_are_escaped) {
  EXPECT_EQ(written(R"(a "quoted" \ path)"), R"("a \"quoted\" \\ path")");
  EXPECT_EQ(written("line\nnext\ttab\rret\bbs\fff"), R"("line\nnext\ttab\rret\bbs\fff")");
  EXPECT_EQ(written(std::string("nul\0end", 7)), R"("nul\u0000end")");
  EXPECT_EQ(written("\x1f\x7f"), R"("\u001f\u007f")");
}

TEST(json_text, rule_2_valid_utf8_is_kept_and_invalid_bytes_are_replaced) {
  EXPECT_EQ(written("Espa\xC3\xB1ol \xE2\x80\x93 \xF0\x9F\x93\x84"),
            "\"Espa\xC3\xB1ol \xE2\x80\x93 \xF0\x9F\x93\x84\"");
  EXPECT_EQ(written("bad \xFF byte"), "\"bad \xEF\xBF\xBD byte\"");
  EXPECT_EQ(written("cut \xE2\x80"), "\"cut \xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(written("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong "/"
}

TEST(json_text, every_string_reads_back_as_written_when_it_was_valid_utf8) {
  for (const std::string &text :
       {std::string("<section class=\"ssrlink\" lang=\"es\">"), std::string("</script>"),
        std::string("a\\b\"c\nd"), std::string("\xC3\xA9t\xC3\xA9"),
        std::string(1, '\x01') + "x" + std::string(1, '\x7f')}) {
    EXPECT_EQ(read_back(text), text);
  }
}

TEST(json_text, chars_append_without_quotes) {
  std::string out = "x";
  append_json_chars(out, "a\"b");
  EXPECT_EQ(out, "xa\\\"b");
}

}  // namespace
}  // namespace ssrlink::core
