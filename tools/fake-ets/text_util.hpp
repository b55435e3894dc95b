// Small text helpers shared by the fake ETS server: random identifiers, RFC 3339 time stamps and
// escaping for the documents it serves.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace ssrlink::fake_ets {

// `bytes` bytes from OpenSSL's CSPRNG as lower-case hex (2 * bytes characters). Tokens and link
// signatures use it so tests cannot guess them.
std::string random_hex(std::size_t bytes);

// "2025-05-20T17:45:00Z" (UTC, whole seconds), the form ETS uses for expiresAt.
std::string format_rfc3339(std::chrono::system_clock::time_point when);

// Escapes &, <, >, " and ' so fixture strings cannot become markup in the HTML documents.
std::string html_escape(std::string_view text);

}  // namespace ssrlink::fake_ets
