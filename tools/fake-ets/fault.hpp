// Fault objects: what a fixture student, or the token endpoint, does instead of answering
// normally. Parsed from `{"kind": K, ...params, "times": N}`; see README.md for the table.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ssrlink::fake_ets {

enum class fault_kind {
  latency,         // wait `ms`, then answer normally
  reset,           // close the TCP connection (RST) without answering
  reset_mid_body,  // headers with the full Content-Length, half the body, then close
  stall_body,      // headers and part of the body, then nothing until the client gives up
  status,          // `status` with an optional JSON error body (`errorCode`, `message`)
  rate_limited,    // 429 (or `status`) with `Retry-After: retry_after`
  malformed_json,  // 200 with the normal JSON body cut in half
  html_error,      // `status` with an HTML page, Content-Type text/html
  huge_body,       // 200 with a valid JSON body of `bytes` (default 20 MiB)
  token_expired,   // 401 NOT_AUTHORIZED and the caller's token really revoked
  many_items,      // the normal answer with `count` junk items after the real reports
  wrong_ssid,      // the normal answer naming another student (`answer_ssid`)
  no_ssid,         // the normal answer without its `ssid` field
  trailing_bytes,  // the normal answer, then `body` (a planted answer) on the same connection
};

std::string_view to_string(fault_kind kind);

struct fault_spec {
  fault_kind kind = fault_kind::status;
  std::chrono::milliseconds latency{0};  // `ms`: latency; trailing_bytes: delay of the bytes
  unsigned status = 500;
  std::optional<std::string> error_code;
  std::optional<std::string> message;
  // `status`: a raw body replacing the JSON one; `trailing_bytes`: what follows the answer
  std::optional<std::string> body;
  std::string content_type = "application/json";
  std::uint64_t retry_after_seconds = 1;
  std::size_t bytes = std::size_t{20} * 1024 * 1024;
  std::size_t count = 200000;              // many_items
  std::optional<std::string> answer_ssid;  // wrong_ssid; absent: the asked one, last digit changed
  std::optional<std::uint64_t> times;      // absent: every request
};

// Throws std::invalid_argument naming the bad field. An empty object is not a fault (callers
// treat `{}` as "clear" before calling this).
fault_spec parse_fault(const boost::json::object &object);

// One armed fault and how many requests it has already hit, so `times` can run out. Not
// thread-safe: server_state guards it.
class fault_slot {
 public:
  fault_slot() = default;
  explicit fault_slot(fault_spec spec) : spec_(std::move(spec)) {}

  // The fault to apply to this request, if any; counts the request.
  std::optional<fault_spec> take();
  // Starts `times` counting again from zero.
  void rearm() { used_ = 0; }

 private:
  std::optional<fault_spec> spec_;
  std::uint64_t used_ = 0;
};

}  // namespace ssrlink::fake_ets
