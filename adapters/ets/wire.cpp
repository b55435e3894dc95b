#include "wire.hpp"

#include <boost/json.hpp>
#include <cstdio>

namespace ssrlink::ets::wire {
namespace {

namespace json = boost::json;

// Field names (ets-wire.md §1 and §2).
constexpr std::string_view f_username = "username";
constexpr std::string_view f_secret_key = "secretKey";
constexpr std::string_view f_token = "token";
constexpr std::string_view f_expires_in = "expiresIn";
constexpr std::string_view f_ssid = "ssid";
constexpr std::string_view f_reports = "reports";
constexpr std::string_view f_report_type = "reportType";
constexpr std::string_view f_report_name = "reportName";
constexpr std::string_view f_year = "administrationYear";
constexpr std::string_view f_grade = "grade";
constexpr std::string_view f_subject = "subject";
constexpr std::string_view f_language = "language";
constexpr std::string_view f_format = "format";
constexpr std::string_view f_status = "status";
constexpr std::string_view f_url = "url";
constexpr std::string_view f_expires_at = "expiresAt";
constexpr std::string_view f_error_code = "errorCode";
constexpr std::string_view ssid_parameter = "ssid";
constexpr std::string_view bearer_prefix = "Bearer ";

// A token we would put in a header must not be able to break it.
constexpr std::size_t max_token_chars = 8192;
// expiresIn above a day is treated as a day: a token is refreshed at least daily.
constexpr std::int64_t max_token_lifetime_seconds = 86400;

// The error-code table (ets-wire.md §3).
struct code_entry {
  std::string_view code;
  core::ets_error error;
};
constexpr code_entry error_codes[] = {
    {"NOT_AUTHORIZED", core::ets_error::not_authorized},
    {"NO_TEST_DATA", core::ets_error::no_test_data},
    {"SSID_NOT_FOUND", core::ets_error::ssid_not_found},
    {"ENROLLMENT_MISMATCH", core::ets_error::enrollment_mismatch},
    {"INTERNAL_ERROR", core::ets_error::internal_error},
};

core::ets_failure bad_response(int http_status, std::string detail) {
  return core::ets_failure{core::ets_error::processing_error, core::ets_fault::bad_response,
                           http_status, std::move(detail)};
}

std::optional<json::value> parse_json(std::string_view body) {
  boost::system::error_code ec;
  // Default options: strict JSON, UTF-8 validated, depth bounded.
  json::value v = json::parse(body, ec);
  if (ec) {
    return std::nullopt;
  }
  return v;
}

// A string member, or nullopt when absent or not a string.
std::optional<std::string> string_field(const json::object &o, std::string_view key) {
  const json::value *v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) {
    return std::nullopt;
  }
  return std::string(v->get_string());
}

bool printable_ascii(std::string_view s) {
  for (const char c : s) {
    if (c < 0x21 || c > 0x7e) {
      return false;
    }
  }
  return true;
}

std::string status_prefix(int http_status) {
  return "HTTP " + std::to_string(http_status);
}

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

std::string body_excerpt(std::string_view body) {
  std::string out;
  out.reserve(std::min(body.size(), detail_excerpt_chars));
  bool last_space = false;
  for (std::size_t i = 0; i < body.size() && out.size() < detail_excerpt_chars; ++i) {
    const auto u = static_cast<unsigned char>(body[i]);
    const bool space = u < 0x20 || u == 0x7f || u == ' ';
    if (space) {
      if (!last_space && !out.empty()) {
        out.push_back(' ');
      }
      last_space = true;
      continue;
    }
    last_space = false;
    // Bytes >= 0x80 are kept only as '?' so the log never receives invalid UTF-8.
    out.push_back(u >= 0x80 ? '?' : static_cast<char>(u));
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

core::ets_failure map_error(int http_status, std::string_view body) {
  std::optional<std::string> code;
  if (const auto v = parse_json(body); v && v->is_object()) {
    code = string_field(v->get_object(), f_error_code);
  }
  if (code) {
    for (const auto &entry : error_codes) {
      if (entry.code == *code) {
        return core::ets_failure{entry.error, core::ets_fault::answered, http_status,
                                 status_prefix(http_status) + " " + std::string(entry.code)};
      }
    }
  }
  std::string detail = status_prefix(http_status);
  if (code) {
    detail += " unknown errorCode " + body_excerpt(*code);
  }
  const std::string excerpt = body_excerpt(body);
  detail += excerpt.empty() ? std::string(": empty body") : ": " + excerpt;
  const auto fault = (http_status == 429 || http_status == 503) ? core::ets_fault::rate_limited
                                                                : core::ets_fault::bad_response;
  return core::ets_failure{core::ets_error::processing_error, fault, http_status,
                           std::move(detail)};
}

token_outcome parse_token_response(int http_status, std::string_view body) {
  if (http_status != 200) {
    return map_error(http_status, body);
  }
  const auto v = parse_json(body);
  if (!v || !v->is_object()) {
    return bad_response(http_status, "token response is not a JSON object: " + body_excerpt(body));
  }
  const json::object &o = v->get_object();
  const auto token = string_field(o, f_token);
  if (!token || token->empty() || token->size() > max_token_chars || !printable_ascii(*token)) {
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

reports_outcome parse_reports_response(std::string_view body, std::string_view ssid,
                                       core::time_point now) {
  const auto v = parse_json(body);
  if (!v || !v->is_object()) {
    return bad_response(200, "report response is not a JSON object: " + body_excerpt(body));
  }
  const json::object &o = v->get_object();
  if (const json::value *s = o.if_contains(f_ssid); s != nullptr && !s->is_null()) {
    // A list for another student must never be shown for this one.
    if (!s->is_string() || s->get_string() != ssid) {
      return bad_response(200, "report response names a different SSID");
    }
  }
  const json::value *list = o.if_contains(f_reports);
  if (list == nullptr || !list->is_array()) {
    return bad_response(200, "report response has no reports array: " + body_excerpt(body));
  }
  reports_page page;
  const json::array &items = list->get_array();
  std::size_t index = 0;
  for (const json::value &item : items) {
    ++index;
    const std::string where =
        "report " + std::to_string(index) + " of " + std::to_string(items.size());
    if (!item.is_object()) {
      page.notes.push_back(where + " skipped: not an object");
      continue;
    }
    const json::object &r = item.get_object();
    core::report_link link;
    struct required_field {
      std::string_view key;
      std::string *into;
    };
    const required_field required[] = {{f_url, &link.url},
                                       {f_format, &link.format},
                                       {f_language, &link.language},
                                       {f_report_type, &link.test},
                                       {f_year, &link.year}};
    std::string missing;
    for (const auto &field : required) {
      auto value = string_field(r, field.key);
      if (!value || value->empty()) {
        missing += missing.empty() ? "" : ", ";
        missing += field.key;
      } else {
        *field.into = std::move(*value);
      }
    }
    if (!missing.empty()) {
      page.notes.push_back(where + " skipped: missing " + missing);
      continue;
    }
    link.name = string_field(r, f_report_name).value_or("");
    link.grade = string_field(r, f_grade).value_or("");
    link.subject = string_field(r, f_subject).value_or("");
    link.status = string_field(r, f_status).value_or("");
    link.expires_at = now + default_link_lifetime;
    if (const auto at = string_field(r, f_expires_at)) {
      core::time_point parsed;
      if (core::parse_utc(*at, parsed)) {
        link.expires_at = parsed;
      } else {
        page.notes.push_back(where + ": unreadable expiresAt, assuming 30 minutes");
      }
    }
    page.reports.push_back(std::move(link));
  }
  if (items.empty()) {
    return core::ets_failure{core::ets_error::no_test_data, core::ets_fault::answered, 200,
                             "HTTP 200 with an empty reports array"};
  }
  if (page.reports.empty()) {
    return bad_response(
        200, "report response has no usable report (" + std::to_string(items.size()) + " skipped)");
  }
  return page;
}

}  // namespace ssrlink::ets::wire
