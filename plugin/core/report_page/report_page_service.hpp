// ssrlink_reports: one page request from the host, answered with the JSON of docs/abi.md
// (outcome, message, links_expire_at, reports, html; plus the optional keys `hint` and `cached`).
//
//   request → binding (portal link, school) → entitlement → the student's flags → access policy
//   (deny / not found / no SSID / go) → credentials for the student's
//   school → link cache (ETS on a miss) → page filter → link allow-list and text clean-up →
//   JSON + HTML → one audit row.
//
// Denials, "not found", "no SSID", "not configured" and ETS errors are status::ok results: the
// page shows them. Failures of the host's database or of the audit log are thrown as
// core::failure. Every request that names a student is audited, denials and errors too; when the
// audit row cannot be written no links are returned (fail closed: no disclosure without a trace).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
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
#include "access_policy.hpp"
#include "link_cache.hpp"
#include "page_request.hpp"

namespace ssrlink::core {

// Every reference must outlive the service.
struct report_page_dependencies {
  student_directory &students;
  credential_resolver &credentials;
  ets_client &ets;
  link_cache_store &shared_cache;
  audit_log &audit;
  const ssrlink::core::clock &clock;
  logger &log;
  std::vector<std::string> link_hosts;  // config ets.link_hosts
  link_cache_options cache_options = {};
  // Called after a parent's page showed reports (after the audit row), so the notification log
  // can record that this guardian was offered them. Optional; a failure is logged, not shown.
  std::function<void(std::int64_t student_id, int contact_sequence, const report_links &shown)>
      offered_to_parent;
};

class report_page_service {
 public:
  explicit report_page_service(report_page_dependencies deps);

  // Thread-safe. Throws failure(invalid_argument) for a malformed request (not audited: it names
  // no trustworthy student), failure(database) when the student directory or the audit log
  // cannot answer, and rethrows other failures of the ports.
  call_result handle(std::string_view request_json);

 private:
  struct page_answer;
  page_answer answer(const page_request &request);
  page_answer refusal(const page_request &request, const access_decision &decision,
                      std::optional<int> contact);
  page_answer fetch_and_filter(const page_request &request, const student_facts &facts);
  report_links shown_links(const page_request &request, const report_links &links);

  report_page_dependencies deps_;
  link_allow_list allow_list_;
  link_cache cache_;
};

}  // namespace ssrlink::core
