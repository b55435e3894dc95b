// The administrator's credential calls: entering and removing a scope's TOMS pair
// (ssrlink_credentials_put), listing the pairs masked with their expiry
// (ssrlink_credentials_status), asking ETS whether a pair works (ssrlink_test_connection) and
// how its answers compare with the wire profile (ssrlink_ets_probe).
//
// The Secret Key is held in clear only in memory: sealed before it reaches the store
// (credential_writes.hpp), and never put in a result, a log line or an error message.
//
// Rules of put (in this order; each refusal is failure(invalid_argument) naming the key):
//  1. The request is one JSON object (json_fields.hpp: size, UTF-8, syntax).
//  2. "scope" is "district" or a school code (a string or a JSON integer): 1 to
//     max_scope_length printable ASCII characters without spaces.
//  3. "username" is a string; "secret_key" and "expires_on", when given, are strings; no other
//     key is present.
//  4. An empty "username" (after trimming pasted whitespace) removes the scope's pair; nothing
//     else is checked.
//  5. "username" (trimmed) is at most max_username_length characters, without control
//     characters.
//  6. "secret_key" (trimmed) is 1 to max_secret_length characters, without control characters.
//  7. "expires_on", when given, is a YYYY-MM-DD date, not before today (host clock); when left
//     out, the pair expires default_lifetime_days from today.
// status, test_connection and probe check their "scope" by rule 2 as well.
//
// test_connection tests one of two pairs:
//  1. with "username" and "secret_key" in the request, that pair as typed, before it is saved
//     (the setup form's "Test connection"): rules 5 and 6 apply, nothing is stored or cached,
//     and the answer says so ("saved": false);
//  2. otherwise the scope's stored pair; failure(not_found) when there is none.
// A stored or removed pair takes effect for ETS calls in this process at once
// (credential_resolution::changed).
#pragma once

#include <cstddef>
#include <string_view>

#include "../call_result.hpp"
#include "../json/json_fields.hpp"
#include "../ports/clock.hpp"
#include "../ports/credential_store.hpp"
#include "../ports/ets_client.hpp"
#include "../ports/logger.hpp"
#include "credential_resolution.hpp"
#include "credential_writes.hpp"

namespace ssrlink::core {

// Limits on what put accepts.
inline constexpr std::size_t max_scope_length = 32;
inline constexpr std::size_t max_username_length = 128;
inline constexpr std::size_t max_secret_length = 256;
// expires_on when the request leaves it out: TOMS credentials now last 365 days.
inline constexpr int default_lifetime_days = 365;
// The end of test_connection's message for a pair tested before it is saved.
inline constexpr std::string_view not_saved_sentence =
    "This pair is not saved yet: save it to use it.";

class credential_admin {
 public:
  // All references must outlive this. `store` is read directly; every write goes through
  // `writes`, and `resolution` opens rows and is told of every change.
  credential_admin(credential_store &store, credential_writes &writes,
                   credential_resolution &resolution, ets_client &ets, const clock &clock,
                   logger &log);

  // {"scope", "username", "secret_key", "expires_on"?}: stores (or, with an empty username,
  // removes) a scope's pair. Throws failure(invalid_argument) for a malformed request,
  // failure(database) when the store fails. Thread-safe.
  call_result put(std::string_view request_json);

  // {} or {"scope"}: every stored scope (or the one named), masked, with expiry and warning;
  // the district first, then schools in code order. Thread-safe.
  call_result status(std::string_view request_json);

  // {"scope"} or {"scope", "username", "secret_key"}: asks ETS for a fresh token with the typed
  // pair (rule 1 above) or the scope's stored pair (rule 2). A "no" from ETS is still a
  // successful call ({"ok": false, "message"}); an unknown scope throws failure(not_found), a
  // seal that does not open failure(config). Thread-safe.
  call_result test_connection(std::string_view request_json);

  // {"scope", "ssid"?}: the ETS probe with that scope's pair (ets_client::probe): the report as
  // JSON and as text (probe_report.hpp). A mismatch is still a successful call ("matched":
  // false); an unknown scope throws failure(not_found), an "ssid" that is not ten digits
  // failure(invalid_argument). The SSID goes to ETS and nowhere else. Thread-safe.
  call_result probe(std::string_view request_json);

 private:
  call_result remove(const std::string &scope);
  call_result test_unsaved(json_fields &fields, const std::string &scope,
                           const std::string &username, const std::string &secret);
  // The scope's stored row; failure(not_found), saying what to do, when there is none.
  stored_credentials stored_row(const std::string &scope);

  credential_store &store_;
  credential_writes &writes_;
  credential_resolution &resolution_;
  ets_client &ets_;
  const clock &clock_;
  logger &log_;
};

}  // namespace ssrlink::core
