// What the probe's sources share (wire_probe.cpp holds the rules, in order; wire_probe_shape.cpp
// rule 4, wire_probe_expect.cpp rule 5, wire_probe_verdict.cpp rule 7). Internal to the ETS
// adapter: only adapters/ets/wire_probe*.cpp include it; the public entry point is wire_probe.hpp.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "wire_probe.hpp"

namespace ssrlink::ets::wire::probe_internal {

namespace json = boost::json;

// The JSON types as the report names them; never a value.
enum class json_kind { object, array, string, number, boolean, null };
inline constexpr std::size_t json_kind_count = 6;

json_kind kind_of(const json::value &v);
std::string_view kind_name(json_kind kind);     // "object", "array", "string", ...
std::string_view with_article(json_kind kind);  // "an object", "a string", "null"

// The value at `path` from the top of `from`, or null when it is not there.
const json::value *value_at(const json::value &from, const field_path &path);

// Printable ASCII only (any other byte becomes '?'), at most `max_chars` characters.
std::string printable(std::string_view text, std::size_t max_chars);

// Rule 4: a member name is shown when it looks like a name, ^[A-Za-z_$@][A-Za-z0-9_$@-]{0,63}$
// without a run of 4 or more digits (an SSID used as a key never does), or when the profile
// itself names it (`profile_names`: the profile's text, not the answer's).
bool looks_like_name(std::string_view name);
// Rule 7: an error code is shown when it is a known one and ^[A-Za-z][A-Za-z0-9_.-]{0,63}$
// without a run of 4 or more digits.
bool safe_code(std::string_view code);

// One step of a place in a document: a member, or the items of an array ("[]").
struct segment {
  bool items = false;
  std::string name;  // a member's name; "" for items

  bool operator==(const segment &) const = default;
};
using place = std::vector<segment>;

// Rule 4, and the unknown places of rule 5 (places that no `expected` place names and that are
// not the parents of one; the top one of an unknown subtree only).
struct shape_reading {
  std::vector<std::string> lines;
  std::vector<std::string> unknown;
};
shape_reading read_shape(const json::value &document, const std::vector<place> &expected,
                         const std::vector<std::string> &profile_names);

// One place the profile expects an answer to hold (rule 5).
struct expected_place {
  std::string_view role;  // the profile's key: "token", "ssid", "url", "code", ...
  field_path path;        // from the top, or, for an item field, from each item
  bool item_field = false;
  json_kind type = json_kind::string;
  bool required = true;
};

// What the profile expects of this answer: the step's places for a 200, else the error answer's.
struct expectations {
  field_path items_array;  // the reports array (item fields are read in its items)
  std::vector<expected_place> places;
};
expectations expected_places(const profile &p, probe_step_kind kind, bool error_answer);

// The expected places as places (for read_shape), and every member name they hold.
std::vector<place> as_places(const expectations &expected);
std::vector<std::string> names_in(const expectations &expected);

// "data.scoreReports[].downloadUrl (url)".
std::string label(const expectations &expected, const expected_place &at);

// Rule 5: found and missing. Every missing entry is a mismatch of a 200 answer (rule 6), so the
// first one, if any, is where a 200 answer stopped matching.
struct match_reading {
  std::vector<std::string> found;
  std::vector<std::string> missing;
};
match_reading match_expected(const expectations &expected, const json::value &document);

// Rule 7: what the plugin's own parsers make of the answer. `document` is the parsed body, or
// null when it is not JSON.
std::string verdict(const profile &p, probe_step_kind kind, const raw_answer &answer,
                    const json::value *document, std::string_view ssid_asked, core::time_point now);

}  // namespace ssrlink::ets::wire::probe_internal
