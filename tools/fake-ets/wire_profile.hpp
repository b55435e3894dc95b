// The wire profile as fake-ets reads it: every name of the ETS wire format that is a guess (paths,
// the token request's encoding and field names, the query parameter, the authorization header,
// where each answer field sits, the error-code table), from the same JSON document the plugin
// reads (`--wire-profile FILE`). fake-ets has its own reader on purpose: it must not share code
// with the client it tests, so a misreading on either side shows up as a failing test instead of
// cancelling out. Without a file fake-ets serves the built-in default profile, a copy of the
// plugin's adapters/ets/wire_profile_default.json.
//
// The document's rules, as this reader checks them:
//  1. it is a JSON object with exactly the keys "ssrlink_wire_profile" (the number 1), "name",
//     "token", "reports" and "errors", each nested object with exactly its own keys: every key is
//     required and an unknown key is refused, so a misspelt key never falls back silently;
//  2. a place in an answer ("data.scoreReports") is a non-empty string of member names separated
//     by dots, none empty; two places of one answer must not nest in each other;
//  3. "token.encoding" is "json" or "form"; "token.constants" maps names to string values;
//  4. "errors.codes" maps each code to one meaning: not_authorized, no_test_data,
//     ssid_not_found, enrollment_mismatch or internal_error;
//  5. the two paths start with '/', hold no '?', '#' or space, and differ.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssrlink::fake_ets {

// Where a value sits in a JSON body: the member names from the top ("data.token" is
// {"data", "token"}).
using field_path = std::vector<std::string>;

// "data.token": how a path is named in messages.
std::string dotted(const field_path &path);

enum class token_encoding {
  json,  // a JSON object
  form,  // application/x-www-form-urlencoded
};

// What an ETS error code means, the values of "errors.codes".
enum class error_meaning {
  not_authorized,
  no_test_data,
  ssid_not_found,
  enrollment_mismatch,
  internal_error,
};

// The keys of "reports.item", in the document's order; wire_profile::reports::item is indexed
// the same way.
inline constexpr std::array<std::string_view, 10> item_keys{
    "url",         "format", "language", "report_type", "year",
    "report_name", "grade",  "subject",  "status",      "expires_at"};
inline constexpr std::size_t item_url = 0;
inline constexpr std::size_t item_expires_at = 9;

struct wire_profile {
  std::string name;

  struct token_step {
    std::string path;  // after /api/v1
    token_encoding encoding = token_encoding::json;
    std::string username_field;
    std::string secret_key_field;
    std::vector<std::pair<std::string, std::string>> constants;  // required beside the pair
    field_path token;                                            // where the answer puts the token
    field_path expires_in;  // where the answer puts the lifetime in seconds
  } token;

  struct reports_step {
    std::string path;  // after /api/v1
    std::string ssid_parameter;
    std::string authorization_header;
    std::string authorization_prefix;               // before the token; compared case-insensitively
    field_path ssid;                                // where the 200 answer names the student
    field_path reports;                             // where the 200 answer puts the array of items
    std::array<field_path, item_keys.size()> item;  // each item field's place in an item
  } reports;

  struct error_table {
    field_path code;
    field_path message;
    std::vector<std::pair<std::string, error_meaning>> codes;  // in the document's order
  } errors;
};

// The built-in profile: the plugin's default, parsed once from fake-ets's own copy (thread-safe).
const wire_profile &default_wire_profile();

// Throws std::runtime_error "ORIGIN: what is wrong", naming the key at fault.
wire_profile parse_wire_profile(std::string_view text, const std::string &origin);

// The same, from a file; an unreadable file names the path.
wire_profile load_wire_profile(const std::string &path);

}  // namespace ssrlink::fake_ets
