// The completion summary a sweep queues for the district's staff (settings' summary_recipients):
// subject, plain text and HTML, built like the parent notice (notice_template.hpp) from words we
// wrote, with the run's counts in named slots. It carries no link, no student and no address.
//
// Rules (in this order):
//  1. Language: one message in English and then, below it, in Spanish; the row's language is
//     "en" and the HTML marks the Spanish part lang="es". The settings say nothing of a language
//     for staff, and one message both can read needs no choice.
//  2. Scope: "district" is named as the district; any other scope as a school by its code, kept
//     to letters, digits, '-' and '.' (anything else becomes '?') and cut to 16 characters. So
//     the subject, which names the scope and the day, can never carry a line break.
//  3. Day: shown only when it reads as YYYY-MM-DD; otherwise left out.
//  4. Counts: students checked, new reports, notices queued, guardians with no usable email
//     (with where staff find them to follow up), students without an SSID, and errors by kind
//     (error_kind.hpp's names, in name order; a name other than 1 to 32 lower-case letters and
//     '_' is counted under "other"; none: a line saying so). Students or contacts the views
//     list twice get a line each, only when there are any.
//  5. body_html escapes every inserted value, words and numbers included, with html_escape.
#pragma once

#include <string>

#include "notice_template.hpp"
#include "sweep_result.hpp"

namespace ssrlink::core {

struct summary_facts {
  std::string scope;  // the request's: "district" or a school code
  std::string day;    // "2026-11-23": the run's day in the district's time zone
  sweep_counts counts;
};

// Rules 1 to 5. `language` is "en".
notice_text compose_summary(const summary_facts &facts);

}  // namespace ssrlink::core
