// The parent notice: subject, plain text and HTML in the guardian's language. It never carries a
// link (phishing-shaped mail trains parents badly, and ETS links expire in 30 minutes anyway); it
// says where in the portal to look, or, when the portal will not show the report (the student's
// Do Not Release flag, or a hidden contact), asks the parent to contact the school.
#pragma once

#include <string>
#include <string_view>

namespace ssrlink::core {

enum class notice_kind {
  portal,          // "sign in and open Test Scores > State Test Scores Reports"
  contact_school,  // DNR student or HCI student/contact: the portal will not show it
};

struct notice_facts {
  std::string test;         // ETS test code ("SB"); named through the catalogue
  std::string year;         // "2025-26"
  std::string school_name;  // may be empty
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
