// Which reports are "the same report" for notification purposes, and what a sweep found.
//
// A report's identity is its test and administration year: "SB:2025-26". ETS lists one student's
// Smarter Balanced results as an English PDF, a Spanish PDF and one HTML page per subject; a
// parent cares that "the 2025-26 Smarter Balanced results are out", once, not once per language,
// format or subject. So language, format, subject and grade are deliberately left out of the key.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "../model/report_link.hpp"

namespace ssrlink::core {

inline constexpr const char *report_status_final = "Final";
inline constexpr const char *report_status_preliminary = "Preliminary";

// "SB:2025-26". Test codes and years are short ETS codes; the key stays well under 255 bytes
// (longer input is cut, which only merges reports ETS would have to name absurdly).
std::string report_key(const report_link &link);

// One identity as ETS lists it now: Final when any of its links is Final.
struct listed_report {
  std::string key;
  std::string test;
  std::string year;
  std::string status;  // "Final", "Preliminary", or ETS's raw value
};

// The distinct identities in a report list, in key order.
std::vector<listed_report> group_reports(const report_links &links);

// What the log already holds for one SSID: report_key → status.
using logged_statuses = std::map<std::string, std::string>;

// One identity that must be written to the log.
struct detected_report {
  listed_report report;
  bool already_logged = false;  // the row exists (with a non-Final status): update, not insert
  bool notify = false;          // newly Final in a notifying year: send notices
};

// Compares what ETS lists with what the log holds. A report is written when it is not logged
// yet, or when it was logged as not Final and is Final now. It notifies only in that second
// transition to Final and only for `notifying_years`; a report that vanished from ETS and came
// back finds its row and stays quiet. Preliminary never notifies.
std::vector<detected_report> detect_changes(const report_links &links,
                                            const logged_statuses &logged,
                                            const std::vector<std::string> &notifying_years);

}  // namespace ssrlink::core
