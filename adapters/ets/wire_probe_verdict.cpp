// Rule 7 of the probe (wire_probe.cpp): what ssrlink itself makes of the answer, from the same
// parsers the client runs (parse_token_response, parse_reports_response, map_error) with the same
// profile. A failure's `detail` is never read or copied (it holds excerpts of the body): the
// verdict names the error and the fault, and says why from the probe's own reading, in the order
// the parsers check.
#include <variant>

#include "wire_probe_internal.hpp"

namespace ssrlink::ets::wire::probe_internal {
namespace {

// The names of core/sweep/error_kind.hpp, which an adapter may not include.
std::string_view error_name(core::ets_error error) {
  switch (error) {
    case core::ets_error::not_authorized:
      return "not_authorized";
    case core::ets_error::no_test_data:
      return "no_test_data";
    case core::ets_error::ssid_not_found:
      return "ssid_not_found";
    case core::ets_error::enrollment_mismatch:
      return "enrollment_mismatch";
    case core::ets_error::internal_error:
      return "internal_error";
    case core::ets_error::processing_error:
      break;
  }
  return "processing_error";
}

std::string_view fault_name(core::ets_fault fault) {
  switch (fault) {
    case core::ets_fault::answered:
      return "answered";
    case core::ets_fault::unreachable:
      return "unreachable";
    case core::ets_fault::timed_out:
      return "timed_out";
    case core::ets_fault::tls:
      return "tls";
    case core::ets_fault::rate_limited:
      return "rate_limited";
    case core::ets_fault::bad_response:
      break;
  }
  return "bad_response";
}

std::string names(const core::ets_failure &failure) {
  return std::string(error_name(failure.error)) + " / " + std::string(fault_name(failure.fault));
}

std::string counted(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Why map_error gave `failure` for a non-200 answer. The code is shown only when the profile's
// table knows it and it passes safe_code.
std::string error_reason(const profile &p, const raw_answer &answer, const json::value *document,
                         const core::ets_failure &failure) {
  if (failure.fault == core::ets_fault::answered) {
    const json::value *code = document != nullptr ? value_at(*document, p.errors.code) : nullptr;
    if (code != nullptr && code->is_string()) {
      for (const auto &entry : p.errors.codes) {
        if (entry.first == code->get_string() && safe_code(entry.first)) {
          return " (code " + entry.first + ")";
        }
      }
    }
    return " (a code the profile knows)";
  }
  const std::string status = "HTTP " + std::to_string(answer.status);
  if (answer.body.size() > max_small_answer_bytes) {
    return " (" + status + ", a body over 64 KiB, not read)";
  }
  return " (" + status + ", no code the profile knows)";
}

std::string token_verdict(const profile &p, const raw_answer &answer, const json::value *document) {
  const token_outcome outcome = parse_token_response(p, answer.status, answer.body);
  if (const auto *grant = std::get_if<token_grant>(&outcome)) {
    return "a usable token (lifetime " + std::to_string(grant->expires_in.count()) + " s)";
  }
  const auto &failure = std::get<core::ets_failure>(outcome);
  const std::string out = "no token: " + names(failure);
  if (answer.status != 200) {
    return out + error_reason(p, answer, document, failure);
  }
  if (answer.body.size() > max_small_answer_bytes) {
    return out + ": the body is over 64 KiB";
  }
  if (document == nullptr || !document->is_object()) {
    return out + ": the body is not a JSON object";
  }
  const json::value *token = value_at(*document, p.token.token);
  if (token == nullptr || !token->is_string() || !usable_token(token->get_string())) {
    return out + ": no usable token at " + dotted(p.token.token);
  }
  return out + ": an unusable lifetime at " + dotted(p.token.expires_in);
}

std::string reports_verdict(const profile &p, const raw_answer &answer, const json::value *document,
                            std::string_view ssid_asked, core::time_point now) {
  if (answer.status != 200) {
    const core::ets_failure failure = map_error(p, answer.status, answer.body);
    return "no reports: " + names(failure) + error_reason(p, answer, document, failure);
  }
  const reports_outcome outcome = parse_reports_response(p, answer.body, ssid_asked, now);
  if (const auto *page = std::get_if<reports_page>(&outcome)) {
    std::string out = counted(page->counts.kept, "report", "reports") + " kept of " +
                      counted(page->counts.received, "item", "items");
    if (worth_logging(page->counts)) {
      out += ": " + describe(p, page->counts);
    }
    return out;
  }
  const auto &failure = std::get<core::ets_failure>(outcome);
  const std::string out = "no reports: " + names(failure);
  if (failure.error == core::ets_error::no_test_data) {
    return out + ": an empty array at " + dotted(p.reports.reports);
  }
  if (document == nullptr || !document->is_object()) {
    return out + ": the body is not a JSON object";
  }
  const json::value *ssid = value_at(*document, p.reports.ssid);
  if (ssid == nullptr || ssid->is_null()) {
    return out + ": no SSID at " + dotted(p.reports.ssid);
  }
  if (!ssid->is_string() || ssid->get_string() != ssid_asked) {
    return out + ": the SSID at " + dotted(p.reports.ssid) + " is not the one asked for";
  }
  const json::value *items = value_at(*document, p.reports.reports);
  if (items == nullptr || !items->is_array()) {
    return out + ": no array at " + dotted(p.reports.reports);
  }
  return out + ": no usable report among " + counted(items->get_array().size(), "item", "items");
}

}  // namespace

std::string verdict(const profile &p, probe_step_kind kind, const raw_answer &answer,
                    const json::value *document, std::string_view ssid_asked,
                    core::time_point now) {
  if (kind == probe_step_kind::token) {
    return token_verdict(p, answer, document);
  }
  return reports_verdict(p, answer, document, ssid_asked, now);
}

}  // namespace ssrlink::ets::wire::probe_internal
