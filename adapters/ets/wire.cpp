#include "wire.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

namespace ssrlink::ets::wire {
namespace {

namespace json = boost::json;

// Field names (docs/ets-protocol.md, section 1).
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
// The fields a report cannot do without, in item_counts::missing order.
constexpr std::string_view required_field_names[required_report_fields] = {
    f_url, f_format, f_language, f_report_type, f_year};
constexpr std::string_view ssid_parameter = "ssid";
constexpr std::string_view bearer_prefix = "Bearer ";

// A token we would put in a header must not be able to break it.
constexpr std::size_t max_token_chars = 8192;
// expiresIn above a day is treated as a day: a token is refreshed at least daily.
constexpr std::int64_t max_token_lifetime_seconds = 86400;

// The error-code table (docs/ets-protocol.md, section 1).
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

// `storage` lets the report parser put the whole document in one arena (a hostile list has
// hundreds of thousands of values); the default is the ordinary heap.
std::optional<json::value> parse_json(std::string_view body, json::storage_ptr storage = {}) {
  boost::system::error_code ec;
  // Default options: strict JSON, UTF-8 validated, depth bounded.
  json::value v = json::parse(body, ec, std::move(storage));
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
  if (body.size() <= max_small_answer_bytes) {
    if (const auto v = parse_json(body); v && v->is_object()) {
      code = string_field(v->get_object(), f_error_code);
    }
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
  if (body.size() > max_small_answer_bytes) {
    return bad_response(http_status, "token response larger than 64 KiB");
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

bool worth_logging(const item_counts &counts) {
  return counts.kept != counts.received || counts.unreadable_expiry != 0;
}

std::string describe(const item_counts &counts) {
  const auto n = [](std::size_t v) { return std::to_string(v); };
  std::string out = n(counts.kept) + " of " + n(counts.received) + " items kept";
  if (counts.beyond_cap != 0) {
    out +=
        "; " + n(counts.beyond_cap) + " beyond the cap of " + n(max_report_items) + " not examined";
  }
  if (counts.not_an_object != 0 || counts.missing_field != 0) {
    out += "; skipped:";
    if (counts.not_an_object != 0) {
      // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
      // " " + std::string, which inserts at the front of a temporary.
      out.append(" ").append(n(counts.not_an_object)).append(" not an object");
    }
    if (counts.missing_field != 0) {
      out += counts.not_an_object != 0 ? "," : "";
      out.append(" ").append(n(counts.missing_field)).append(" missing a required field (");
      bool first = true;
      for (std::size_t i = 0; i < required_report_fields; ++i) {
        if (counts.missing[i] != 0) {
          out += first ? "" : ", ";
          out += std::string(required_field_names[i]) + " " + n(counts.missing[i]);
          first = false;
        }
      }
      out += ")";
    }
  }
  if (counts.unreadable_expiry != 0) {
    out +=
        "; " + n(counts.unreadable_expiry) + " with an unreadable expiresAt (30 minutes assumed)";
  }
  return out;
}

reports_outcome parse_reports_response(std::string_view body, std::string_view ssid,
                                       core::time_point now) {
  // Rule 1. One arena for the document: freed at once on return, and far cheaper than one heap
  // allocation per value when a hostile answer holds many.
  json::monotonic_resource arena;
  const auto v = parse_json(body, &arena);
  if (!v || !v->is_object()) {
    return bad_response(200, "report response is not a JSON object: " + body_excerpt(body));
  }
  const json::object &o = v->get_object();
  // Rule 2. Neither SSID goes into the detail: it reaches the log.
  const json::value *s = o.if_contains(f_ssid);
  if (s == nullptr || s->is_null()) {
    return bad_response(200, "report response has no ssid");
  }
  if (!s->is_string() || s->get_string() != ssid) {
    return bad_response(200, "report response names a different SSID");
  }
  // Rule 3.
  const json::value *list = o.if_contains(f_reports);
  if (list == nullptr || !list->is_array()) {
    return bad_response(200, "report response has no reports array: " + body_excerpt(body));
  }
  const json::array &items = list->get_array();
  // Rule 4.
  if (items.empty()) {
    return core::ets_failure{core::ets_error::no_test_data, core::ets_fault::answered, 200,
                             "HTTP 200 with an empty reports array"};
  }
  reports_page page;
  page.counts.received = items.size();
  // Rule 5.
  const std::size_t examined = std::min(items.size(), max_report_items);
  page.counts.beyond_cap = items.size() - examined;
  for (std::size_t index = 0; index < examined; ++index) {
    const json::value &item = items[index];
    // Rule 6.
    if (!item.is_object()) {
      ++page.counts.not_an_object;
      continue;
    }
    const json::object &r = item.get_object();
    core::report_link link;
    std::string *const into[required_report_fields] = {&link.url, &link.format, &link.language,
                                                       &link.test, &link.year};
    bool complete = true;
    for (std::size_t i = 0; i < required_report_fields; ++i) {
      auto value = string_field(r, required_field_names[i]);
      if (!value || value->empty()) {
        ++page.counts.missing[i];
        complete = false;
      } else {
        *into[i] = std::move(*value);
      }
    }
    if (!complete) {
      ++page.counts.missing_field;
      continue;
    }
    // Rule 7.
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
        ++page.counts.unreadable_expiry;
      }
    }
    page.reports.push_back(std::move(link));
  }
  page.counts.kept = page.reports.size();
  // Rule 8.
  if (page.reports.empty()) {
    return bad_response(200, "report response has no usable report: " + describe(page.counts));
  }
  return page;
}

}  // namespace ssrlink::ets::wire
