// The two requests ssrlink sends and the token endpoint's answer: everything the wire format says
// about getting a token and asking for one student's reports. The report list's answer is read in
// wire_reports.cpp and the error-code table lives in wire_errors.cpp (see wire.hpp).
#include "wire.hpp"

#include <algorithm>

#include "wire_json.hpp"

namespace ssrlink::ets::wire {
namespace {

using internal::bad_response;
namespace json = internal::json;

// Field names of the token exchange (docs/ets-protocol.md, section 1).
constexpr std::string_view f_username = "username";
constexpr std::string_view f_secret_key = "secretKey";
constexpr std::string_view f_token = "token";
constexpr std::string_view f_expires_in = "expiresIn";
constexpr std::string_view ssid_parameter = "ssid";
constexpr std::string_view bearer_prefix = "Bearer ";

// expiresIn above a day is treated as a day: a token is refreshed at least daily.
constexpr std::int64_t max_token_lifetime_seconds = 86400;

}  // namespace

request_spec token_request(std::string_view base_path, std::string_view token_path,
                           const core::ets_credentials &credentials) {
  json::object o;
  o[f_username] = credentials.username;
  o[f_secret_key] = credentials.secret_key;
  request_spec spec;
  spec.post = true;
  spec.target = std::string(base_path) + std::string(token_path);
  spec.headers = {{"Content-Type", std::string(json_content_type)},
                  {"Accept", std::string(json_content_type)}};
  spec.body = json::serialize(o);
  return spec;
}

request_spec reports_request(std::string_view base_path, std::string_view reports_path,
                             std::string_view ssid, std::string_view token) {
  std::string target;
  target.reserve(base_path.size() + reports_path.size() + ssid.size() + 8);
  target.append(base_path);
  target.append(reports_path);
  target.push_back('?');
  target.append(ssid_parameter);
  target.push_back('=');
  static constexpr char hex[] = "0123456789ABCDEF";
  for (const char c : ssid) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u == '-' ||
        u == '_' || u == '.' || u == '~') {
      target.push_back(c);
    } else {
      target.push_back('%');
      target.push_back(hex[u >> 4]);
      target.push_back(hex[u & 0x0f]);
    }
  }
  request_spec spec;
  spec.target = std::move(target);
  spec.headers = {{"Accept", std::string(json_content_type)},
                  {"Authorization", std::string(bearer_prefix) + std::string(token)}};
  return spec;
}

std::string_view loggable_target(std::string_view target) {
  return target.substr(0, target.find('?'));
}

bool usable_token(std::string_view token) {
  return !token.empty() && token.size() <= max_token_chars &&
         std::all_of(token.begin(), token.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

token_outcome parse_token_response(int http_status, std::string_view body) {
  if (http_status != 200) {
    return map_error(http_status, body);
  }
  if (body.size() > max_small_answer_bytes) {
    return bad_response(http_status, "token response larger than 64 KiB");
  }
  const auto v = internal::parse_json(body);
  if (!v || !v->is_object()) {
    return bad_response(http_status, "token response is not a JSON object: " + body_excerpt(body));
  }
  const json::object &o = v->get_object();
  const auto token = internal::string_field(o, f_token);
  if (!token || !usable_token(*token)) {
    // Never echo the body here: it may hold a (malformed) token.
    return bad_response(http_status, "token response has no usable token");
  }
  token_grant grant{*token, default_token_lifetime};
  if (const json::value *e = o.if_contains(f_expires_in); e != nullptr && !e->is_null()) {
    std::int64_t seconds = 0;
    if (e->is_int64()) {
      seconds = e->get_int64();
    } else if (e->is_uint64()) {
      seconds = max_token_lifetime_seconds;
    } else if (e->is_double() && e->get_double() >= 1.0) {
      seconds = e->get_double() >= double(max_token_lifetime_seconds)
                    ? max_token_lifetime_seconds
                    : static_cast<std::int64_t>(e->get_double());
    } else {
      return bad_response(http_status, "token response has an unusable expiresIn");
    }
    if (seconds <= 0) {
      return bad_response(http_status, "token response has an unusable expiresIn");
    }
    grant.expires_in = std::chrono::seconds{std::min(seconds, max_token_lifetime_seconds)};
  }
  return grant;
}

}  // namespace ssrlink::ets::wire
