#include "json_text.hpp"

#include <cstdint>

#include "../text/utf8.hpp"

namespace ssrlink::core {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// Rule 1 for one ASCII byte that needs it; "" when it is copied as it is.
std::string_view escape_for(char c, char (&buffer)[7]) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      break;
  }
  const auto b = static_cast<std::uint8_t>(c);
  if (b >= 0x20 && b != 0x7F) {
    return {};
  }
  constexpr std::string_view hex = "0123456789abcdef";
  buffer[0] = '\\';
  buffer[1] = 'u';
  buffer[2] = '0';
  buffer[3] = '0';
  buffer[4] = hex[b >> 4];
  buffer[5] = hex[b & 0xF];
  buffer[6] = '\0';
  return {buffer, 6};
}

}  // namespace

void append_json_chars(std::string &out, std::string_view text) {
  std::size_t run = 0;  // start of the pending run of bytes copied as they are
  std::size_t i = 0;
  char buffer[7];
  while (i < text.size()) {
    const auto b = static_cast<std::uint8_t>(text[i]);
    if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
      ++i;  // the common case: printable ASCII
      continue;
    }
    if (b >= 0x80) {  // rule 2
      const std::size_t n = utf8_sequence_length(text, i);
      if (n != 0) {
        i += n;
        continue;
      }
      out.append(text.substr(run, i - run));
      out.append(replacement);
      run = ++i;
      continue;
    }
    const std::string_view escaped = escape_for(text[i], buffer);  // rule 1
    if (escaped.empty()) {
      ++i;
      continue;
    }
    out.append(text.substr(run, i - run));
    out.append(escaped);
    run = ++i;
  }
  out.append(text.substr(run));
}

void append_json_string(std::string &out, std::string_view text) {
  out += '"';
  append_json_chars(out, text);
  out += '"';
}

}  // namespace ssrlink::core
