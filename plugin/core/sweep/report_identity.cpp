#include "report_identity.hpp"

#include <algorithm>

namespace ssrlink::core {

namespace {

constexpr std::size_t max_key_bytes = 255;

}  // namespace

std::string report_key(const report_link &link) {
  std::string key = link.test + ":" + link.year;
  if (key.size() > max_key_bytes) {
    key.resize(max_key_bytes);
  }
  return key;
}

std::vector<listed_report> group_reports(const report_links &links) {
  std::map<std::string, listed_report> by_key;
  for (const report_link &link : links) {
    const std::string key = report_key(link);
    auto [it, inserted] =
        by_key.try_emplace(key, listed_report{key, link.test, link.year, link.status});
    if (!inserted && link.status == report_status_final) {
      it->second.status = report_status_final;
    }
  }
  std::vector<listed_report> out;
  out.reserve(by_key.size());
  for (auto &entry : by_key) {
    out.push_back(std::move(entry.second));
  }
  return out;
}

std::vector<detected_report> detect_changes(const report_links &links,
                                            const logged_statuses &logged,
                                            const std::vector<std::string> &notifying_years) {
  std::vector<detected_report> changes;
  for (listed_report &report : group_reports(links)) {
    const auto found = logged.find(report.key);
    const bool is_final = report.status == report_status_final;
    if (found != logged.end() && (found->second == report_status_final || !is_final)) {
      continue;  // nothing new: already Final in the log, or still not Final
    }
    detected_report change;
    change.already_logged = found != logged.end();
    change.notify = is_final && std::find(notifying_years.begin(), notifying_years.end(),
                                          report.year) != notifying_years.end();
    change.report = std::move(report);
    changes.push_back(std::move(change));
  }
  return changes;
}

}  // namespace ssrlink::core
