// What a page request comes to, before it is written as JSON and HTML: the outcome, the
// sentences the page shows, the report links, and what only the audit row and the log see (why a
// viewer was refused, which contact the data bound a parent to).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "../model/report_link.hpp"
#include "../render/instructions_html.hpp"
#include "access_policy.hpp"
#include "link_share.hpp"
#include "prepared_reports.hpp"

namespace ssrlink::core {

// Text fields from ETS are bounded to this many bytes before they go anywhere (JSON, HTML, audit),
// so a hostile megabyte "year" cannot become a megabyte page.
inline constexpr std::size_t max_field_bytes = 200;

// The `outcome` key of the result (docs/abi.md, "ssrlink_reports") and of the page's audit row.
enum class page_outcome {
  reports,         // links to show
  no_reports,      // ETS has no test data, or none for this page
  denied,          // not entitled, or Do Not Release / Hide Contact Info
  not_found,       // no such student (admins and district-level staff only)
  no_ssid,         // the student has no SSID: ETS is not asked
  not_configured,  // no TOMS credentials for the student's school or the district
  ets_error,       // ETS refused or failed, or the credentials expired
};

// "reports", "no_reports", ...: the enumerator's name, as docs/abi.md spells it.
std::string_view to_string(page_outcome outcome);

// An aggregate, built with designated initialisers: {.outcome = ..., .message = ...}. Every
// member has a default so that an answer names only what it has.
struct page_answer {
  page_outcome outcome = page_outcome::denied;
  std::optional<std::string> message = {};  // the red box
  std::optional<std::string> hint = {};     // a second sentence in the red box (staff and admins)
  // The links shown (cleaned, allowed, filtered, in page order) with what is written of them,
  // shared by every warm render of one cache entry; null without links.
  std::shared_ptr<const prepared_reports> shown = {};
  bool cached = false;                       // the links (or ETS's answer) came from the link cache
  std::optional<access_reason> reason = {};  // why a viewer was refused; audit and log only
  std::optional<int> contact_sequence = {};  // the contact the data bound a parent viewer to
  // The district's instructions, for parents and students (page_instructions); set by the
  // service once the page is decided.
  std::optional<page_instructions> instructions = {};
  // Links just fetched from ETS whose shared cache entry is still to be written, with the audit
  // row (report_page_service, rule 3).
  std::optional<link_share> to_share = {};

  // shown's links, or none.
  const report_links &reports() const;
};

}  // namespace ssrlink::core
