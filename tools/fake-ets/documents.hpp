// The small real documents behind report links: a valid one-page PDF for PDF reports, an HTML
// page for HTML reports and a player page with a transcript for VIDEO reports, each naming the
// student's SSID, the test, the year and the language.
#pragma once

#include <string>
#include <vector>

#include "link_store.hpp"

namespace ssrlink::fake_ets {

struct rendered_document {
  std::string content_type;
  std::string body;
};

// PDF when facts.format is "PDF" (any case); the video player page for "VIDEO"; HTML otherwise.
rendered_document render_document(const document_facts &facts);

// A minimal but well-formed PDF 1.4 file (correct xref offsets) showing `lines`.
std::string make_pdf(const std::vector<std::string> &lines);

}  // namespace ssrlink::fake_ets
