// The "html" object of a notification list request (docs/abi.md): what the host's staff page
// needs for the Manager fragment (manager_html.hpp), read strictly. A pure function of the JSON,
// tested without a database. Every refusal is failure(invalid_argument) naming the key
// ("html.action_url", "html.hidden.csrf").
//
// Rules (in this order):
//  1. "action_url" is required: a string of 1 to max_action_url_bytes bytes.
//  2. It holds no control character, space, quote, angle bracket, backslash, backtick or any of
//     { } | ^ : the characters a URL must percent-encode, and those that could end an HTML
//     attribute if escaping were ever missed. (It is escaped all the same.)
//  3. It is an absolute http or https URL with a host ("https://sis.example.org/ssr/queue"),
//     or a relative reference without a scheme or a host ("/ssr/queue", "queue.php?x=1",
//     "?route=queue"): no "javascript:" or "data:", no "//host" that a reader may not notice
//     points elsewhere.
//  4. "hidden", when given, is an object of at most max_hidden_fields fields.
//  5. Each field name is 1 to max_hidden_name_bytes ASCII letters, digits or _ - . : [ ]
//     (PHP's "a[b]" included), and none of the names the fragment posts or filters with itself
//     (reserved_field_names): the host's field would be sent twice, and which one it reads
//     would depend on its framework.
//  6. Each value is a string of at most max_hidden_value_bytes bytes without control
//     characters; it may be empty.
//  7. "language", when given, is a string of at most 35 bytes (a BCP 47 tag's length); it is
//     read as the report page reads it (parse_ui_language: Spanish for "es", "es-MX"; English
//     otherwise).
//  8. No other key.
#pragma once

#include <array>
#include <boost/json/object.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../i18n/ui_text.hpp"

namespace ssrlink::core {

inline constexpr std::size_t max_action_url_bytes = 2048;
inline constexpr std::size_t max_hidden_fields = 20;
inline constexpr std::size_t max_hidden_name_bytes = 64;
inline constexpr std::size_t max_hidden_value_bytes = 1024;

// The form fields the fragment writes itself (the list's filters and paging, the queue's keys).
inline constexpr std::array<std::string_view, 9> reserved_field_names{
    "school", "tag",   "leave_before", "not_viewed", "no_email",
    "offset", "limit", "student_id",   "report_key"};

struct manager_form {
  std::string action_url;                                   // rules 1 to 3
  std::vector<std::pair<std::string, std::string>> hidden;  // rules 4 to 6, in request order
  ui_language language = ui_language::en;                   // rule 7
};

// Rules 1 to 8 over the request's "html" object.
manager_form parse_manager_form(const boost::json::object &html);

}  // namespace ssrlink::core
