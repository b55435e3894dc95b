// ssrlink_reports: one page request from the host, answered with the JSON of docs/abi.md
// (outcome, message, links_expire_at, reports, html; plus the optional keys `hint`, `cached` and
// `instructions`).
//
//   request → page_answerer (access policy, credentials, link cache, filters) → one audit row →
//   "offered" mark for a parent → the district's instructions → JSON + HTML (page_json).
//
// Rules (in this order):
//  1. A malformed request is refused with failure(invalid_argument) and not audited: it names no
//     trustworthy student.
//  2. Denials, "not found", "no SSID", "not configured" and ETS errors are status::ok results:
//     the page shows them.
//  3. Every request that names a student is audited, denials and failures too (outcome
//     `error`). When the audit row cannot be written no links are returned (fail closed: no
//     disclosure without a trace).
//  4. After the audit row, a parent's page that shows reports records them as offered to the
//     contact the data bound the parent to (never the host's word). A failure there is logged,
//     not shown: the parent still gets the page, staff lose only the "viewed" mark.
//  5. A page a parent or student is entitled to see carries the district's instructions in the
//     page's language (page_instructions); denials and other viewers' pages never do. The
//     settings are read at most once per page, only for such a page; without a settings source
//     there are none, and a source that fails is logged and the page shown without them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../call_result.hpp"
#include "../credentials/credential_resolver.hpp"
#include "../ports/audit_log.hpp"
#include "../ports/clock.hpp"
#include "../ports/ets_client.hpp"
#include "../ports/link_cache.hpp"
#include "../ports/logger.hpp"
#include "../ports/student_directory.hpp"
#include "../render/link_allow_list.hpp"
#include "../settings/district_settings.hpp"
#include "link_cache.hpp"
#include "offered_reports.hpp"
#include "page_answerer.hpp"

namespace ssrlink::core {

// Every reference must outlive the service. Fit for designated initialisers:
//   report_page_dependencies{.students = ..., ..., .link_hosts = config.ets.link_hosts}
struct report_page_dependencies {
  student_directory &students;
  credential_resolver &credentials;
  ets_client &ets;
  link_cache_store &shared_cache;
  audit_log &audit;
  offered_reports &offered;  // rule 4
  const ssrlink::core::clock &clock;
  logger &log;
  std::vector<std::string> link_hosts;  // config ets.link_hosts
  link_cache_options cache_options = {};
  settings_source settings = {};  // rule 5: the settings in force; empty: no instructions
};

class report_page_service {
 public:
  explicit report_page_service(report_page_dependencies deps);

  // Thread-safe. Throws failure(invalid_argument) for a malformed request, failure(database)
  // when the student directory or the audit log cannot answer, and rethrows other failures of
  // the ports.
  call_result handle(std::string_view request_json);

 private:
  void record_offered(const page_request &request, const page_answer &page);
  std::optional<page_instructions> instructions_on(const page_request &request,
                                                   const page_answer &page);

  report_page_dependencies deps_;
  link_allow_list allow_list_;
  link_cache cache_;
  page_answerer answerer_;
};

}  // namespace ssrlink::core
