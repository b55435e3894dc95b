#include "report_page_service.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <optional>

#include "../audit/call_key.hpp"
#include "../catalogue/report_catalogue.hpp"
#include "../error.hpp"
#include "../i18n/ui_text.hpp"
#include "../render/page_renderer.hpp"
#include "../render/text_safety.hpp"
#include "access_policy.hpp"

namespace ssrlink::core {

namespace json = boost::json;

struct report_page_service::page_answer {
  page_answer() = default;
  page_answer(std::string outcome_, std::optional<std::string> message_,
              std::optional<std::string> hint_, report_links reports_, bool cached_)
      : outcome(std::move(outcome_)),
        message(std::move(message_)),
        hint(std::move(hint_)),
        reports(std::move(reports_)),
        cached(cached_) {}

  std::string outcome;
  std::optional<std::string> message;
  std::optional<std::string> hint;
  report_links reports;  // cleaned, allowed, filtered, in page order
  bool cached = false;
  std::string reason;                   // why a viewer was refused; audit and log only
  std::optional<int> contact_sequence;  // the contact the data bound a parent viewer to
};

namespace {

// Text fields from ETS are bounded before they go anywhere (JSON, HTML, audit).
constexpr std::size_t max_field_bytes = 200;

bool is_privileged(viewer_role role) {
  return role == viewer_role::admin || role == viewer_role::staff;
}

ui_text text_for(ets_error error) {
  switch (error) {
    case ets_error::not_authorized:
      return ui_text::not_authorized;
    case ets_error::no_test_data:
      return ui_text::no_test_data;
    case ets_error::ssid_not_found:
      return ui_text::ssid_not_found;
    case ets_error::enrollment_mismatch:
      return ui_text::enrollment_mismatch;
    case ets_error::internal_error:
      return ui_text::internal_error;
    case ets_error::processing_error:
      return ui_text::processing_error;
  }
  return ui_text::processing_error;
}

std::string said(ui_text id, ui_language language) {
  return std::string(text(id, language));
}

report_link cleaned(const report_link &link) {
  return report_link{clipped_text(link.test, max_field_bytes),
                     clipped_text(link.name, max_field_bytes),
                     clipped_text(link.year, max_field_bytes),
                     clipped_text(link.grade, max_field_bytes),
                     clipped_text(link.subject, max_field_bytes),
                     clipped_text(link.language, max_field_bytes),
                     clipped_text(link.format, max_field_bytes),
                     clipped_text(link.status, max_field_bytes),
                     link.url,  // already allow-listed: printable ASCII only
                     link.expires_at};
}

std::string offered_json(const report_links &reports) {
  json::array offered;
  for (const auto &link : reports) {
    offered.push_back(json::object{{"test", link.test},
                                   {"year", link.year},
                                   {"language", link.language},
                                   {"format", link.format}});
  }
  return json::serialize(offered);
}

json::value optional_text(const std::optional<std::string> &value) {
  return value ? json::value(*value) : json::value(nullptr);
}

}  // namespace

report_page_service::report_page_service(report_page_dependencies deps)
    : deps_(std::move(deps)),
      allow_list_(deps_.link_hosts),
      cache_(deps_.shared_cache, deps_.clock, deps_.log, deps_.cache_options) {}

report_links report_page_service::shown_links(const page_request &request,
                                              const report_links &links) {
  report_links shown;
  for (const auto &link : links) {
    if (request.page == report_page_kind::language_assessment &&
        !is_language_assessment_test(link.test)) {
      continue;
    }
    if (!allow_list_.allows(link.url)) {
      deps_.log.log(log_level::warning, "Dropped a report link for student " +
                                            std::to_string(request.student_id) +
                                            " that is not an https link on an allowed host: " +
                                            describe_link_for_log(link.url) + ".");
      continue;
    }
    shown.push_back(cleaned(link));
  }
  sort_for_display(shown);
  return shown;
}

report_page_service::page_answer report_page_service::fetch_and_filter(const page_request &request,
                                                                       const student_facts &facts) {
  const ui_language language = request.language;
  const bool privileged = is_privileged(request.who.role);
  const auto credentials = deps_.credentials.for_school(facts.school_code);
  if (!credentials) {
    deps_.log.log(log_level::warning, "No TOMS credentials for school \"" +
                                          clipped_text(facts.school_code, 32) +
                                          "\" or the district; score reports are not available.");
    return {
        "not_configured",
        said(privileged ? ui_text::not_configured_staff : ui_text::not_configured_public, language),
        std::nullopt,
        {},
        false};
  }
  if (credentials->expired) {
    std::optional<std::string> hint;
    if (privileged) {
      std::string sentence = said(ui_text::credentials_expired_hint, language);
      const std::string day = format_day(credentials->expires_on);
      if (const auto at = sentence.find("{date}"); at != std::string::npos) {
        sentence.replace(at, 6, day);
      }
      hint = std::move(sentence);
    }
    return {"ets_error", said(ui_text::not_authorized, language), std::move(hint), {}, false};
  }

  link_lookup lookup =
      cache_.get_or_fetch(facts.ssid, credentials->pair.set_id, request.refresh,
                          [&] { return deps_.ets.fetch_reports(credentials->pair, facts.ssid); });
  if (!lookup.result.ok()) {
    const ets_failure &failure = lookup.result.failure();
    const bool no_data = failure.error == ets_error::no_test_data;
    if (!lookup.cached) {
      // "No data" and "SSID not found" are ordinary answers, not faults worth a warning.
      const bool ordinary = no_data || failure.error == ets_error::ssid_not_found;
      deps_.log.log(ordinary ? log_level::info : log_level::warning,
                    "ETS gave no score reports for student " + std::to_string(request.student_id) +
                        " (HTTP " + std::to_string(failure.http_status) +
                        "): " + clipped_text(failure.detail, 500));
    }
    return {no_data ? "no_reports" : "ets_error",
            said(text_for(failure.error), language),
            std::nullopt,
            {},
            lookup.cached};
  }

  report_links shown = shown_links(request, lookup.result.reports());
  if (shown.empty()) {
    return {"no_reports", said(ui_text::no_test_data, language), std::nullopt, {}, lookup.cached};
  }
  return {"reports", std::nullopt, std::nullopt, std::move(shown), lookup.cached};
}

report_page_service::page_answer report_page_service::refusal(const page_request &request,
                                                              const access_decision &decision,
                                                              std::optional<int> contact) {
  // The reason is for the log and the audit row; the page gets one sentence for every reason
  // of the same verdict, so it cannot tell a viewer which rule (or which flag) refused them.
  deps_.log.log(log_level::info,
                "Denied score reports of student " + std::to_string(request.student_id) + " to " +
                    std::string(role_name(request.who.role)) + " \"" +
                    clipped_text(request.who.user_id, 64) + "\"" +
                    (contact ? " as contact " + std::to_string(*contact) : std::string()) + " (" +
                    std::string(decision.reason) + ").");
  page_answer page{
      "denied",
      said(decision.verdict == access_verdict::inaccessible ? ui_text::tests_inaccessible
                                                            : ui_text::not_permitted,
           request.language),
      std::nullopt,
      {},
      false};
  page.reason = std::string(decision.reason);
  page.contact_sequence = contact;
  return page;
}

report_page_service::page_answer report_page_service::answer(const page_request &request) {
  const ui_language language = request.language;
  const viewer &who = request.who;
  // Without the permission there is nothing to look up: refuse before touching the database.
  std::optional<student_binding> binding;
  if (who.role == viewer_role::admin || who.permitted) {
    binding = deps_.students.find_binding(
        {request.student_id, binding_kind_for(who),
         who.role == viewer_role::parent ? who.user_id : std::string()});
  }
  const entitlement entitled =
      decide_entitlement(who, request.student_id, binding ? &*binding : nullptr);
  switch (entitled.decision.verdict) {
    case access_verdict::allow:
      break;
    case access_verdict::not_found: {
      page_answer page{
          "not_found", said(ui_text::student_not_found, language), std::nullopt, {}, false};
      page.reason = std::string(entitled.decision.reason);
      return page;
    }
    case access_verdict::not_permitted:
    case access_verdict::inaccessible:
    case access_verdict::no_ssid:
      return refusal(request, entitled.decision, std::nullopt);
  }

  // Entitled: only now are the student's flags read.
  const std::optional<student_facts> facts =
      deps_.students.find_student({request.student_id, entitled.contact_sequence});
  if (!facts) {
    // Deleted between the two reads.
    return refusal(request, {access_verdict::not_permitted, "unknown_student"},
                   entitled.contact_sequence);
  }
  const access_decision decision = decide_access(who, *facts);
  switch (decision.verdict) {
    case access_verdict::allow: {
      page_answer page = fetch_and_filter(request, *facts);
      page.contact_sequence = entitled.contact_sequence;
      return page;
    }
    case access_verdict::not_permitted:
    case access_verdict::inaccessible:
      return refusal(request, decision, entitled.contact_sequence);
    case access_verdict::not_found:
      return {"not_found", said(ui_text::student_not_found, language), std::nullopt, {}, false};
    case access_verdict::no_ssid: {
      page_answer page{"no_ssid", said(ui_text::no_ssid, language), std::nullopt, {}, false};
      page.contact_sequence = entitled.contact_sequence;
      return page;
    }
  }
  throw failure(status::internal, "The access decision was not understood.");
}

call_result report_page_service::handle(std::string_view request_json) {
  const page_request request = parse_page_request(request_json);
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
    page = answer(request);
  } catch (const std::exception &) {
    entry.outcome = "error";
    try {
      deps_.audit.record(entry);
    } catch (const std::exception &audit_error) {
      deps_.log.log(log_level::error,
                    "The audit row for a failed score report request could "
                    "not be written: " +
                        std::string(audit_error.what()));
    }
    throw;
  }

  entry.outcome = page.outcome;
  entry.reason = page.reason;
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
  if (deps_.offered_to_parent && request.who.role == viewer_role::parent && page.contact_sequence &&
      page.outcome == "reports") {
    try {
      // The contact the data bound the parent to, never the host's word.
      deps_.offered_to_parent(request.student_id, *page.contact_sequence, page.reports);
    } catch (const std::exception &error) {
      // The parent still gets the page; staff lose only the "viewed" mark.
      deps_.log.log(
          log_level::warning,
          "Could not record that a parent was offered score reports: " + std::string(error.what()));
    }
  }

  json::array reports;
  std::optional<time_point> earliest;
  for (const auto &link : page.reports) {
    reports.push_back(json::object{
        {"test", link.test},
        {"name", link.name},
        {"year", link.year},
        {"grade", link.grade},
        {"subject", link.subject},
        {"language", link.language},
        {"language_name",
         clipped_text(report_language_name(link.language, request.language), max_field_bytes)},
        {"format", link.format},
        {"status", link.status},
        {"url", link.url},
        {"expires_at", format_utc(link.expires_at)}});
    if (!earliest || link.expires_at < *earliest) {
      earliest = link.expires_at;
    }
  }

  page_view view;
  view.language = request.language;
  view.page = request.page;
  view.message = page.message;
  view.hint = page.hint;
  view.reports = page.reports;
  view.refresh_url = request.refresh_url;

  json::object result;
  result["outcome"] = page.outcome;
  result["message"] = optional_text(page.message);
  result["hint"] = optional_text(page.hint);
  result["links_expire_at"] = earliest ? json::value(format_utc(*earliest)) : json::value(nullptr);
  result["reports"] = std::move(reports);
  result["cached"] = page.cached;
  result["html"] = render_report_page(view);
  return {status::ok, json::serialize(result)};
}

}  // namespace ssrlink::core
