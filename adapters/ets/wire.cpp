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

constexpr std::string_view form_content_type = "application/x-www-form-urlencoded";

// expiresIn above a day is treated as a day: a token is refreshed at least daily.
constexpr std::int64_t max_token_lifetime_seconds = 86400;

// RFC 3986 percent-encoding of everything but the unreserved characters: right for a query
// value and for a form value alike (a form's space may be %20 as well as '+').
void append_encoded(std::string &out, std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u == '-' ||
        u == '_' || u == '.' || u == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 0x0f]);
    }
  }
}

}  // namespace

request_spec token_request(const profile &p, std::string_view base_path,
                           const core::ets_credentials &credentials) {
  const auto &t = p.token;
  request_spec spec;
  spec.post = true;
  spec.target = std::string(base_path) + t.path;
  if (t.encoding == token_encoding::json) {
    json::object o;
    for (const auto &[name, value] : t.constants) {
      o[name] = value;
    }
    o[t.username_field] = credentials.username;
    o[t.secret_key_field] = credentials.secret_key;
    spec.body = json::serialize(o);
    spec.headers = {{"Content-Type", std::string(json_content_type)},
                    {"Accept", std::string(json_content_type)}};
    return spec;
  }
  const auto add = [&spec](std::string_view name, std::string_view value) {
    if (!spec.body.empty()) {
      spec.body.push_back('&');
    }
    append_encoded(spec.body, name);
    spec.body.push_back('=');
    append_encoded(spec.body, value);
  };
  for (const auto &[name, value] : t.constants) {
    add(name, value);
  }
  add(t.username_field, credentials.username);
  add(t.secret_key_field, credentials.secret_key);
  spec.headers = {{"Content-Type", std::string(form_content_type)},
                  {"Accept", std::string(json_content_type)}};
  return spec;
}

request_spec reports_request(const profile &p, std::string_view base_path, std::string_view ssid,
                             std::string_view token) {
  const auto &r = p.reports;
  std::string target;
  target.reserve(base_path.size() + r.path.size() + r.ssid_parameter.size() + ssid.size() + 8);
  target.append(base_path);
  target.append(r.path);
  target.push_back('?');
  target.append(r.ssid_parameter);
  target.push_back('=');
  append_encoded(target, ssid);
  request_spec spec;
  spec.target = std::move(target);
  spec.headers = {{"Accept", std::string(json_content_type)},
                  {r.authorization_header, r.authorization_prefix + std::string(token)}};
  return spec;
}

std::string_view loggable_target(std::string_view target) {
  return target.substr(0, target.find('?'));
}

bool usable_token(std::string_view token) {
  return !token.empty() && token.size() <= max_token_chars &&
         std::all_of(token.begin(), token.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

token_outcome parse_token_response(const profile &p, int http_status, std::string_view body) {
  if (http_status != 200) {
    return map_error(p, http_status, body);
  }
  if (body.size() > max_small_answer_bytes) {
    return bad_response(http_status, "token response larger than 64 KiB");
  }
  const auto v = internal::parse_json(body);
  if (!v || !v->is_object()) {
    return bad_response(http_status, "token response is not a JSON object: " + body_excerpt(body));
  }
  const json::object &o = v->get_object();
  const auto token = internal::string_field(o, p.token.token);
  if (!token || !usable_token(*token)) {
    // Never echo the body here: it may hold a (malformed) token.
    return bad_response(http_status, "token response has no usable token");
  }
  token_grant grant{*token, default_token_lifetime};
  if (const json::value *e = internal::find(o, p.token.expires_in); e != nullptr && !e->is_null()) {
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
      return bad_response(http_status,
                          "token response has an unusable " + dotted(p.token.expires_in));
    }
    if (seconds <= 0) {
      return bad_response(http_status,
                          "token response has an unusable " + dotted(p.token.expires_in));
    }
    grant.expires_in = std::chrono::seconds{std::min(seconds, max_token_lifetime_seconds)};
  }
  return grant;
}

}  // namespace ssrlink::ets::wire
