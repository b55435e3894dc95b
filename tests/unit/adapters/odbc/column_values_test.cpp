#include "odbc/column_values.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ssrlink::odbc {
namespace {

TEST(odbc_column_values, a_flag_is_set_by_any_non_zero_value_and_never_by_null) {
  EXPECT_TRUE(flag(1));
  EXPECT_TRUE(flag(-1));
  EXPECT_FALSE(flag(0));
  EXPECT_FALSE(flag(std::nullopt));
}

TEST(odbc_column_values, text_within_the_width_is_kept_whole) {
  EXPECT_EQ(clip_to_width("Final", 32), "Final");
  EXPECT_EQ(clip_to_width("Final", 5), "Final");
  EXPECT_EQ(clip_to_width("", 0), "");
}

TEST(odbc_column_values, longer_text_is_cut_on_a_character_boundary) {
  EXPECT_EQ(clip_to_width("Preliminary", 4), "Prel");
  // "é" is two bytes (C3 A9): a cut after its first byte keeps neither.
  EXPECT_EQ(clip_to_width("caf\xC3\xA9", 4), "caf");
  EXPECT_EQ(clip_to_width("caf\xC3\xA9!", 5), "caf\xC3\xA9");
  // A four-byte character at the start leaves nothing rather than a broken sequence.
  EXPECT_EQ(clip_to_width("\xF0\x9F\x98\x80", 3), "");
}

}  // namespace
}  // namespace ssrlink::odbc
