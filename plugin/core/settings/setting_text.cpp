#include "setting_text.hpp"

#include <algorithm>
#include <string>

#include "../text/utf8.hpp"

namespace ssrlink::core {
namespace {

// A C0 control other than tab, newline and carriage return, DEL, or a C1 control.
bool forbidden_in_text(char32_t c) {
  return (c < 0x20 && c != U'\t' && c != U'\n' && c != U'\r') || (c >= 0x7F && c <= 0x9F);
}

}  // namespace

bool is_language_tag(std::string_view tag) {
  return tag.size() >= 2 && tag.size() <= 8 && std::all_of(tag.begin(), tag.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-';
         });
}

std::string instruction_problem(std::string_view text, std::size_t max_chars) {
  std::size_t characters = 0;
  for (std::size_t at = 0; at < text.size(); ++characters) {
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      return "must be valid UTF-8";
    }
    if (forbidden_in_text(utf8_code_point(text, at, length))) {
      return "must not contain control characters other than newline, tab and carriage return";
    }
    at += length;
  }
  if (characters > max_chars) {
    return "must be at most " + std::to_string(max_chars) + " characters long";
  }
  return {};
}

bool is_email_address(std::string_view address) {
  if (address.empty() || address.size() > 254) {
    return false;
  }
  for (std::size_t at = 0; at < address.size();) {
    const std::size_t length = utf8_sequence_length(address, at);
    if (length == 0 || utf8_code_point(address, at, length) <= U' ' ||
        forbidden_in_text(utf8_code_point(address, at, length))) {
      return false;  // not UTF-8, a space or a control character
    }
    at += length;
  }
  const std::size_t at_sign = address.find('@');
  if (at_sign == 0 || at_sign == std::string_view::npos || address.rfind('@') != at_sign) {
    return false;
  }
  const std::string_view domain = address.substr(at_sign + 1);
  return domain.find('.') != std::string_view::npos && domain.front() != '.' &&
         domain.back() != '.';
}

}  // namespace ssrlink::core
