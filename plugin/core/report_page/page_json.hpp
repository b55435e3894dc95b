// The page answer written out: the result JSON of docs/abi.md ("ssrlink_reports") with the HTML
// fragment inside, and the audit row's list of what was offered. Pure functions: no port, no I/O.
#pragma once

#include <string>

#include "../model/report_link.hpp"
#include "page_answer.hpp"
#include "page_request.hpp"

namespace ssrlink::core {

// {"outcome", "message", "hint", "links_expire_at", "reports", "cached", "instructions", "html"},
// in that order. links_expire_at is the earliest expiry of the links shown, null when none is;
// instructions is {"language", "text"} (the district's plain text, unescaped) or null.
std::string page_result_json(const page_answer &page, const page_request &request);

// The audit row's `offered`: [{test, year, language, format}, ...] of the links shown. Never a
// URL: the row must not hold a usable link.
std::string offered_json(const report_links &reports);

}  // namespace ssrlink::core
