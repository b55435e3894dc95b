#include "secret_mask.hpp"

namespace ssrlink::core {
namespace {

constexpr std::string_view dot = "\u2022";

std::string dots(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += dot;
  }
  return out;
}

}  // namespace

std::string mask_secret(std::string_view secret) {
  if (secret.size() < secret_mask_min_length) {
    return dots(8);
  }
  const std::string_view tail = secret.substr(secret.size() - 4);
  for (char c : tail) {
    // Only show plain printable ASCII; a cut through a UTF-8 sequence would render as garbage.
    if (c < 0x21 || c > 0x7e) {
      return dots(8);
    }
  }
  return dots(4) + std::string(tail);
}

}  // namespace ssrlink::core
