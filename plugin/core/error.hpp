// Errors inside the C++ core: a stable status, a sentence a person can act on, and a detail
// kept for the log only. The shim maps `status` onto the C ABI's status codes one to one.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace ssrlink::core {

// Same order and values as the SSRLINK_* codes in abi/include/ssrlink/ssrlink.h. Append only.
enum class status : int {
  ok = 0,
  invalid_argument = 1,
  config = 2,
  database = 3,
  upstream = 4,
  denied = 5,
  not_found = 6,
  internal = 7,
  unavailable = 8,
};

// Thrown by the core and the adapters; caught only by the shim. `what()` is the redacted
// sentence shown to the caller; `detail()` may hold SQLSTATEs, HTTP statuses and the like for the
// log, and must never hold a secret either.
class failure : public std::runtime_error {
 public:
  failure(status code, const std::string &message, std::string detail = {})
      : std::runtime_error(message), code_(code), detail_(std::move(detail)) {}

  status code() const noexcept { return code_; }
  const std::string &detail() const noexcept { return detail_; }

 private:
  status code_;
  std::string detail_;
};

}  // namespace ssrlink::core
