// JSON text written by hand, for the one place where Boost.JSON's object building costs more
// than the page it describes: the warm report page (report_page/page_json), whose parts are
// written once per cache entry and then only copied.
//
// Rules:
//  1. Every string is written between double quotes, with `"` and `\` escaped, the C0 controls
//     as \b \f \n \r \t or \u00XX, and DEL as \u007f.
//  2. A byte that does not start a valid UTF-8 sequence becomes U+FFFD, so the output is valid
//     JSON (RFC 8259) whatever the input; valid UTF-8 is copied as it is.
#pragma once

#include <string>
#include <string_view>

namespace ssrlink::core {

// Rules 1 and 2, without the quotes: `text` as the inside of a JSON string, appended to `out`.
void append_json_chars(std::string &out, std::string_view text);

// `text` as a JSON string, quotes included, appended to `out`.
void append_json_string(std::string &out, std::string_view text);

}  // namespace ssrlink::core
