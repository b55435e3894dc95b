// Text hygiene for everything the host sends: the rules every request string and every
// identifier must meet before the core looks at it.
//
// Rules:
//  1. Every string in a request (keys and values, at any depth) is valid UTF-8: no bad lead or
//     continuation bytes, no overlong forms, no surrogates, nothing above U+10FFFF.
//  2. No string holds a NUL character (it would cut the value short in C hosts, in ODBC
//     drivers and in the database, so what is checked would differ from what is stored).
//  3. An identifier (a user ID, a scope, a school code, a worker name) is not empty, holds no
//     control character at all (text/utf8.hpp, is_line_control: C0, DEL, C1, the line
//     separators and the bidirectional overrides, which forge log lines and audit rows) and
//     fits its length limit in bytes.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ssrlink::core {

// The longest user ID the audit trail keeps (ssrlink_audit.user_id is VARCHAR(128)).
inline constexpr std::size_t max_user_id_bytes = 128;
// Scopes, school codes and worker names.
inline constexpr std::size_t max_code_bytes = 64;

// Rule 1 for one string.
bool is_valid_utf8(std::string_view text);

// Rule 1 over raw bytes: the offset of the first byte that does not start a valid UTF-8
// sequence, or nullopt when every byte does.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Rules 1 and 2 over a whole parsed request. Returns the key path of the first offending string
// and what is wrong with it ("\"viewer.user_id\" is not valid UTF-8"), or nullopt.
std::optional<std::string> request_text_problem(const boost::json::value &request);

// Rule 3: nullopt when `text` is a good identifier, else what it must be ("must not contain
// control characters").
std::optional<std::string> identifier_problem(std::string_view text, std::size_t max_bytes);

}  // namespace ssrlink::core
