// The parent notice: subject, plain text and HTML in the guardian's language. It never carries a
// link (phishing-shaped mail trains parents badly, and ETS links expire in 30 minutes anyway); it
// says where in the portal to look, or, when the portal will not show the report (the student's
// Do Not Release flag, or a hidden contact), asks the parent to contact the school.
//
// A notice is built from words we wrote; data only fills named slots, and only in a shape that
// cannot carry a message of its own (an ETS field once read "SB\r\nURGENT: ... log in at <url>").
// Rules (in this order):
//  1. Language: notice_language(calpads_code); greeting, subject, intro, action and the no-links
//     line are fixed phrases of that language. The subject holds no data, so it can never carry
//     a CR/LF into the mail headers.
//  2. Test: named by the report catalogue from its code only. A code the catalogue does not know
//     gets the language's generic phrase ("A new state test score report"); the code itself is
//     never shown.
//  3. Year: shown as " (2024-25)" after the test only when is_administration_year accepts it;
//     otherwise left out, and the test line still reads on its own.
//  4. School name: control characters (C0 with TAB, CR and LF; DEL; C1; U+2028/U+2029; bidi
//     embedding, override and isolate controls) become spaces, runs of spaces collapse, the ends
//     are trimmed, invalid UTF-8 becomes U+FFFD, and the result is clipped on a code point
//     boundary to notice_field_max_bytes (with "…"). Empty after cleaning: the line is left out.
//  5. body_html escapes every inserted value, phrase or data, with html_escape.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ssrlink::core {

enum class notice_kind {
  portal,          // "sign in and open Test Scores > State Test Scores Reports"
  contact_school,  // DNR student or HCI student/contact: the portal will not show it
};

// Longest school name (in bytes, before the "…") a notice carries: room for any real school's
// name, too little for a paragraph of instructions.
inline constexpr std::size_t notice_field_max_bytes = 120;

struct notice_facts {
  std::string test;         // ETS test code ("SB"); only its catalogue name is shown
  std::string year;         // "2025-26"; shown only in exactly that shape
  std::string school_name;  // may be empty; cleaned and clipped (rule 4)
  notice_kind kind = notice_kind::portal;
};

struct notice_text {
  std::string language;  // "en", "es", "vi", "zh-Hant", "fil", "ko"
  std::string subject;
  std::string body_text;
  std::string body_html;  // every inserted value escaped
};

// The language a CALPADS code (CON.CL) gets: 00 English, 01 Spanish, 02 Vietnamese, 03/07
// Chinese (Traditional), 04 Korean, 05 Filipino; any other code, or none, English.
std::string notice_language(std::string_view calpads_code);

notice_text compose_notice(std::string_view calpads_code, const notice_facts &facts);

}  // namespace ssrlink::core
