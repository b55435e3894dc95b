// UTF-8 at the byte level, once for the whole core: the request checks (json/request_text), the
// page and email clean-up (render/text_safety, sweep/notice_template) all read text with these.
#pragma once

#include <cstddef>
#include <string_view>

namespace ssrlink::core {

// Length of the valid UTF-8 sequence starting at text[at] (1 to 4), or 0 when it is not valid
// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF, no truncated tail).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// The code point of the valid sequence of `length` bytes at text[at].
char32_t utf8_code_point(std::string_view text, std::size_t at, std::size_t length);

// Characters that break or disguise a line of text: C0 controls, DEL, C1 controls, the line
// and paragraph separators U+2028/2029, and the bidirectional overrides and isolates
// (U+202A..U+202E, U+2066..U+2069). They forge log lines, audit rows and email lines.
bool is_line_control(char32_t code_point);

// Where to cut `text` to at most `max_bytes` without splitting a UTF-8 sequence: `max_bytes`, or
// fewer when that would land inside one (continuation bytes are 10xxxxxx); text.size() when it
// already fits. The one clipping rule for pages, notices and fixed-width columns.
std::size_t utf8_cut(std::string_view text, std::size_t max_bytes);

}  // namespace ssrlink::core
