// What the wire files (wire.cpp, wire_errors.cpp, wire_reports.cpp) share for reading ETS's JSON
// answers. Internal to the ETS adapter: only adapters/ets/wire*.cpp include it; the public entry
// point stays wire.hpp. Kept in one place so every answer is parsed with the same strictness and
// every unusable answer becomes the same kind of failure.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/ets_outcome.hpp"
#include "wire_profile.hpp"

namespace ssrlink::ets::wire::internal {

namespace json = boost::json;

// An answer ssrlink cannot use: a processing error, the fault being ETS's answer itself.
inline core::ets_failure bad_response(int http_status, std::string detail) {
  return core::ets_failure{core::ets_error::processing_error, core::ets_fault::bad_response,
                           http_status, std::move(detail)};
}

// The body as JSON, or nullopt. Default options on purpose: strict JSON, UTF-8 validated, depth
// bounded, so a hostile body never reaches the code that reads fields. `storage` lets the report
// parser put the whole document in one arena (a hostile list has hundreds of thousands of
// values); the default is the ordinary heap.
inline std::optional<json::value> parse_json(std::string_view body,
                                             json::storage_ptr storage = {}) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec, std::move(storage));
  if (ec) {
    return std::nullopt;
  }
  return v;
}

// The value at a profile's place ("data.token": member "data", then its member "token"), or
// nullptr when a step is absent or not an object.
inline const json::value *find(const json::object &o, const field_path &place) {
  const json::object *at = &o;
  const json::value *v = nullptr;
  for (const auto &segment : place) {
    if (at == nullptr) {
      return nullptr;
    }
    v = at->if_contains(segment);
    if (v == nullptr) {
      return nullptr;
    }
    at = v->if_object();
  }
  return v;
}

// A string at a place, or nullopt when absent or not a string.
inline std::optional<std::string> string_field(const json::object &o, const field_path &place) {
  const json::value *v = find(o, place);
  if (v == nullptr || !v->is_string()) {
    return std::nullopt;
  }
  return std::string(v->get_string());
}

}  // namespace ssrlink::ets::wire::internal
