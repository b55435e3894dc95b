// The names failures are counted under in the sweep result's "errors" (docs/abi.md,
// "ssrlink_sweep"). Hosts key their alerts on these names, so they never change.
#pragma once

#include <string>

#include "../model/ets_outcome.hpp"

namespace ssrlink::core {

// Failures of the sweep's own, not ETS's.
enum class sweep_error {
  no_credentials,  // neither the student's school nor the district has a TOMS pair
  conflict,        // another process kept writing the same student's log rows
  database,        // the log rows could not be written
};

const char *to_string(sweep_error error);  // "no_credentials", "conflict", "database"
const char *to_string(ets_fault fault);    // "timed_out", "rate_limited", ...
const char *to_string(ets_error error);    // "enrollment_mismatch", "ssid_not_found", ...

// The name a failed ETS call is counted under: the ets_fault for transport failures
// ("timed_out"), the ets_error when ETS answered ("enrollment_mismatch").
std::string error_kind(const ets_failure &failure);

}  // namespace ssrlink::core
