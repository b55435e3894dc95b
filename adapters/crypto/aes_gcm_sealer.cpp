#include "crypto/aes_gcm_sealer.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "crypto/base64.hpp"

namespace ssrlink::crypto {
namespace {

constexpr unsigned char format_version = 0x01;
constexpr std::size_t key_id_bytes = 4;
constexpr std::size_t nonce_bytes = 12;
constexpr std::size_t tag_bytes = 16;
constexpr std::size_t header_bytes = 1 + key_id_bytes + nonce_bytes;

struct cipher_ctx_deleter {
  void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_deleter>;

[[noreturn]] void openssl_failed(const char *step) {
  throw core::failure(core::status::internal,
                      "Sealing the TOMS Secret Key failed inside OpenSSL; nothing was stored.",
                      step);
}

// The associated data: version and key id (so the header cannot be altered) and the scope.
std::vector<unsigned char> associated_data(const unsigned char *header_prefix,
                                           std::string_view scope) {
  // Built byte by byte: GCC 12's -Warray-bounds misreads a range insert after a range
  // construction here at -O2.
  std::vector<unsigned char> aad;
  aad.reserve(1 + key_id_bytes + scope.size());
  for (std::size_t i = 0; i < 1 + key_id_bytes; ++i) {
    aad.push_back(header_prefix[i]);
  }
  for (const char c : scope) {
    aad.push_back(static_cast<unsigned char>(c));
  }
  return aad;
}

std::string to_hex(const unsigned char *bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 0x0f]);
  }
  return out;
}

std::optional<std::vector<unsigned char>> decode_sealed(std::string_view sealed) {
  if (sealed.substr(0, sealed_marker.size()) != sealed_marker) {
    return std::nullopt;
  }
  auto bytes = base64_decode(sealed.substr(sealed_marker.size()));
  if (!bytes || bytes->size() < header_bytes + tag_bytes || (*bytes)[0] != format_version) {
    return std::nullopt;
  }
  return bytes;
}

}  // namespace

aes_gcm_sealer::aes_gcm_sealer(std::span<const unsigned char, seal_key_bytes> key) {
  std::copy(key.begin(), key.end(), key_.begin());
  // A domain-separated digest, so the id reveals nothing usable about the key.
  static constexpr std::string_view label = "ssrlink seal key id v1";
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_len = 0;
  std::vector<unsigned char> input(label.begin(), label.end());
  input.insert(input.end(), key_.begin(), key_.end());
  const bool ok = EVP_Digest(input.data(), input.size(), digest.data(), &digest_len, EVP_sha256(),
                             nullptr) == 1;
  OPENSSL_cleanse(input.data(), input.size());
  if (!ok) {
    OPENSSL_cleanse(key_.data(), key_.size());
    openssl_failed("EVP_Digest(sha256) for the key id");
  }
  std::copy_n(digest.begin(), key_id_.size(), key_id_.begin());
}

aes_gcm_sealer::~aes_gcm_sealer() {
  OPENSSL_cleanse(key_.data(), key_.size());
}

std::string aes_gcm_sealer::seal(std::string_view secret, std::string_view scope) const {
  std::vector<unsigned char> out(header_bytes + secret.size() + tag_bytes);
  out[0] = format_version;
  std::copy(key_id_.begin(), key_id_.end(), out.begin() + 1);
  unsigned char *nonce = out.data() + 1 + key_id_bytes;
  // A fresh random nonce per seal: the number of seals under one key stays tiny (a few per
  // year per scope), far below the 2^32 bound for random 96-bit GCM nonces.
  if (RAND_bytes(nonce, static_cast<int>(nonce_bytes)) != 1) {
    openssl_failed("RAND_bytes for the nonce");
  }
  const auto aad = associated_data(out.data(), scope);

  cipher_ctx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), nonce) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1) {
    openssl_failed("EVP_EncryptInit_ex / associated data");
  }
  unsigned char *body = out.data() + header_bytes;
  int written = 0;
  if (!secret.empty()) {
    if (EVP_EncryptUpdate(ctx.get(), body, &len,
                          reinterpret_cast<const unsigned char *>(secret.data()),
                          static_cast<int>(secret.size())) != 1) {
      openssl_failed("EVP_EncryptUpdate");
    }
    written = len;
  }
  if (EVP_EncryptFinal_ex(ctx.get(), body + written, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_bytes),
                          body + secret.size()) != 1) {
    openssl_failed("EVP_EncryptFinal_ex / tag");
  }
  return std::string(sealed_marker) + base64_encode(out);
}

std::optional<std::string> aes_gcm_sealer::open(std::string_view sealed,
                                                std::string_view scope) const {
  const auto bytes = decode_sealed(sealed);
  if (!bytes || !std::equal(key_id_.begin(), key_id_.end(), bytes->begin() + 1)) {
    return std::nullopt;
  }
  const unsigned char *nonce = bytes->data() + 1 + key_id_bytes;
  const std::size_t body_size = bytes->size() - header_bytes - tag_bytes;
  const unsigned char *body = bytes->data() + header_bytes;
  // GCM wants a writable tag buffer.
  std::array<unsigned char, tag_bytes> tag{};
  std::copy_n(body + body_size, tag_bytes, tag.begin());
  const auto aad = associated_data(bytes->data(), scope);

  cipher_ctx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), nonce) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1) {
    return std::nullopt;
  }
  std::string plain(body_size, '\0');
  int written = 0;
  if (body_size != 0) {
    if (EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()), &len, body,
                          static_cast<int>(body_size)) != 1) {
      OPENSSL_cleanse(plain.data(), plain.size());
      return std::nullopt;
    }
    written = len;
  }
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_bytes),
                          tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()) + written,
                          &len) != 1) {
    // Authentication failed: never hand out unauthenticated plaintext.
    OPENSSL_cleanse(plain.data(), plain.size());
    return std::nullopt;
  }
  return plain;
}

std::string aes_gcm_sealer::key_id_hex() const {
  return to_hex(key_id_.data(), key_id_.size());
}

std::optional<std::string> aes_gcm_sealer::sealed_key_id_hex(std::string_view sealed) {
  const auto bytes = decode_sealed(sealed);
  if (!bytes) {
    return std::nullopt;
  }
  return to_hex(bytes->data() + 1, key_id_bytes);
}

}  // namespace ssrlink::crypto
