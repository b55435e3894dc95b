// What every render of one ETS answer on one page, in one language, writes, worked out once:
// the links shown, the result's "reports" array, the page's buttons, and what the audit row and
// the "offered" stamp record. A warm render only copies these (report_page/page_json), so the
// allow-list, the clean-up, the sort, the catalogue's names and the escaping run once per cache
// entry, not once per view.
//
// Rules (in this order):
//  1. A link is shown only on its page (the language assessment page: the ELPAC family only)
//     and only when the allow-list allows its URL; each link dropped for its URL is described in
//     `dropped`, for the log (never the URL itself: it may be usable).
//  2. Every text field of a link shown is clipped to max_field_bytes and made valid UTF-8; the
//     URL is kept as it is (rule 1 allowed it: printable ASCII, https, an allowed host).
//  3. The links are in sort_for_display order, and everything below is written from them in
//     that order: `reports_json` (each report as docs/abi.md lists it, with language_name in the
//     page's language), `body_json` (render/page_renderer's report_body_html, already escaped as
//     the inside of a JSON string), `offered_json` (test, year, language, format: never a URL),
//     `report_keys` (one per test and year), and `links_expire_at` (the earliest expiry).
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../i18n/ui_text.hpp"
#include "../model/report_link.hpp"
#include "../render/link_allow_list.hpp"
#include "../render/page_renderer.hpp"

namespace ssrlink::core {

struct prepared_reports {
  report_links links;                         // rules 1 to 3; may be empty
  std::vector<std::string> dropped;           // rule 1, for the log
  std::string reports_json;                   // "[...]"
  std::string body_json;                      // the page's buttons and tip, JSON-escaped
  std::string offered_json;                   // the audit row's "offered": "[...]"
  std::vector<std::string> report_keys;       // sweep/report_identity's report_key, once each
  std::optional<time_point> links_expire_at;  // nullopt when no link is shown
};

// Rules 1 to 3 over ETS's `links` (in any order).
std::shared_ptr<const prepared_reports> prepare_reports(const report_links &links,
                                                        report_page_kind page, ui_language language,
                                                        const link_allow_list &allow_list);

// One report of a result's "reports" array (docs/abi.md, "ssrlink_reports"), for the family page,
// which writes its children's reports with Boost.JSON.
boost::json::object report_json(const report_link &link, ui_language language);

}  // namespace ssrlink::core
