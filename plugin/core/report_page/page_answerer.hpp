// The page's decision, request → page_answer, with no JSON, HTML or audit in sight:
//
//   binding (portal link, school) → entitlement → the student's flags → access policy (deny /
//   not found / no SSID / go) → credentials for the student's school → link cache (ETS on a
//   miss) → page filter → link allow-list and text clean-up.
//
// Rules (in this order, one answer each):
//  1. Without the host's permission nothing is read: the binding is looked up only for admins
//     and permitted viewers (the access policy then refuses the rest).
//  2. Not entitled (access_policy rules 1 to 6): denied, or not_found for district-wide viewers.
//  3. Only an entitled viewer's request reads the student's flags; a student deleted between the
//     two reads is denied as unknown.
//  4. Do Not Release / Hide Contact Info (access_policy rule 7): denied. No SSID: no_ssid.
//  5. No credentials for the student's school or the district: not_configured (staff are told
//     what to enter, everyone else to ask the school).
//  6. Expired credentials: ets_error without asking ETS, with the expiry day as a hint for staff.
//  7. ETS's answer (through the link cache): "no test data" is no_reports, any other error
//     ets_error, each with our sentence for the error code, never ETS's text.
//  8. The links this page shows (the language assessment page: the ELPAC family only) that pass
//     the allow-list, clipped and sorted: reports, or no_reports when none is left. This is
//     worked out once per link cache entry, page and language (prepared_reports), and a link
//     dropped by the allow-list is logged then, not on every view.
#pragma once

#include <optional>

#include "../credentials/credential_resolver.hpp"
#include "../model/student.hpp"
#include "../ports/ets_client.hpp"
#include "../ports/logger.hpp"
#include "../ports/student_directory.hpp"
#include "../render/link_allow_list.hpp"
#include "access_policy.hpp"
#include "link_cache.hpp"
#include "page_answer.hpp"
#include "page_request.hpp"
#include "prepared_reports_cache.hpp"

namespace ssrlink::core {

// Every reference must outlive the answerer.
struct page_answer_ports {
  student_directory &students;
  credential_resolver &credentials;
  ets_client &ets;
  link_cache &cache;
  prepared_reports_cache &prepared;
  const link_allow_list &allow_list;
  logger &log;
};

class page_answerer {
 public:
  explicit page_answerer(page_answer_ports ports);

  // Thread-safe. Throws what the directory, the credentials or ETS throw.
  page_answer answer(const page_request &request);

 private:
  page_answer refusal(const page_request &request, const access_decision &decision,
                      std::optional<int> contact);
  page_answer fetch_and_filter(const page_request &request, const student_facts &facts);
  // Rule 8, once per cache entry, page and language (prepared_reports).
  std::shared_ptr<const prepared_reports> shown_links(const page_request &request,
                                                      const link_lookup &lookup);

  page_answer_ports ports_;
};

}  // namespace ssrlink::core
