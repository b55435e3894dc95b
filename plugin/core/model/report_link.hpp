// One report a student has at ETS, as the core sees it: raw ETS codes kept as they came, so an
// unknown test or language is still shown (the catalogue names the ones it knows).
#pragma once

#include <string>
#include <vector>

#include "../time.hpp"

namespace ssrlink::core {

struct report_link {
  std::string test;      // ETS reportType code: "SB", "CAST", "ELPAC", or anything new
  std::string name;      // ETS's own name for the report (hostile until escaped)
  std::string year;      // administration year, "2018-19"
  std::string grade;     // "05", "KN", as ETS sends it
  std::string subject;   // "ALL" for the combined PDF, one subject per HTML report
  std::string language;  // ETS language code: "ENG", "SPA", ... or anything new
  std::string format;    // "PDF" or "HTML" (other values kept raw)
  std::string status;    // "Final" or "Preliminary" (other values kept raw)
  std::string url;       // pre-signed link; never logged or audited with its query string
  time_point expires_at{};

  bool operator==(const report_link &) const = default;
};

using report_links = std::vector<report_link>;

}  // namespace ssrlink::core
