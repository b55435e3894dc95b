// The probe's reading of one ETS answer against a wire profile, every value redacted
// (wire_probe.hpp). The rules, in the order analyse_answer checks them:
//
//  1. The request (describe_request): the method, the target without its query string
//     (loggable_target), and the names, never the values, of what it carries, from the profile
//     (never from the body): a token step "(json: username, secretKey)" or "(form: grant_type,
//     client_id, client_secret)" in the order token_request sends them (the profile's constants
//     first); a reports step "(query: <ssid parameter>; header: <authorization header>)".
//  2. Headers: every header received, in order (the first max_headers, then a count), its name
//     made printable ASCII and cut at 64 characters. Its value is shown, printable and cut at 120
//     characters, only for a header known to carry no secret (Content-Type, Content-Length,
//     Retry-After, Date, Server, Cache-Control, Connection, Transfer-Encoding, Vary,
//     Content-Encoding; names compared case-insensitively); of WWW-Authenticate only the first
//     word, the scheme, when it looks like a name (rule 4); of any other (Set-Cookie, Location,
//     Authorization, X-Request-Id, ...) only its size, "(N bytes, not shown)".
//  3. Status 0: no answer arrived, and nothing else is read; first_mismatch and verdict say so.
//     The transport sets transport_failure itself.
//  4. Shape, when the body is JSON (strict, wire_json.hpp): one line per place, depth-first in
//     document order ("data.scoreReports: array of 6", "data.scoreReports[]: object (6 of 6)").
//     Array items are merged into one place; a member seen in k of the n objects at its parent's
//     place prints "(k of n)"; a place holding several types prints each with its count. Types
//     only (object, array of N, string, number, boolean, null), never a value. A member name is
//     shown when it looks like a name (looks_like_name) or the profile names it, else as
//     "(name withheld)", all such members of one place merged, their subtree described under it.
//     At most 8 levels and 200 lines, then "… N more places not shown" (and at most 4096
//     distinct places are tracked, a bound on memory for a hostile answer).
//  5. Found, missing, unknown: the places the profile expects of this answer — a 200 token
//     answer token.answer.token (string) and, optional, token.answer.expires_in (number); a 200
//     report answer reports.answer.ssid (string), reports.answer.reports (array) and in its items
//     the item fields (strings; url, format, language, report_type and year required); any other
//     status, as the plugin reads it, an error answer: errors.code and errors.message (strings).
//     Found: present with the expected type (an optional item field in some items only: found,
//     "in k of n items"). Missing, with why: "absent", "a number, expected a string",
//     "in 4 of 6 items (absent in 2)"; an optional place holding null is read as absent. Item
//     fields are not judged without a reports array or with an empty one. Unknown: places present
//     that no expected place names and that are not the parents of one; the top one of each
//     unknown subtree only.
//  6. first_mismatch, "" when the answer matched, the first that applies: no answer (rule 3);
//     a body that is not JSON ("the body is not JSON (Content-Type text/html, 1532 bytes)");
//     an error answer matches when errors.code holds a code of the profile's table (ETS meant
//     that error: the wire is right), else it names what is wrong ("HTTP 404: no errors.code
//     (error.code) in the body"); a 200 answer stops matching at its first missing place in the
//     profile's order (a required one absent from any item, an optional one from every item, or
//     either of another type).
//  7. Verdict: what ssrlink itself makes of the answer, from the same parsers with the same
//     profile (wire_probe_verdict.cpp): "a usable token (lifetime 3600 s)", "6 reports kept of 6
//     items" (and describe() when worth_logging), or the error and fault names, with a known
//     error code when safe_code passes, and why in the probe's own words. A parser's `detail`
//     is never copied: it holds excerpts of the body.
//  8. Redaction is the point: of the body, only member names that pass rule 4 and known error
//     codes that pass rule 7 may reach the result; of the headers, names and the values rule 2
//     allows.
#include <algorithm>
#include <optional>

#include "wire_json.hpp"
#include "wire_probe_internal.hpp"

namespace ssrlink::ets::wire {
namespace {

namespace pi = probe_internal;

constexpr std::size_t max_headers = 100;
constexpr std::size_t max_header_name_chars = 64;
constexpr std::size_t max_header_value_chars = 120;
constexpr std::string_view no_secret_headers[] = {
    "Content-Type",  "Content-Length", "Retry-After",       "Date", "Server",
    "Cache-Control", "Connection",     "Transfer-Encoding", "Vary", "Content-Encoding"};

bool same_name(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

// Rule 2.
core::ets_probe_header redacted(const std::pair<std::string, std::string> &header) {
  const std::string &name = header.first;
  const std::string &value = header.second;
  core::ets_probe_header out{pi::printable(name, max_header_name_chars), ""};
  if (std::any_of(std::begin(no_secret_headers), std::end(no_secret_headers),
                  [&](std::string_view safe) { return same_name(name, safe); })) {
    out.value = pi::printable(value, max_header_value_chars);
  } else if (same_name(name, "WWW-Authenticate")) {
    const std::size_t start = std::min(value.find_first_not_of(' '), value.size());
    const std::size_t end = value.find_first_of(" ,", start);
    const std::string_view scheme = std::string_view(value).substr(start, end - start);
    out.value = pi::looks_like_name(scheme) ? std::string(scheme) : "(scheme withheld)";
  } else {
    // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
    // "(" + std::string, which inserts at the front of a temporary.
    out.value.append("(").append(std::to_string(value.size()));
    out.value.append(value.size() == 1 ? " byte" : " bytes").append(", not shown)");
  }
  return out;
}

// "(Content-Type text/html, 1532 bytes)" for rule 6.
std::string body_summary(const raw_answer &answer) {
  std::string type = "no Content-Type";
  for (const auto &[name, value] : answer.headers) {
    if (same_name(name, "Content-Type")) {
      type = "Content-Type " + pi::printable(value, max_header_value_chars);
      break;
    }
  }
  return "(" + type + ", " + std::to_string(answer.body.size()) + " bytes)";
}

// Rule 6 for an error answer: "" when errors.code holds a code the profile's table knows.
std::string error_mismatch(const profile &p, const raw_answer &answer,
                           const pi::json::value &document) {
  const std::string status = "HTTP " + std::to_string(answer.status) + ": ";
  const std::string code_place = "errors.code (" + dotted(p.errors.code) + ")";
  if (answer.body.size() > max_small_answer_bytes) {
    return status + "the body is over 64 KiB, so ssrlink does not read its errors.code";
  }
  const pi::json::value *code = pi::value_at(document, p.errors.code);
  if (code == nullptr) {
    return status + "no " + code_place + " in the body";
  }
  if (!code->is_string()) {
    return status + code_place + " is " + std::string(pi::with_article(pi::kind_of(*code))) +
           ", expected a string";
  }
  const bool known =
      std::any_of(p.errors.codes.begin(), p.errors.codes.end(),
                  [&](const auto &entry) { return entry.first == code->get_string(); });
  return known ? "" : status + "the code at " + code_place + " is not in the profile's table";
}

}  // namespace

std::string describe_request(const profile &p, probe_step_kind kind, const request_spec &request) {
  const std::string_view target = loggable_target(request.target);
  std::string out =
      std::string(request.post ? "POST " : "GET ") + pi::printable(target, target.size());
  if (kind == probe_step_kind::reports) {
    return out + " (query: " + p.reports.ssid_parameter +
           "; header: " + p.reports.authorization_header + ")";
  }
  std::vector<std::string> fields;
  for (const auto &constant : p.token.constants) {
    fields.push_back(constant.first);
  }
  fields.push_back(p.token.username_field);
  fields.push_back(p.token.secret_key_field);
  out += p.token.encoding == token_encoding::form ? " (form: " : " (json: ";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    out += (i == 0 ? "" : ", ") + fields[i];
  }
  return out + ")";
}

core::ets_probe_step analyse_answer(const profile &p, probe_step_kind kind,
                                    std::string request_line, const raw_answer &answer,
                                    std::string_view ssid_asked, core::time_point now) {
  core::ets_probe_step step;
  step.name = kind == probe_step_kind::token ? "token" : "reports";
  step.request = std::move(request_line);
  step.http_status = answer.status;
  // Rule 2.
  for (std::size_t i = 0; i < answer.headers.size() && i < max_headers; ++i) {
    step.headers.push_back(redacted(answer.headers[i]));
  }
  if (answer.headers.size() > max_headers) {
    step.headers.push_back(
        {"...", std::to_string(answer.headers.size() - max_headers) + " more headers not shown"});
  }
  // Rule 3.
  if (answer.status == 0) {
    step.first_mismatch = "no answer from ETS (see the transport failure)";
    step.verdict = "no answer";
    return step;
  }
  // Rules 4 and 5.
  const std::optional<pi::json::value> document = internal::parse_json(answer.body);
  const bool error_answer = answer.status != 200;
  const pi::expectations expected = pi::expected_places(p, kind, error_answer);
  if (document) {
    pi::shape_reading shape =
        pi::read_shape(*document, pi::as_places(expected), pi::names_in(expected));
    step.shape = std::move(shape.lines);
    step.unknown = std::move(shape.unknown);
    pi::match_reading match = pi::match_expected(expected, *document);
    step.found = std::move(match.found);
    step.missing = std::move(match.missing);
  }
  // Rule 6.
  if (!document) {
    step.first_mismatch =
        std::string(answer.body.empty() ? "the body is empty " : "the body is not JSON ") +
        body_summary(answer);
  } else if (error_answer) {
    step.first_mismatch = error_mismatch(p, answer, *document);
  } else if (!step.missing.empty()) {
    step.first_mismatch = step.missing.front();
  }
  // Rule 7.
  step.verdict = pi::verdict(p, kind, answer, document ? &*document : nullptr, ssid_asked, now);
  return step;
}

}  // namespace ssrlink::ets::wire
