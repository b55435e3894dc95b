// The core's status and log-level enums against the C header's SSRLINK_* constants. The shim
// passes both across the ABI with a plain cast, so they must agree value for value; this file
// makes a disagreement a compile error instead of a wrong code at run time.
//
// Each function below is a switch over the enum without a `default`: adding an enumerator to
// core::status or core::log_level without a case here is reported by -Wswitch (in -Wall; an
// error with SSRLINK_WERROR=ON, as in CI), and the static_asserts then check the value of every
// case against the header. The header's constants have no enum to switch over, so
// `last_header_status` / `last_header_log_level` name the newest one, and casts_match checks
// the whole range both ways (a header constant without a core value, a core value without a
// header constant).
#pragma once

#include <ssrlink/ssrlink.h>

#include "core/error.hpp"
#include "core/ports/logger.hpp"

namespace ssrlink::shim {

// The C constant for each core status.
constexpr int abi_status(core::status code) {
  switch (code) {
    case core::status::ok:
      return SSRLINK_OK;
    case core::status::invalid_argument:
      return SSRLINK_INVALID_ARGUMENT;
    case core::status::config:
      return SSRLINK_CONFIG;
    case core::status::database:
      return SSRLINK_DATABASE;
    case core::status::upstream:
      return SSRLINK_UPSTREAM;
    case core::status::denied:
      return SSRLINK_DENIED;
    case core::status::not_found:
      return SSRLINK_NOT_FOUND;
    case core::status::internal:
      return SSRLINK_INTERNAL;
    case core::status::unavailable:
      return SSRLINK_UNAVAILABLE;
  }
  return -1;  // not reached for a valid enumerator
}

// The C constant for each core log level.
constexpr int abi_log_level(core::log_level level) {
  switch (level) {
    case core::log_level::debug:
      return SSRLINK_LOG_DEBUG;
    case core::log_level::info:
      return SSRLINK_LOG_INFO;
    case core::log_level::warning:
      return SSRLINK_LOG_WARNING;
    case core::log_level::error:
      return SSRLINK_LOG_ERROR;
  }
  return -1;
}

// The newest constant of each list in ssrlink.h; move it when one is appended there.
constexpr int last_header_status = SSRLINK_UNAVAILABLE;
constexpr int last_header_log_level = SSRLINK_LOG_ERROR;

// Value for value: the cast the trampolines use gives the header's constant for 0..last, and no
// enumerator sits past `last` (the switch returns -1 only for values that are no enumerator, and
// -Wswitch makes every enumerator a case).
template <class Enum, int (*to_abi)(Enum)>
constexpr bool casts_match(int last) {
  for (int value = 0; value <= last; ++value) {
    if (to_abi(static_cast<Enum>(value)) != value) {
      return false;
    }
  }
  for (int value = last + 1; value <= last + 64; ++value) {
    if (to_abi(static_cast<Enum>(value)) != -1) {
      return false;
    }
  }
  return true;
}

static_assert(abi_status(core::status::ok) == static_cast<int>(core::status::ok));
static_assert(abi_status(core::status::invalid_argument) ==
              static_cast<int>(core::status::invalid_argument));
static_assert(abi_status(core::status::config) == static_cast<int>(core::status::config));
static_assert(abi_status(core::status::database) == static_cast<int>(core::status::database));
static_assert(abi_status(core::status::upstream) == static_cast<int>(core::status::upstream));
static_assert(abi_status(core::status::denied) == static_cast<int>(core::status::denied));
static_assert(abi_status(core::status::not_found) == static_cast<int>(core::status::not_found));
static_assert(abi_status(core::status::internal) == static_cast<int>(core::status::internal));
static_assert(abi_status(core::status::unavailable) == static_cast<int>(core::status::unavailable));
// Every header code 0..last has a core status of that value, and the core has none beyond.
static_assert(casts_match<core::status, abi_status>(last_header_status),
              "every SSRLINK_* status needs a core::status of the same value");

static_assert(abi_log_level(core::log_level::debug) == static_cast<int>(core::log_level::debug));
static_assert(abi_log_level(core::log_level::info) == static_cast<int>(core::log_level::info));
static_assert(abi_log_level(core::log_level::warning) ==
              static_cast<int>(core::log_level::warning));
static_assert(abi_log_level(core::log_level::error) == static_cast<int>(core::log_level::error));
static_assert(casts_match<core::log_level, abi_log_level>(last_header_log_level),
              "every SSRLINK_LOG_* level needs a core::log_level of the same value");

}  // namespace ssrlink::shim
