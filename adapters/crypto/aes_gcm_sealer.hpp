// AES-256-GCM sealing of TOMS Secret Keys at rest (the core's secret_sealer port).
//
// A sealed value is text: the marker "ssrseal1:" followed by base64 of
//   version (1 byte, 0x01) | key id (4 bytes) | nonce (12 bytes) | ciphertext | tag (16 bytes).
// The marker lets a database dump be checked for sealed values at a glance; the key id (the
// first bytes of a SHA-256 of the key, never the key) lets key rotation tell which key sealed a
// row. The version byte, the key id and the scope are authenticated as associated data, so a
// value copied onto another scope's row, or sealed under another key, does not open.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/ports/credential_store.hpp"

namespace ssrlink::crypto {

inline constexpr std::size_t seal_key_bytes = 32;
inline constexpr std::string_view sealed_marker = "ssrseal1:";

class aes_gcm_sealer final : public core::secret_sealer {
 public:
  // Copies the key; the caller may wipe its own copy afterwards.
  explicit aes_gcm_sealer(std::span<const unsigned char, seal_key_bytes> key);
  ~aes_gcm_sealer() override;  // wipes the key with OPENSSL_cleanse

  aes_gcm_sealer(const aes_gcm_sealer &) = delete;
  aes_gcm_sealer &operator=(const aes_gcm_sealer &) = delete;

  // Throws core::failure(internal) only when OpenSSL itself fails (no randomness, no cipher).
  std::string seal(std::string_view secret, std::string_view scope) const override;
  std::optional<std::string> open(std::string_view sealed, std::string_view scope) const override;

  // Eight hex characters naming this key, safe to log ("key 1a2b3c4d").
  std::string key_id_hex() const;

  // The key id of a sealed value in hex, or nullopt when `sealed` is not in this format: lets
  // an operator see which key sealed a row without being able to open it.
  static std::optional<std::string> sealed_key_id_hex(std::string_view sealed);

 private:
  std::array<unsigned char, seal_key_bytes> key_{};
  std::array<unsigned char, 4> key_id_{};
};

}  // namespace ssrlink::crypto
