// What tests ask of an HTML fragment or a JSON text: whether it holds a piece of text, and how
// often. Shared by the render, page and Manager tests (include as "html_search.hpp").
#pragma once

#include <cstddef>
#include <string>

namespace ssrlink::testing {

inline bool contains(const std::string &haystack, const std::string &needle) {
  return haystack.find(needle) != std::string::npos;
}

// Non-overlapping occurrences of `needle`.
inline std::size_t count(const std::string &haystack, const std::string &needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

}  // namespace ssrlink::testing
