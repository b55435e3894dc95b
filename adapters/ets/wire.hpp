// The ETS wire format, and nothing else: paths, header names, JSON field names and the error-code
// table (docs/ets-protocol.md, /work/shared/reference/ets-wire.md). Every function here is pure —
// no I/O, no clock, no logging — so it is unit-tested with golden bodies and fuzzed. When the
// official ETS specification arrives, this file and wire.cpp are the only ones to change.
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
};

// `POST {base_path}{token_path}` with {"username": ..., "secretKey": ...}.
request_spec token_request(std::string_view base_path, std::string_view token_path,
                           const core::ets_credentials &credentials);

// `GET {base_path}{reports_path}?ssid=<percent-encoded ssid>` with the bearer token.
request_spec reports_request(std::string_view base_path, std::string_view reports_path,
                             std::string_view ssid, std::string_view token);

// The target without its query string: what a log line may name.
std::string_view loggable_target(std::string_view target);

struct token_grant {
  std::string token;  // printable ASCII only (checked), so it is safe in a header
  std::chrono::seconds expires_in{default_token_lifetime};
};

using token_outcome = std::variant<token_grant, core::ets_failure>;

// The token endpoint's answer. 200 with a usable token → grant; anything else → the mapped
// failure (see map_error); a 200 without a usable token → processing_error / bad_response.
token_outcome parse_token_response(int http_status, std::string_view body);

struct reports_page {
  core::report_links reports;
  // One sentence per report that was skipped or repaired, for the log (never a URL).
  std::vector<std::string> notes;
};

using reports_outcome = std::variant<reports_page, core::ets_failure>;

// A 200 answer of the score-report endpoint for `ssid`, received at `now`. Unknown fields are
// ignored; unknown report types and languages are kept raw; a report without url, format,
// language, reportType or administrationYear is skipped with a note; missing or unreadable
// `expiresAt` → now + 30 minutes. An empty `reports` array → no_test_data (answered). Invalid
// JSON, a non-object body, a missing `reports` array or an `ssid` that is not the one asked for
// → processing_error / bad_response.
reports_outcome parse_reports_response(std::string_view body, std::string_view ssid,
                                       core::time_point now);

// A non-2xx answer (or a 2xx the caller cannot use) → the failure staff see (contract §3).
// Known `errorCode`s → their error with fault `answered`; 429/503 without a known code →
// processing_error / rate_limited; anything else → processing_error / bad_response. `detail`
// holds the status, the code and a short control-character-free excerpt of the body.
core::ets_failure map_error(int http_status, std::string_view body);

// The first `detail_excerpt_chars` characters of `body` with control characters replaced by
// spaces and runs of whitespace folded, for log details.
std::string body_excerpt(std::string_view body);

}  // namespace ssrlink::ets::wire
