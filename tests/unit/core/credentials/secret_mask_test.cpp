#include "core/credentials/secret_mask.hpp"

#include <gtest/gtest.h>

namespace ssrlink::core {
namespace {

const std::string four_dots = "\u2022\u2022\u2022\u2022";

TEST(secret_mask, shows_only_the_last_four_characters_of_a_long_secret) {
  EXPECT_EQ(mask_secret("abcdefgh1234"), four_dots + "1234");
  EXPECT_EQ(mask_secret("Tq7vXk2pLm9sRw4zYb8n"), four_dots + "Yb8n");
}

TEST(secret_mask, masks_short_secrets_fully_and_hides_their_length) {
  EXPECT_EQ(mask_secret("abcdefg1234"), four_dots + four_dots);
  EXPECT_EQ(mask_secret("x"), four_dots + four_dots);
  EXPECT_EQ(mask_secret(""), four_dots + four_dots);
}

TEST(secret_mask, masks_fully_when_the_tail_is_not_plain_ascii) {
  EXPECT_EQ(mask_secret("abcdefghij\xc3\xa9\xc3\xa9"), four_dots + four_dots);
}

}  // namespace
}  // namespace ssrlink::core
