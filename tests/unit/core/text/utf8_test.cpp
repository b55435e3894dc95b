#include "core/text/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ssrlink::core {
namespace {

TEST(Utf8, SequenceLengthsOfValidAndInvalidText) {
  const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";  // a é 中 😀
  EXPECT_EQ(utf8_sequence_length(text, 0), 1U);
  EXPECT_EQ(utf8_sequence_length(text, 1), 2U);
  EXPECT_EQ(utf8_sequence_length(text, 3), 3U);
  EXPECT_EQ(utf8_sequence_length(text, 6), 4U);
  for (const std::string &bad : {std::string("\xC0\xAF"),          // overlong
                                 std::string("\xED\xA0\x80"),      // surrogate
                                 std::string("\xF4\x90\x80\x80"),  // above U+10FFFF
                                 std::string("\xE4\xB8"),          // truncated
                                 std::string("\x80"),              // lone continuation
                                 std::string("\xC3\x28")}) {       // bad continuation
    EXPECT_EQ(utf8_sequence_length(bad, 0), 0U);
  }
}

TEST(Utf8, CutsNeverSplitASequence) {
  const std::string text = "a\xC3\xA9\xE4\xB8\xAD";  // a é 中: bytes 0 | 1-2 | 3-5
  EXPECT_EQ(utf8_cut(text, 10), text.size());        // fits: no cut
  EXPECT_EQ(utf8_cut(text, 6), 6U);
  EXPECT_EQ(utf8_cut(text, 5), 3U);  // inside 中: back to its lead byte
  EXPECT_EQ(utf8_cut(text, 4), 3U);
  EXPECT_EQ(utf8_cut(text, 3), 3U);
  EXPECT_EQ(utf8_cut(text, 2), 1U);  // inside é
  EXPECT_EQ(utf8_cut(text, 0), 0U);
}

TEST(Utf8, CodePointsDecode) {
  const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";
  EXPECT_EQ(utf8_code_point(text, 0, 1), U'a');
  EXPECT_EQ(utf8_code_point(text, 1, 2), U'\u00E9');
  EXPECT_EQ(utf8_code_point(text, 3, 3), U'\u4E2D');
  EXPECT_EQ(utf8_code_point(text, 6, 4), U'\U0001F600');
}

TEST(Utf8, LineControlsAreTheOnesThatForgeLines) {
  for (const char32_t c : {U'\0', U'\n', U'\r', U'\t', U'\x7F', U'\u0085', U'\u2028', U'\u2029',
                           U'\u202A', U'\u202E', U'\u2066', U'\u2069'}) {
    EXPECT_TRUE(is_line_control(c)) << static_cast<unsigned>(c);
  }
  for (const char32_t c : {U' ', U'a', U'\u00A0', U'\u00E9', U'\u2027', U'\u202F', U'\u2065',
                           U'\u206A', U'\U0001F600'}) {
    EXPECT_FALSE(is_line_control(c)) << static_cast<unsigned>(c);
  }
}

}  // namespace
}  // namespace ssrlink::core
