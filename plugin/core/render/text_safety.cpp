#include "text_safety.hpp"

#include <cstdint>

#include "../text/utf8.hpp"

namespace ssrlink::core {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_unwanted_control(char c) {
  const auto b = static_cast<std::uint8_t>(c);
  return (b < 0x20 && c != '\t' && c != '\n' && c != '\r') || b == 0x7F;
}

}  // namespace

namespace {

// Offset of the first byte valid_utf8 would replace, or npos. Most text (all of ours, nearly all
// of ETS's) is clean, so callers copy it in one piece instead of byte by byte.
std::size_t first_unsafe(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<std::uint8_t>(text[i]);
    if (b >= 0x20 && b < 0x7F) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0 || (n == 1 && is_unwanted_control(text[i]))) {
      return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::size_t i = first_unsafe(text);
  if (i == std::string_view::npos) {
    return std::string(text);
  }
  std::string out(text.substr(0, i));
  out.reserve(text.size() + 16);
  while (i < text.size()) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0 || (n == 1 && is_unwanted_control(text[i]))) {
      out += replacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string clipped_text(std::string_view text, std::size_t max_bytes) {
  std::string clean = valid_utf8(text);
  if (clean.size() <= max_bytes) {
    return clean;
  }
  clean.resize(utf8_cut(clean, max_bytes));
  clean += "\xE2\x80\xA6";  // …
  return clean;
}

std::string html_escape(std::string_view text) {
  std::string repaired;
  if (first_unsafe(text) != std::string_view::npos) {
    repaired = valid_utf8(text);
    text = repaired;
  }
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t run = 0;  // start of the pending run of characters that need no escaping
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out.append(text.substr(run, i - run));
    out.append(entity);
    run = i + 1;
  }
  out.append(text.substr(run));
  return out;
}

}  // namespace ssrlink::core
