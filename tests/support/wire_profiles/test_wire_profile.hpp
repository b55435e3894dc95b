// The ETS wire profile the tests run under, read in this one place. SSRLINK_TEST_WIRE_PROFILE
// unset (or empty): the built-in profile, exactly as before. Set to a profile file (an absolute
// path, such as tests/support/wire_profiles/alternate.json): every test that starts fake-ets
// serves that profile (`serve --wire-profile FILE`), every plugin configuration a test writes
// names it (`"ets": {"wire_profile": FILE}`, or core::ets_settings::wire_profile), and the tests
// that speak the wire themselves (curl, what a log line must never hold) take the names they
// need from wire_names below. tools/run-tests.sh runs the release tree's suite under both.
// The shell harnesses (tools/demo/run.sh, tests/abi/with_district.sh) read the same variable.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssrlink::testing {

// The file SSRLINK_TEST_WIRE_PROFILE names, or nullopt for the built-in profile. Throws
// std::runtime_error when it is set to something other than an absolute path to a readable
// file, so a typo never runs the suite quietly under the default.
std::optional<std::string> test_wire_profile();

// `--wire-profile FILE` for `fake-ets serve`, or nothing under the built-in profile.
std::vector<std::string> fake_ets_wire_profile_arguments();

// Adds "wire_profile" to the "ets" object of a plugin configuration when a profile is in force.
void add_test_wire_profile(boost::json::object &ets_config);

// The names of the profile in force that a test talking to fake-ets itself needs: read from its
// file (adapters/ets/wire_profile_default.json under the built-in one) with Boost.JSON, apart
// from the adapter's own reading, so a test does not take the code under test's word for them.
struct wire_names {
  std::string token_path;      // "/token"
  bool token_as_form = false;  // token.encoding "form" (else "json")
  std::string username_field;  // "username"
  std::string secret_key_field;
  std::vector<std::pair<std::string, std::string>> token_constants;
  std::vector<std::string> token_answer;  // where the token sits in the answer: {"token"}
  std::string reports_path;               // "/scorereports"
  std::string ssid_parameter;             // "ssid"
  std::string authorization_header;       // "Authorization"
  std::string authorization_prefix;       // "Bearer "

  struct request_body {
    std::string content_type;
    std::string body;
  };
  // The token request's body for this pair, in the profile's encoding (values percent-encoded
  // in a form).
  request_body token_request(std::string_view username, std::string_view secret_key) const;
  // The token of a token answer; throws std::runtime_error when it holds none.
  std::string token_in(const boost::json::value &answer) const;
  // The report request's target after the base URL: "/scorereports?ssid=1000000001".
  std::string reports_target(std::string_view ssid) const;
  // The header line that carries the token: "Authorization: Bearer T".
  std::string authorization(std::string_view token) const;
  // What no log line may hold under this profile, whatever the call: the authorization prefix
  // ("Bearer"), the secret key's field name ("secretKey") and the SSID query ("ssid=").
  std::vector<std::string> never_logged() const;
};

// The names of the profile in force, read once.
const wire_names &test_wire_names();

}  // namespace ssrlink::testing
