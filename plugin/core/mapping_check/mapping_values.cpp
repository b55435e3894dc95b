#include "mapping_values.hpp"

#include <array>
#include <cstdio>

#include "../text/ascii.hpp"
#include "../text/utf8.hpp"

namespace ssrlink::core {
namespace {

bool all_digits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Appends `text` with controls and invalid bytes spelled out, stopping once `out` would pass
// `max_bytes` (the escapes count too, so a line of control characters is clipped as well).
void escape_into(std::string &out, std::string_view text, std::size_t max_bytes) {
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t length = utf8_sequence_length(text, at);
    std::string piece;
    if (length == 0) {
      std::array<char, 8> hex{};
      std::snprintf(hex.data(), hex.size(), "\\x%02X", static_cast<unsigned char>(text[at]));
      piece = hex.data();
      at += 1;
    } else {
      const char32_t cp = utf8_code_point(text, at, length);
      if (is_line_control(cp)) {
        std::array<char, 12> hex{};
        std::snprintf(hex.data(), hex.size(), "\\u%04X", static_cast<unsigned>(cp));
        piece = hex.data();
      } else {
        piece = std::string(text.substr(at, length));
      }
      at += length;
    }
    if (out.size() + piece.size() > max_bytes) {
      out += "...";
      return;
    }
    out += piece;
  }
}

}  // namespace

std::optional<std::int64_t> whole_number(std::string_view text) {
  const std::string_view digits = !text.empty() && text.front() == '-' ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 18 || !all_digits(digits)) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  for (const char c : digits) {
    value = value * 10 + (c - '0');
  }
  return digits.size() == text.size() ? value : -value;
}

bool is_ssid(std::string_view text) {
  return text.size() == 10 && all_digits(text);
}

bool is_language_code(std::string_view text) {
  return text.size() == 2 && all_digits(text);
}

bool is_grade(std::int64_t grade) {
  return grade >= -1 && grade <= 12;
}

bool is_flag(const cell &value) {
  return !value || *value == "0" || *value == "1";
}

bool is_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    return false;
  }
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  const int day = (text[8] - '0') * 10 + (text[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::optional<std::string> renumbering_function(std::string_view definition) {
  static constexpr std::array<std::string_view, 5> names{"row_number", "dense_rank", "percent_rank",
                                                         "rank", "ntile"};
  const std::string text = ascii_lower(definition);
  for (const std::string_view name : names) {
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
      if (at > 0 && identifier_char(text[at - 1])) {
        continue;
      }
      std::size_t after = at + name.size();
      while (after < text.size() && (text[after] == ' ' || text[after] == '\n' ||
                                     text[after] == '\t' || text[after] == '\r')) {
        ++after;
      }
      if (after < text.size() && text[after] == '(') {
        std::string upper(name);
        for (char &c : upper) {
          if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
          }
        }
        return upper;
      }
    }
  }
  return std::nullopt;
}

std::string shown(const cell &value, std::size_t max_bytes) {
  if (!value) {
    return "NULL";
  }
  std::string out = "'";
  escape_into(out, *value, max_bytes);
  return out + "'";
}

std::string shown_plain(std::string_view text, std::size_t max_bytes) {
  std::string out;
  escape_into(out, text, max_bytes);
  return out;
}

}  // namespace ssrlink::core
