#include "request_text.hpp"

#include <cstdint>

namespace ssrlink::core {
namespace {

// Decodes the code point at `text[at]`; returns its length in bytes, 0 when invalid.
std::size_t decode(std::string_view text, std::size_t at, char32_t &code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (at + length > text.size()) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      return 0;
    }
    value = (value << 6) | (byte(i) & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return 0;
  }
  code_point = value;
  return length;
}

bool is_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

std::optional<std::string> string_problem(std::string_view text) {
  if (!is_valid_utf8(text)) {
    return std::string("is not valid UTF-8");
  }
  if (text.find('\0') != std::string_view::npos) {
    return std::string("contains a NUL character");
  }
  return std::nullopt;
}

std::string quoted(const std::string &path) {
  return "\"" + path + "\"";
}

std::optional<std::string> walk(const boost::json::value &value, const std::string &path) {
  if (value.is_string()) {
    if (auto problem = string_problem(value.as_string())) {
      return quoted(path) + " " + *problem;
    }
    return std::nullopt;
  }
  if (value.is_array()) {
    std::size_t index = 0;
    for (const auto &item : value.as_array()) {
      if (auto problem = walk(item, path + "[" + std::to_string(index++) + "]")) {
        return problem;
      }
    }
    return std::nullopt;
  }
  if (value.is_object()) {
    for (const auto &entry : value.as_object()) {
      const std::string_view key = entry.key();
      if (auto problem = string_problem(key)) {
        return "A key" + std::string(path.empty() ? "" : " in " + quoted(path)) + " " + *problem;
      }
      if (auto problem = walk(entry.value(),
                              path.empty() ? std::string(key) : path + "." + std::string(key))) {
        return problem;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  char32_t code_point = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = decode(text, at, code_point);
    if (length == 0) {
      return false;
    }
    at += length;
  }
  return true;
}

std::optional<std::string> request_text_problem(const boost::json::value &request) {
  return walk(request, "");
}

std::optional<std::string> identifier_problem(std::string_view text, std::size_t max_bytes) {
  if (text.empty()) {
    return std::string("must not be empty");
  }
  if (text.size() > max_bytes) {
    return "must be at most " + std::to_string(max_bytes) + " bytes";
  }
  char32_t code_point = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = decode(text, at, code_point);
    if (length == 0) {
      return std::string("is not valid UTF-8");
    }
    if (is_control(code_point)) {
      return std::string("must not contain control characters");
    }
    at += length;
  }
  return std::nullopt;
}

}  // namespace ssrlink::core
