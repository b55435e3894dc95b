#include "report_page_service.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include "../audit/call_key.hpp"
#include "../error.hpp"
#include "../sweep/report_identity.hpp"
#include "page_instructions.hpp"
#include "page_json.hpp"

namespace ssrlink::core {
namespace {

// One key per report (test and year), not per link: the English and Spanish PDF of one result
// are one report to the notification log.
std::vector<std::string> report_keys(const report_links &reports) {
  std::vector<std::string> keys;
  for (const auto &link : reports) {
    std::string key = report_key(link);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(std::move(key));
    }
  }
  return keys;
}

}  // namespace

report_page_service::report_page_service(report_page_dependencies deps)
    : deps_(std::move(deps)),
      allow_list_(deps_.link_hosts),
      cache_(deps_.shared_cache, deps_.clock, deps_.log, deps_.cache_options),
      answerer_({.students = deps_.students,
                 .credentials = deps_.credentials,
                 .ets = deps_.ets,
                 .cache = cache_,
                 .allow_list = allow_list_,
                 .log = deps_.log}) {}

void report_page_service::record_offered(const page_request &request, const page_answer &page) {
  if (request.who.role != viewer_role::parent || !page.contact_sequence ||
      page.outcome != page_outcome::reports) {
    return;
  }
  try {
    deps_.offered.record_offered(request.student_id, *page.contact_sequence,
                                 report_keys(page.reports), deps_.clock.now());
  } catch (const std::exception &error) {
    // The parent still gets the page; staff lose only the "viewed" mark.
    deps_.log.log(log_level::warning, "Could not record that a parent was offered score reports: " +
                                          std::string(error.what()));
  }
}

std::optional<page_instructions> report_page_service::instructions_on(const page_request &request,
                                                                      const page_answer &page) {
  if (!deps_.settings || !instructions_apply(request.who.role, page.outcome)) {
    return std::nullopt;
  }
  try {
    return instructions_for(deps_.settings(), request.language);
  } catch (const std::exception &error) {
    // The page never fails for want of its instructions.
    deps_.log.log(log_level::warning,
                  "The district's instructions could not be read, so the page shows none: " +
                      std::string(error.what()));
    return std::nullopt;
  }
}

call_result report_page_service::handle(std::string_view request_json) {
  const page_request request = parse_page_request(request_json);  // rule 1
  audit_entry entry;
  entry.at = deps_.clock.now();
  entry.action = "reports";
  entry.call_key = new_call_key();
  entry.role = std::string(role_name(request.who.role));
  entry.user_id = request.who.user_id;
  entry.student_id = request.student_id;
  entry.page = std::string(page_name(request.page));
  entry.offered = "[]";

  page_answer page;
  try {
    page = answerer_.answer(request);
  } catch (const std::exception &) {
    entry.outcome = "error";  // rule 3: failures are audited too
    try {
      deps_.audit.record(entry);
    } catch (const std::exception &audit_error) {
      deps_.log.log(log_level::error,
                    "The audit row for a failed score report request could not be written: " +
                        std::string(audit_error.what()));
    }
    throw;
  }

  entry.outcome = std::string(to_string(page.outcome));
  entry.reason = page.reason ? std::string(to_string(*page.reason)) : std::string();
  entry.contact_sequence = page.contact_sequence;
  entry.offered = offered_json(page.reports);
  try {
    deps_.audit.record(entry);
  } catch (const std::exception &audit_error) {
    deps_.log.log(log_level::error,
                  "The audit row could not be written, so no score reports were shown: " +
                      std::string(audit_error.what()));
    const auto *known = dynamic_cast<const failure *>(&audit_error);
    throw failure(status::database,
                  "The score reports cannot be shown right now because the access record could "
                  "not be written; please try again later.",
                  known != nullptr ? known->detail() : std::string());
  }
  record_offered(request, page);                       // rule 4
  page.instructions = instructions_on(request, page);  // rule 5
  return {status::ok, page_result_json(page, request)};
}

}  // namespace ssrlink::core
