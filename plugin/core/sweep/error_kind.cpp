#include "error_kind.hpp"

namespace ssrlink::core {

// Switches without a default, so that a new enumerator is a compile error (-Wswitch) until it
// has a name here; the return after each only quiets compilers that miss that.

const char *to_string(sweep_error error) {
  switch (error) {
    case sweep_error::no_credentials:
      return "no_credentials";
    case sweep_error::conflict:
      return "conflict";
    case sweep_error::database:
      return "database";
  }
  return "database";
}

const char *to_string(ets_fault fault) {
  switch (fault) {
    case ets_fault::answered:
      return "answered";
    case ets_fault::unreachable:
      return "unreachable";
    case ets_fault::timed_out:
      return "timed_out";
    case ets_fault::tls:
      return "tls";
    case ets_fault::rate_limited:
      return "rate_limited";
    case ets_fault::bad_response:
      return "bad_response";
  }
  return "bad_response";
}

const char *to_string(ets_error error) {
  switch (error) {
    case ets_error::not_authorized:
      return "not_authorized";
    case ets_error::no_test_data:
      return "no_test_data";
    case ets_error::ssid_not_found:
      return "ssid_not_found";
    case ets_error::enrollment_mismatch:
      return "enrollment_mismatch";
    case ets_error::internal_error:
      return "internal_error";
    case ets_error::processing_error:
      return "processing_error";
  }
  return "processing_error";
}

std::string error_kind(const ets_failure &failure) {
  return failure.fault == ets_fault::answered ? to_string(failure.error) : to_string(failure.fault);
}

}  // namespace ssrlink::core
