#include "page_answerer.hpp"

#include <string>
#include <utility>

#include "../error.hpp"
#include "../i18n/ui_text.hpp"
#include "../render/text_safety.hpp"

namespace ssrlink::core {
namespace {

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

// Rule 6: "The TOMS Electronic Reporting credentials expired on {date}. ..."
std::string expiry_hint(day_point expired_on, ui_language language) {
  std::string sentence = said(ui_text::credentials_expired_hint, language);
  constexpr std::string_view placeholder = "{date}";
  if (const auto at = sentence.find(placeholder); at != std::string::npos) {
    sentence.replace(at, placeholder.size(), format_day(expired_on));
  }
  return sentence;
}

}  // namespace

page_answerer::page_answerer(page_answer_ports ports) : ports_(ports) {}

std::shared_ptr<const prepared_reports> page_answerer::shown_links(const page_request &request,
                                                                   const link_lookup &lookup) {
  return ports_.prepared.get_or_prepare(lookup.answer, request.page, request.language, [&] {
    auto prepared = prepare_reports(lookup.result().reports(), request.page, request.language,
                                    ports_.allow_list);
    for (const auto &dropped : prepared->dropped) {
      ports_.log.log(log_level::warning,
                     "Dropped a report link for student " + std::to_string(request.student_id) +
                         " that is not an https link on an allowed host: " + dropped + ".");
    }
    return prepared;
  });
}

page_answer page_answerer::fetch_and_filter(const page_request &request,
                                            const student_facts &facts) {
  const ui_language language = request.language;
  const bool privileged = is_privileged(request.who.role);
  const auto credentials = ports_.credentials.for_school(facts.school_code);
  if (!credentials) {  // rule 5
    ports_.log.log(log_level::warning, "No TOMS credentials for school \"" +
                                           clipped_text(facts.school_code, 32) +
                                           "\" or the district; score reports are not available.");
    return {
        .outcome = page_outcome::not_configured,
        .message = said(privileged ? ui_text::not_configured_staff : ui_text::not_configured_public,
                        language)};
  }
  if (credentials->expired) {  // rule 6
    return {.outcome = page_outcome::ets_error,
            .message = said(ui_text::not_authorized, language),
            .hint = privileged ? std::optional(expiry_hint(credentials->expires_on, language))
                               : std::nullopt};
  }

  link_lookup lookup = ports_.cache.get_or_fetch(
      facts.ssid, credentials->pair.set_id, request.refresh,
      [&] { return ports_.ets.fetch_reports(credentials->pair, facts.ssid); });
  if (!lookup.result().ok()) {  // rule 7
    const ets_failure &failure = lookup.result().failure();
    const bool no_data = failure.error == ets_error::no_test_data;
    if (!lookup.cached) {
      // "No data" and "SSID not found" are ordinary answers, not faults worth a warning.
      const bool ordinary = no_data || failure.error == ets_error::ssid_not_found;
      ports_.log.log(ordinary ? log_level::info : log_level::warning,
                     "ETS gave no score reports for student " + std::to_string(request.student_id) +
                         " (HTTP " + std::to_string(failure.http_status) +
                         "): " + clipped_text(failure.detail, 500));
    }
    return {.outcome = no_data ? page_outcome::no_reports : page_outcome::ets_error,
            .message = said(text_for(failure.error), language),
            .cached = lookup.cached,
            .to_share = lookup.to_share};
  }

  std::shared_ptr<const prepared_reports> shown = shown_links(request, lookup);  // rule 8
  if (shown->links.empty()) {
    return {.outcome = page_outcome::no_reports,
            .message = said(ui_text::no_test_data, language),
            .cached = lookup.cached,
            .to_share = lookup.to_share};
  }
  return {.outcome = page_outcome::reports,
          .shown = std::move(shown),
          .cached = lookup.cached,
          .to_share = lookup.to_share};
}

page_answer page_answerer::refusal(const page_request &request, const access_decision &decision,
                                   std::optional<int> contact) {
  // The reason is for the log and the audit row; the page gets one sentence for every reason
  // of the same verdict, so it cannot tell a viewer which rule (or which flag) refused them.
  ports_.log.log(log_level::info,
                 "Denied score reports of student " + std::to_string(request.student_id) + " to " +
                     std::string(role_name(request.who.role)) + " \"" +
                     clipped_text(request.who.user_id, 64) + "\"" +
                     (contact ? " as contact " + std::to_string(*contact) : std::string()) + " (" +
                     std::string(to_string(decision.reason)) + ").");
  return {
      .outcome = page_outcome::denied,
      .message = said(decision.verdict == access_verdict::inaccessible ? ui_text::tests_inaccessible
                                                                       : ui_text::not_permitted,
                      request.language),
      .reason = decision.reason,
      .contact_sequence = contact};
}

page_answer page_answerer::answer(const page_request &request) {
  const ui_language language = request.language;
  const viewer &who = request.who;
  std::optional<student_binding> binding;
  if (who.role == viewer_role::admin || who.permitted) {  // rule 1
    binding = ports_.students.find_binding(
        {request.student_id, binding_kind_for(who),
         who.role == viewer_role::parent ? who.user_id : std::string()});
  }
  const entitlement entitled =
      decide_entitlement(who, request.student_id, binding ? &*binding : nullptr);
  switch (entitled.decision.verdict) {  // rule 2
    case access_verdict::allow:
      break;
    case access_verdict::not_found:
      return {.outcome = page_outcome::not_found,
              .message = said(ui_text::student_not_found, language),
              .reason = entitled.decision.reason};
    case access_verdict::not_permitted:
    case access_verdict::inaccessible:
    case access_verdict::no_ssid:
      return refusal(request, entitled.decision, std::nullopt);
  }

  // Rule 3: entitled, so only now are the student's flags read.
  const std::optional<student_facts> facts =
      ports_.students.find_student({request.student_id, entitled.contact_sequence});
  if (!facts) {
    return refusal(request, {access_verdict::not_permitted, access_reason::unknown_student},
                   entitled.contact_sequence);
  }
  const access_decision decision = decide_access(who, *facts);
  switch (decision.verdict) {  // rule 4
    case access_verdict::allow: {
      page_answer page = fetch_and_filter(request, *facts);
      page.contact_sequence = entitled.contact_sequence;
      return page;
    }
    case access_verdict::not_permitted:
    case access_verdict::inaccessible:
      return refusal(request, decision, entitled.contact_sequence);
    case access_verdict::not_found:
      return {.outcome = page_outcome::not_found,
              .message = said(ui_text::student_not_found, language)};
    case access_verdict::no_ssid:
      return {.outcome = page_outcome::no_ssid,
              .message = said(ui_text::no_ssid, language),
              .contact_sequence = entitled.contact_sequence};
  }
  throw failure(status::internal, "The access decision was not understood.");
}

}  // namespace ssrlink::core
