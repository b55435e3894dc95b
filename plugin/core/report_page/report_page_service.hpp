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
//     disclosure without a trace). A page whose answer was just fetched from ETS writes the
//     shared link cache's new entry in the same transaction as its audit row, so a cold page
//     waits for one commit; when the two cannot be written together the row is written alone
//     (the entry is lost and the next page asks ETS again; the row never is). Without a
//     transaction scope the entry is written when it is fetched, and the row after it.
//  4. After the audit row, a parent's page that shows reports records them as offered to the
//     contact the data bound the parent to (never the host's word). A failure there is logged,
//     not shown: the parent still gets the page, staff lose only the "viewed" mark. With a
//     transaction scope the mark is written in the audit row's transaction (one commit per
//     parent's page); when the two cannot be written together, each is written alone.
//  5. A page a parent or student is entitled to see carries the district's instructions in the
//     page's language (page_instructions); denials and other viewers' pages never do. The
//     settings are read at most once per page, only for such a page; without a settings source
//     there are none, and a source that fails is logged and the page shown without them.
//
// The family page: a parent's request without student_id (page_request::family). Rules (in this
// order):
//  6. Without the host's permission nothing is read, not even which children the account has:
//     the one refusal sentence (family_refusal_json) and one audit row (student_id 0, outcome
//     `denied`, reason `no_permission`).
//  7. The account's children are student_directory::linked_students(viewer.user_id): no one
//     else's child can appear. When that read fails, one audit row (student_id 0, outcome
//     `error`) is written and the failure thrown, as a single page's database failure.
//  8. No child: outcome `family`, an empty list and one audit row (student_id 0, outcome
//     `family`), since every view leaves a row.
//  9. Each child's answer is exactly the single page for that student and this viewer (rules 2
//     to 4: the binding, the access policy, the messages, the link cache, ITS OWN audit row, the
//     offered mark), in linked_students order. The children's pages run side by side, at most
//     max_family_parallel at a time, so a family waits about one page's time (one ETS deadline)
//     rather than one per child; the call returns only when every child's page is finished.
// 10. If any child's page fails (database, audit row), the whole family page fails with the
//     first child's failure in list order, after every child's page has finished and left its
//     audit row: no links are shown unless every shown page was audited.
// 11. The district's instructions (rule 5) are read once for the page, and only when at least
//     one child's page is one they apply to; the page shows them once.
#pragma once

#include <cstddef>
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
#include "../ports/transaction_scope.hpp"
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
  transaction_scope *transactions = nullptr;  // rule 3: the cold page's writes, one commit
};

// Rule 9: how many children's pages run at once. Each may hold one database connection at a
// time and wait on ETS; families larger than this wait one more deadline per extra round.
inline constexpr std::size_t max_family_parallel = 8;

class report_page_service {
 public:
  explicit report_page_service(report_page_dependencies deps);

  // Thread-safe. Throws failure(invalid_argument) for a malformed request, failure(database)
  // when the student directory or the audit log cannot answer, and rethrows other failures of
  // the ports.
  call_result handle(std::string_view request_json);

 private:
  // Rules 2 to 4 for one student: the answer, its audit row and the offered mark.
  page_answer serve_one(const page_request &request);
  // Rules 6 to 11.
  call_result serve_family(const page_request &request);
  audit_entry audit_row_for(const page_request &request) const;
  // Writes a row for a call that failed or shows nothing; logs (does not throw) when it cannot.
  void record_failure_row(const audit_entry &entry);
  // Writes the row of a page that is about to be shown; throws failure(database) when it cannot.
  void record_shown_row(const audit_entry &entry);
  // Rules 3 and 4: the row, with the new shared cache entry of a page just fetched from ETS and
  // a parent's offered mark, in one transaction when there is a scope.
  void record_shown(const page_request &request, const audit_entry &entry, const page_answer &page);
  // Rule 4 on its own: logs (does not throw) when the mark cannot be written.
  void record_offered(const page_request &request, const page_answer &page);
  static bool offered_to_parent(const page_request &request, const page_answer &page);
  void write_offered(const page_request &request, const page_answer &page);
  std::optional<page_instructions> instructions_on(const page_request &request,
                                                   const page_answer &page);

  report_page_dependencies deps_;
  link_allow_list allow_list_;
  link_cache cache_;
  prepared_reports_cache prepared_;
  page_answerer answerer_;
};

}  // namespace ssrlink::core
