// The page answer written out: the result JSON of docs/abi.md ("ssrlink_reports") with the HTML
// fragment inside, and the audit row's list of what was offered. Pure functions: no port, no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "../model/report_link.hpp"
#include "../model/student.hpp"
#include "page_answer.hpp"
#include "page_request.hpp"

namespace ssrlink::core {

// {"outcome", "message", "hint", "links_expire_at", "reports", "cached", "instructions", "html"},
// in that order. links_expire_at is the earliest expiry of the links shown, null when none is;
// instructions is {"language", "text"} (the district's plain text, unescaped) or null.
std::string page_result_json(const page_answer &page, const page_request &request);

// One child of the family page: who (from student_directory::linked_students) and the page
// that child's own request gave.
struct family_member {
  linked_student student;
  page_answer page;
};

// The family page (docs/abi.md, "ssrlink_reports"): {"outcome": "family", "students":
// [{"student_id", "first_name", "outcome", "message", "reports"}, ...], "instructions", "html"}, in
// that order. Each student's "message" and "reports" are what its own page's keys hold (message
// null when the page has none); "first_name" is cleaned_first_name (render/family_renderer.hpp);
// "instructions" as on one page, given once for the page. The HTML is render_family_page's.
std::string family_result_json(const std::vector<family_member> &members,
                               const std::optional<page_instructions> &instructions,
                               const page_request &request);

// The family page for a parent without the host's permission: nothing about the account's
// children was read, so nothing is listed. {"outcome": "denied", "message": the one refusal
// sentence, "students": [], "instructions": null, "html"} with the sentence in the red box.
std::string family_refusal_json(const page_request &request);

}  // namespace ssrlink::core
