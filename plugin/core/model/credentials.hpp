// TOMS Electronic Reporting credentials: one pair for the district, optionally one per school
// (districts that contain several LEAs).
#pragma once

#include <string>

#include "../time.hpp"

namespace ssrlink::core {

// The scope name of the district-wide pair; any other scope is a school code (STU.SC / SCL.SC).
inline constexpr const char *district_scope = "district";

// A pair in clear, in memory only, for the ETS adapter. `set_id` names the credential set for the
// token and link caches (scope plus the time it was stored), so a new pair never reuses an old
// token or an old link list.
struct ets_credentials {
  std::string scope;
  std::string username;
  std::string secret_key;  // never logged, rendered, audited or put in an error
  std::string set_id;
};

// A row as the credential store keeps it: the secret sealed (adapters/crypto).
struct stored_credentials {
  std::string scope;
  std::string username;
  std::string sealed_secret;  // opaque bytes from the sealer, base64 text
  day_point expires_on{};
  time_point updated_at{};
};

}  // namespace ssrlink::core
