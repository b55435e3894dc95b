// ASCII case folding, for text whose meaningful part is ASCII by definition: host names and URL
// schemes, DBMS names, driver diagnostics searched for a table name. Bytes outside A-Z pass
// through untouched, so UTF-8 stays valid and the result never depends on the C locale (which
// std::tolower would consult).
#pragma once

#include <string>
#include <string_view>

namespace ssrlink::core {

// 'A'..'Z' to 'a'..'z'; every other byte unchanged.
constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `text` with every ASCII capital lowered.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) {
    c = ascii_lower(c);
  }
  return out;
}

// True when `text` contains `needle`, ignoring ASCII case on both sides.
inline bool ascii_contains_ci(std::string_view text, std::string_view needle) {
  return ascii_lower(text).find(ascii_lower(needle)) != std::string::npos;
}

}  // namespace ssrlink::core
