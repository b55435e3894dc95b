#include "utf8.hpp"

#include <cstdint>

namespace ssrlink::core {

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
  const std::uint8_t b0 = byte(at);
  std::size_t n = 0;
  std::uint8_t lo = 0x80;
  std::uint8_t hi = 0xBF;
  if (b0 < 0x80) {
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) {
      lo = 0xA0;
    } else if (b0 == 0xED) {
      hi = 0x9F;
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) {
      lo = 0x90;
    } else if (b0 == 0xF4) {
      hi = 0x8F;
    }
  } else {
    return 0;
  }
  if (at + n > text.size()) {
    return 0;
  }
  if (byte(at + 1) < lo || byte(at + 1) > hi) {
    return 0;
  }
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(at + k) < 0x80 || byte(at + k) > 0xBF) {
      return 0;
    }
  }
  return n;
}

char32_t utf8_code_point(std::string_view text, std::size_t at, std::size_t length) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[at + k]); };
  if (length == 1) {
    return byte(0);
  }
  constexpr std::uint8_t lead_bits[] = {0, 0, 0x1F, 0x0F, 0x07};
  char32_t value = byte(0) & lead_bits[length];
  for (std::size_t k = 1; k < length; ++k) {
    value = (value << 6) | (byte(k) & 0x3Fu);
  }
  return value;
}

std::size_t utf8_cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return text.size();
  }
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<std::uint8_t>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return cut;
}

bool is_line_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

}  // namespace ssrlink::core
