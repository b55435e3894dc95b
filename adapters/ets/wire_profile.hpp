// The wire profile: every name in the ETS wire format that is a guess — paths, the token step's
// encoding and field names, the query parameter, the authorization header, where each answer
// field sits, and the error-code table — as data, in one versioned JSON document. The built-in
// default (wire_profile_default.json, embedded at build time) is ssrlink's reading of the public
// hints; a district whose ETS differs names its own file in `ets.wire_profile` and needs no new
// build. docs/ets-protocol.md, "The wire profile", documents every key.
//
// What a profile cannot change is what ssrlink needs to be safe: the answer must name the SSID it
// answers for, a report must have a url, format, language, report type and year, and everything
// read is held to the rules in wire.hpp.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/ets_outcome.hpp"

namespace ssrlink::ets::wire {

// Where a value sits in a JSON answer: the member names from the top, so "data.token" is
// {"data", "token"}. Written with dots in the document; a member name holds no dot.
using field_path = std::vector<std::string>;

// "data.token" for {"data", "token"}: how a path is named in errors and in the probe's report.
std::string dotted(const field_path &path);

// How the token request carries the credentials.
enum class token_encoding {
  json,  // application/json object
  form,  // application/x-www-form-urlencoded (an OAuth2 client-credentials style exchange)
};

// The fields of one report item, in the order the document lists them. The first
// required_item_fields are the ones a report cannot do without (item_counts::missing counts them
// in this order); the rest are optional.
enum class item_field {
  url,
  format,
  language,
  report_type,
  year,
  report_name,
  grade,
  subject,
  status,
  expires_at,
};
inline constexpr std::size_t item_field_count = 10;
inline constexpr std::size_t required_item_fields = 5;

// The key of an item field in the document's "reports.item" object ("report_type").
std::string_view document_key(item_field field);

struct profile {
  std::string name;  // "name": shown in the probe's report and in errors
  int version = 1;   // "ssrlink_wire_profile": the document format's version

  struct token_step {
    std::string path;  // "token.path", appended to ets.base_url's path
    token_encoding encoding = token_encoding::json;
    std::string username_field;    // "token.username"
    std::string secret_key_field;  // "token.secret_key"
    // "token.constants": sent as they are beside the credentials, such as
    // {"grant_type": "client_credentials"}; in the document's order.
    std::vector<std::pair<std::string, std::string>> constants;
    field_path token;       // "token.answer.token": a string
    field_path expires_in;  // "token.answer.expires_in": seconds, optional in an answer
  } token;

  struct reports_step {
    std::string path;                   // "reports.path"
    std::string ssid_parameter;         // "reports.ssid_parameter": the query parameter
    std::string authorization_header;   // "reports.authorization.header"
    std::string authorization_prefix;   // "reports.authorization.prefix", before the token
    field_path ssid;                    // "reports.answer.ssid": the SSID the answer is for
    field_path reports;                 // "reports.answer.reports": the array of items
    field_path item[item_field_count];  // "reports.item.<key>", indexed by item_field
    const field_path &operator[](item_field f) const { return item[static_cast<std::size_t>(f)]; }
  } reports;

  struct error_table {
    field_path code;     // "errors.code": the error code's place in an error answer
    field_path message;  // "errors.message"
    // "errors.codes": each code ETS sends and what it means; any other code is a processing
    // error. A meaning is one of not_authorized, no_test_data, ssid_not_found,
    // enrollment_mismatch, internal_error.
    std::vector<std::pair<std::string, core::ets_error>> codes;
  } errors;
};

// The built-in profile, parsed once from the embedded document (thread-safe).
const profile &default_profile();

// The embedded document itself, as shipped: what a district copies to start its own file.
std::string_view default_profile_document();

// Reads and checks a profile document. `source` names it in errors ("the built-in profile" or
// the file's path). Throws core::failure(status::config) with a sentence that names
// "ets.wire_profile", the source and the key at fault, e.g.
//   "ets.wire_profile" (/etc/ssrlink/ets.json): "reports.item.url" must be a non-empty string
//   of member names separated by dots.
// Every key is required; unknown keys are refused (a misspelt key must not fall back silently).
profile parse_profile(std::string_view document, std::string_view source);

// parse_profile on a file's contents; a file that cannot be read is a config failure naming
// "ets.wire_profile" and the path.
profile load_profile_file(const std::string &path);

}  // namespace ssrlink::ets::wire
