// What one ETS exchange can end in. `ets_error` is what the person is told (docs/ets-protocol.md);
// `ets_fault` is why, for administrators, the log and the sweep's error counts.
#pragma once

#include <string>
#include <variant>

#include "report_link.hpp"

namespace ssrlink::core {

enum class ets_error {
  not_authorized,       // "You are not authorized to make this request"
  no_test_data,         // "Student does not have any test data"
  ssid_not_found,       // "Student identification number not found"
  enrollment_mismatch,  // "Student enrollment record does not match calling district"
  internal_error,       // "Internal error occurred"
  processing_error,     // "There was an error while processing the request" (anything else)
};

enum class ets_fault {
  answered,      // ETS answered with an error code we understood
  unreachable,   // DNS, refused, reset before an answer
  timed_out,     // a deadline passed (connect, handshake, whole request)
  tls,           // certificate or handshake failure
  rate_limited,  // 429 / 503 after the retries we allow
  bad_response,  // HTTP status or body we could not use (non-JSON, HTML, too large, ...)
};

struct ets_failure {
  ets_error error = ets_error::processing_error;
  ets_fault fault = ets_fault::bad_response;
  int http_status = 0;  // 0 when no HTTP answer arrived
  std::string detail;   // for the log: never a token, secret or signed URL

  bool operator==(const ets_failure &) const = default;
};

// A report list or the reason there is none. An empty list never appears here: ETS's empty
// `reports` array is turned into ets_error::no_test_data by the adapter.
struct ets_reports_result {
  std::variant<report_links, ets_failure> value;

  bool ok() const { return value.index() == 0; }
  const report_links &reports() const { return std::get<report_links>(value); }
  const ets_failure &failure() const { return std::get<ets_failure>(value); }
};

// The answer to "does this credential pair get a token?" (test connection).
struct ets_token_result {
  bool ok = false;
  ets_failure failure;  // meaningful when !ok
};

}  // namespace ssrlink::core
