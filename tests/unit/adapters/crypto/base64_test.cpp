#include "crypto/base64.hpp"

#include <gtest/gtest.h>

namespace ssrlink::crypto {
namespace {

std::vector<unsigned char> bytes_of(std::string_view s) {
  return {s.begin(), s.end()};
}

TEST(base64, encodes_rfc4648_vectors) {
  EXPECT_EQ(base64_encode(bytes_of("")), "");
  EXPECT_EQ(base64_encode(bytes_of("f")), "Zg==");
  EXPECT_EQ(base64_encode(bytes_of("fo")), "Zm8=");
  EXPECT_EQ(base64_encode(bytes_of("foo")), "Zm9v");
  EXPECT_EQ(base64_encode(bytes_of("foobar")), "Zm9vYmFy");
}

TEST(base64, decodes_what_it_encodes_at_every_padding_length) {
  for (std::string s : {"", "a", "ab", "abc", "abcd", "abcde"}) {
    const auto decoded = base64_decode(base64_encode(bytes_of(s)));
    ASSERT_TRUE(decoded.has_value()) << s;
    EXPECT_EQ(*decoded, bytes_of(s));
  }
}

TEST(base64, refuses_non_canonical_text) {
  EXPECT_FALSE(base64_decode("Zg=").has_value());       // length not a multiple of 4
  EXPECT_FALSE(base64_decode("Zg==Zg==").has_value());  // padding in the middle
  EXPECT_FALSE(base64_decode("Z===").has_value());      // three padding characters
  EXPECT_FALSE(base64_decode("Zm9 ").has_value());      // whitespace
  EXPECT_FALSE(base64_decode("Zm9*").has_value());      // not in the alphabet
}

}  // namespace
}  // namespace ssrlink::crypto
