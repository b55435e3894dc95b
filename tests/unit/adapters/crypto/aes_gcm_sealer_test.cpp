#include "crypto/aes_gcm_sealer.hpp"

#include <gtest/gtest.h>

#include <array>

#include "crypto/base64.hpp"

namespace ssrlink::crypto {
namespace {

using key_type = std::array<unsigned char, seal_key_bytes>;

key_type key_filled_with(unsigned char first) {
  key_type key{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<unsigned char>(first + i);
  }
  return key;
}

constexpr std::string_view secret = "Tq7vXk2pLm9sRw4zYb8n";

// Decodes a sealed value, lets `change` alter its bytes, and encodes it again.
template <typename F>
std::string altered(const std::string &sealed, F change) {
  auto bytes = base64_decode(std::string_view(sealed).substr(sealed_marker.size()));
  EXPECT_TRUE(bytes.has_value());
  change(*bytes);
  return std::string(sealed_marker) + base64_encode(*bytes);
}

class aes_gcm_sealer_test : public ::testing::Test {
 protected:
  aes_gcm_sealer sealer{key_filled_with(1)};
};

TEST_F(aes_gcm_sealer_test, round_trip_returns_the_secret) {
  const auto sealed = sealer.seal(secret, "district");
  const auto opened = sealer.open(sealed, "district");
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(*opened, secret);
}

TEST_F(aes_gcm_sealer_test, round_trip_of_empty_and_long_secrets) {
  const std::string long_secret(256, 'k');
  for (const std::string &s : {std::string(), long_secret}) {
    const auto opened = sealer.open(sealer.seal(s, "0042"), "0042");
    ASSERT_TRUE(opened.has_value());
    EXPECT_EQ(*opened, s);
  }
}

TEST_F(aes_gcm_sealer_test, sealed_text_is_marked_and_never_holds_the_secret) {
  const auto sealed = sealer.seal(secret, "district");
  EXPECT_EQ(sealed.rfind(sealed_marker, 0), 0u);
  EXPECT_EQ(sealed.find(secret), std::string::npos);
  // version + key id + nonce + ciphertext + tag
  const auto bytes = base64_decode(std::string_view(sealed).substr(sealed_marker.size()));
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->size(), 1 + 4 + 12 + secret.size() + 16);
  EXPECT_EQ((*bytes)[0], 0x01);
}

TEST_F(aes_gcm_sealer_test, two_seals_of_the_same_secret_differ) {
  const auto a = sealer.seal(secret, "district");
  const auto b = sealer.seal(secret, "district");
  EXPECT_NE(a, b);
  EXPECT_EQ(sealer.open(a, "district"), sealer.open(b, "district"));
}

TEST_F(aes_gcm_sealer_test, value_moved_to_another_scope_does_not_open) {
  const auto sealed = sealer.seal(secret, "0042");
  EXPECT_FALSE(sealer.open(sealed, "0043").has_value());
  EXPECT_FALSE(sealer.open(sealed, "district").has_value());
  EXPECT_FALSE(sealer.open(sealed, "").has_value());
}

TEST_F(aes_gcm_sealer_test, value_sealed_under_another_key_does_not_open) {
  const aes_gcm_sealer other(key_filled_with(100));
  EXPECT_NE(other.key_id_hex(), sealer.key_id_hex());
  EXPECT_FALSE(other.open(sealer.seal(secret, "district"), "district").has_value());
  EXPECT_FALSE(sealer.open(other.seal(secret, "district"), "district").has_value());
}

TEST_F(aes_gcm_sealer_test, another_key_with_a_forged_key_id_still_does_not_open) {
  const aes_gcm_sealer other(key_filled_with(100));
  const auto sealed = other.seal(secret, "district");
  const auto mine =
      base64_decode(std::string_view(sealer.seal("x", "district")).substr(sealed_marker.size()));
  ASSERT_TRUE(mine.has_value());
  // Passes the key id check, so the tag check is what refuses it.
  const auto forged = altered(sealed, [&](std::vector<unsigned char> &bytes) {
    std::copy(mine->begin() + 1, mine->begin() + 5, bytes.begin() + 1);
  });
  EXPECT_FALSE(sealer.open(forged, "district").has_value());
}

TEST_F(aes_gcm_sealer_test, any_flipped_byte_makes_it_fail_to_open) {
  const auto sealed = sealer.seal(secret, "district");
  const auto size = base64_decode(std::string_view(sealed).substr(sealed_marker.size()))->size();
  for (std::size_t i = 0; i < size; ++i) {
    const auto tampered =
        altered(sealed, [i](std::vector<unsigned char> &bytes) { bytes[i] ^= 0x01; });
    EXPECT_FALSE(sealer.open(tampered, "district").has_value()) << "byte " << i;
  }
}

TEST_F(aes_gcm_sealer_test, truncated_or_malformed_values_do_not_open) {
  const auto sealed = sealer.seal(secret, "district");
  const auto shortened =
      altered(sealed, [](std::vector<unsigned char> &bytes) { bytes.resize(bytes.size() - 1); });
  EXPECT_FALSE(sealer.open(shortened, "district").has_value());
  EXPECT_FALSE(sealer.open(sealed.substr(sealed_marker.size()), "district").has_value());
  EXPECT_FALSE(sealer.open("", "district").has_value());
  EXPECT_FALSE(sealer.open("ssrseal1:", "district").has_value());
  EXPECT_FALSE(sealer.open("ssrseal1:!!!!", "district").has_value());
  EXPECT_FALSE(sealer.open(secret, "district").has_value());  // a secret stored in clear
}

TEST_F(aes_gcm_sealer_test, key_id_of_a_sealed_value_names_the_key_that_sealed_it) {
  const aes_gcm_sealer other(key_filled_with(100));
  EXPECT_EQ(aes_gcm_sealer::sealed_key_id_hex(sealer.seal(secret, "district")),
            sealer.key_id_hex());
  EXPECT_EQ(aes_gcm_sealer::sealed_key_id_hex(other.seal(secret, "district")), other.key_id_hex());
  EXPECT_EQ(sealer.key_id_hex().size(), 8u);
  EXPECT_FALSE(aes_gcm_sealer::sealed_key_id_hex("not sealed").has_value());
}

}  // namespace
}  // namespace ssrlink::crypto
