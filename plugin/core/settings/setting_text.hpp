// The text checks of the district's settings (district_settings.hpp, rules 2 and 3): pure
// functions of the text, so the rules read as one line each where they are applied.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ssrlink::core {

// Rule 2, a language tag: 2 to 8 letters, digits or '-' ("en", "es", "zh-Hant").
bool is_language_tag(std::string_view tag);

// Rule 2, the text of one language: valid UTF-8, no control character other than newline, tab
// and carriage return (C0, DEL and C1 are refused), at most `max_chars` code points. What is
// wrong with it ("must be valid UTF-8"), or empty when nothing is.
std::string instruction_problem(std::string_view text, std::size_t max_chars);

// Rule 3, one recipient: at most 254 bytes of UTF-8 without a space or a control character,
// exactly one '@' with text before it, and a domain after it holding a dot that neither starts
// nor ends it.
bool is_email_address(std::string_view address);

}  // namespace ssrlink::core
