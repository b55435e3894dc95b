// The ETS wire format, and nothing else (docs/ets-protocol.md). The names it uses — paths, the
// token step's encoding and fields, where each answer field sits, the error codes — come from a
// wire profile (wire_profile.hpp), so a district whose ETS differs from our guess changes a file,
// not the code; what is left here is how answers are read and the rules that keep them safe.
// Every function is pure — no I/O, no clock, no logging — so it is unit-tested with golden bodies
// and fuzzed. This header is the files' one entry point; the sources split it by concern:
//   wire.cpp            the two requests and the token exchange (token_request, reports_request,
//                       loggable_target, usable_token, parse_token_response)
//   wire_reports.cpp    the report list (parse_reports_response, worth_logging, describe)
//   wire_errors.cpp     the error-code table (map_error) and body_excerpt, shared by both
//   wire_profile.cpp    the profile document: reading and checking it, the built-in default
//   wire_probe.cpp      the probe's redacted reading of an answer (wire_probe.hpp)
//   wire_json.hpp       internal: the strict JSON reading they share
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/model/credentials.hpp"
#include "core/model/ets_outcome.hpp"
#include "core/time.hpp"
#include "wire_profile.hpp"

namespace ssrlink::ets::wire {

// Header names the transport needs; the values are built by the functions below.
inline constexpr std::string_view retry_after_header = "Retry-After";
inline constexpr std::string_view json_content_type = "application/json";

// Lifetime assumed when the token response carries no `expiresIn`.
inline constexpr std::chrono::seconds default_token_lifetime{3600};
// Link lifetime assumed when a report carries no (usable) `expiresAt`.
inline constexpr std::chrono::minutes default_link_lifetime{30};
// How much of an unusable body goes into a failure's detail (for the log).
inline constexpr std::size_t detail_excerpt_chars = 200;

// One HTTP request as the wire contract wants it; the transport turns it into bytes. A token
// request holds the Secret Key in `body`: send it and drop it, never log it.
struct request_spec {
  bool post = false;                                         // POST with `body`, else GET
  std::string target;                                        // origin-form: path and query
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Host and User-Agent
  std::string body;
  bool keep_headers = false;  // the answer's headers are wanted (the probe), not only its status
};

// `POST {base_path}{token.path}` with the credentials (and the profile's constants) in the
// profile's encoding: a JSON object, or a form with every value percent-encoded.
request_spec token_request(const profile &p, std::string_view base_path,
                           const core::ets_credentials &credentials);

// `GET {base_path}{reports.path}?{ssid_parameter}=<percent-encoded ssid>` with the token in the
// profile's authorization header, after its prefix.
request_spec reports_request(const profile &p, std::string_view base_path, std::string_view ssid,
                             std::string_view token);

// The target without its query string: what a log line may name.
std::string_view loggable_target(std::string_view target);

// The longest token ssrlink accepts. A token goes into an Authorization header, so it is bounded
// like the header it must not be able to break.
inline constexpr std::size_t max_token_chars = 8192;

// Whether `token` may go into an Authorization header: non-empty, at most max_token_chars,
// printable ASCII only (no space, no control character, nothing that could end the header). The
// one check for a token from ETS's answer (parse_token_response) and for one another process
// obtained and this one adopts (https_ets_client::adopt_token).
bool usable_token(std::string_view token);

struct token_grant {
  std::string token;  // printable ASCII only (checked), so it is safe in a header
  std::chrono::seconds expires_in{default_token_lifetime};
};

using token_outcome = std::variant<token_grant, core::ets_failure>;

// The token endpoint's answer. 200 with a usable token at the profile's place → grant; anything
// else → the mapped failure (see map_error); a 200 without a usable token, or with a body over
// max_small_answer_bytes → processing_error / bad_response.
token_outcome parse_token_response(const profile &p, int http_status, std::string_view body);

// The most report items one answer may carry; the rest are counted, never examined. A real
// student has at most a few dozen reports (every test, year, subject and language together), so
// an answer beyond this is hostile or broken, and examining it item by item would only cost time
// and log space.
inline constexpr std::size_t max_report_items = 500;

// Bodies of token and error answers larger than this are not parsed as JSON: a real one is a few
// hundred bytes, and they are read in a handler of the client's io_context, where parsing must
// stay short.
inline constexpr std::size_t max_small_answer_bytes = std::size_t{64} * 1024;

// The required report fields, in the order item_counts::missing counts them (item_field's).
inline constexpr std::size_t required_report_fields = required_item_fields;

// What happened to the items of one `reports` array, counted so that the log gets one summary
// line per answer, never one line per item (a hostile answer may hold hundreds of thousands).
struct item_counts {
  std::size_t received = 0;       // items in the array
  std::size_t kept = 0;           // became report links
  std::size_t beyond_cap = 0;     // after the first max_report_items, not examined
  std::size_t not_an_object = 0;  // skipped
  std::size_t missing_field = 0;  // skipped: at least one required field absent, empty or no string
  // Per required field (url, format, language, reportType, administrationYear), how many of the
  // skipped items lacked it; an item lacking several counts once for each.
  std::size_t missing[required_report_fields] = {};
  std::size_t unreadable_expiry = 0;  // kept with now + 30 minutes

  bool operator==(const item_counts &) const = default;
};

// True when the counts say more than "every item was a good report": then they are logged.
bool worth_logging(const item_counts &counts);

// One sentence for the log: numbers and the profile's field names only, never text from the
// answer.
std::string describe(const profile &p, const item_counts &counts);

struct reports_page {
  core::report_links reports;
  item_counts counts;
};

using reports_outcome = std::variant<reports_page, core::ets_failure>;

// A 200 answer of the score-report endpoint for `ssid`, received at `now`. Field names are the
// profile's (the default's in brackets).
//
// Rules (in this order):
//  1. The body must be a JSON object (strict JSON, valid UTF-8, bounded depth), else
//     processing_error / bad_response.
//  2. Its SSID (`ssid`) must be present, a string and equal to the SSID asked for, so one
//     student's list is never shown for another; else processing_error / bad_response. The
//     detail says which (missing or different) but never holds either SSID.
//  3. It must hold the reports array (`reports`), else processing_error / bad_response.
//  4. An empty array → no_test_data (answered).
//  5. Only the first max_report_items items are examined; the rest are counted as beyond_cap.
//  6. An item that is not an object, or lacks a non-empty string url, format, language,
//     reportType or administrationYear, is skipped and counted by reason.
//  7. Unknown fields are ignored; unknown report types and languages are kept raw; a missing
//     `expiresAt` → now + 30 minutes, an unreadable one likewise, counted.
//  8. No item kept → processing_error / bad_response, the counts in the detail.
reports_outcome parse_reports_response(const profile &p, std::string_view body,
                                       std::string_view ssid, core::time_point now);

// A non-2xx answer (or a 2xx the caller cannot use) → the failure staff see (the profile's error
// table). Known codes at errors.code → their error with fault `answered`; 429/503
// without a known code → processing_error / rate_limited; anything else → processing_error /
// bad_response. A body over max_small_answer_bytes is not parsed (so it has no known code).
// `detail` holds the status, the code and a short control-character-free excerpt of the body.
core::ets_failure map_error(const profile &p, int http_status, std::string_view body);

// The first `detail_excerpt_chars` characters of `body` with control characters replaced by
// spaces and runs of whitespace folded, for log details.
std::string body_excerpt(std::string_view body);

}  // namespace ssrlink::ets::wire
