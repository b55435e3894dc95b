#include "stylesheet.hpp"

namespace ssrlink::core {

// The same bytes as ssrlink.css beside this file (the render tests compare them), compiled in so
// the library needs no data files at run time.
std::string_view default_stylesheet() {
  static constexpr std::string_view css =
      R"css(/* ssrlink default stylesheet: the report page fragment (<section class="ssrlink">).
   Hosts may replace it; the ssrlink-* class names are stable. Keep in step with
   stylesheet.cpp (a unit test compares them). */
.ssrlink { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem; color: #1b1b1b; }
.ssrlink h2 { font-size: 1.4rem; margin: 0 0 0.75rem; }
.ssrlink h3 { font-size: 1.1rem; margin: 0 0 0.25rem; }
.ssrlink-groups, .ssrlink-links { list-style: none; margin: 0; padding: 0; }
.ssrlink-group { border-top: 1px solid #d0d0d0; padding: 0.75rem 0; }
.ssrlink-meta { margin: 0 0 0.5rem; color: #444; }
.ssrlink-links { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.ssrlink-button { display: inline-block; padding: 0.5rem 0.9rem; border-radius: 0.3rem; background: #005ea2; color: #fff; text-decoration: none; font-weight: 600; min-height: 2.75rem; box-sizing: border-box; }
.ssrlink-button:hover { background: #1a4480; }
.ssrlink a:focus-visible { outline: 3px solid #ffbe2e; outline-offset: 2px; }
.ssrlink-notice { background: #e7f2fa; border-left: 0.4rem solid #005ea2; padding: 0.6rem 0.9rem; margin: 1rem 0; }
.ssrlink-notice a { color: #0b3d6b; font-weight: 600; }
.ssrlink-error { background: #fbe9e9; border-left: 0.4rem solid #b50909; color: #5c0000; padding: 0.6rem 0.9rem; margin: 1rem 0; }
.ssrlink-error p { margin: 0.25rem 0; }
.ssrlink-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 30rem) { .ssrlink-links { flex-direction: column; } .ssrlink-button { display: block; text-align: center; } }
)css";
  return css;
}

}  // namespace ssrlink::core
