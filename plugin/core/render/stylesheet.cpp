#include "stylesheet.hpp"

namespace ssrlink::core {

// ssrlink.css beside this file, embedded at build time (plugin/core/CMakeLists.txt generates
// ssrlink_css.inc from it), so the library needs no data files at run time and the stylesheet
// has one source.
std::string_view default_stylesheet() {
  static constexpr std::string_view css =
#include "ssrlink_css.inc"
      ;
  return css;
}

}  // namespace ssrlink::core
