// Making untrusted text (from ETS, the database or the host) safe to put on a page or in JSON.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ssrlink::core {

// `text` with every invalid UTF-8 sequence (bad lead or continuation bytes, overlong forms,
// surrogates, code points above U+10FFFF, truncated tails) replaced by U+FFFD, and C0 control
// characters other than tab, LF and CR replaced by U+FFFD too.
std::string valid_utf8(std::string_view text);

// valid_utf8(text), cut to at most `max_bytes` bytes on a code point boundary, with "…" added
// when something was cut. Bounds what a hostile 1 MB value can do to a page.
std::string clipped_text(std::string_view text, std::size_t max_bytes);

// The one escaping function for HTML text and attribute values (quoted with " or '): valid UTF-8
// first, then & < > " ' as character references.
std::string html_escape(std::string_view text);

}  // namespace ssrlink::core
