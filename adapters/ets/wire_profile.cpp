// Reading and checking a wire profile document (wire_profile.hpp). Strict on purpose: every key
// is required and no unknown key is accepted, so a misspelt name fails at ssrlink_open with a
// sentence that names it, instead of falling back to a default and failing every page later.
#include "wire_profile.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "wire_json.hpp"

namespace ssrlink::ets::wire {
namespace {

namespace json = internal::json;

// The document as shipped, embedded at build time (wire_profile.cmake).
constexpr std::string_view embedded_default =
#include "wire_profile_default.inc"
    ;

constexpr int supported_version = 1;

constexpr std::string_view item_keys[item_field_count] = {
    "url",         "format", "language", "report_type", "year",
    "report_name", "grade",  "subject",  "status",      "expires_at"};

constexpr std::pair<std::string_view, core::ets_error> meanings[] = {
    {"not_authorized", core::ets_error::not_authorized},
    {"no_test_data", core::ets_error::no_test_data},
    {"ssid_not_found", core::ets_error::ssid_not_found},
    {"enrollment_mismatch", core::ets_error::enrollment_mismatch},
    {"internal_error", core::ets_error::internal_error},
};

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

// An HTTP token (RFC 9110): what a header name or a query parameter name may be made of here.
bool http_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

// Reads one object of the document, naming each key by its full dotted name in errors, and
// refusing keys it was not asked for.
class reader {
 public:
  reader(const json::object &object, std::string prefix, std::string_view source)
      : object_(object), prefix_(std::move(prefix)), source_(source) {}

  [[noreturn]] void fail(std::string_view key, std::string_view must) const {
    throw core::failure(core::status::config, "\"ets.wire_profile\" (" + std::string(source_) +
                                                  "): \"" + prefix_ + std::string(key) + "\" " +
                                                  std::string(must));
  }

  const json::value &member(std::string_view key) {
    seen_.emplace_back(key);
    const json::value *v = object_.if_contains(key);
    if (v == nullptr) {
      fail(key, "is missing; every key of the profile is required (docs/ets-protocol.md).");
    }
    return *v;
  }

  std::string text(std::string_view key) {
    const json::value &v = member(key);
    if (!v.is_string() || !printable_ascii(v.get_string())) {
      fail(key, "must be a string of printable ASCII characters.");
    }
    return std::string(v.get_string());
  }

  std::string name(std::string_view key, std::string_view what) {
    std::string s = text(key);
    if (!http_token(s)) {
      fail(key, "must be " + std::string(what) +
                    ": letters, digits and !#$%&'*+-.^_`|~ only, not empty.");
    }
    return s;
  }

  std::string path(std::string_view key) {
    std::string s = text(key);
    if (s.empty() || s.front() != '/' || s.find_first_of("?# ") != std::string::npos) {
      fail(key, "must be a path that starts with \"/\", without a query or fragment.");
    }
    return s;
  }

  field_path place(std::string_view key) {
    const std::string s = text(key);
    field_path out;
    std::size_t start = 0;
    for (;;) {
      const std::size_t dot = s.find('.', start);
      out.emplace_back(s.substr(start, dot == std::string::npos ? dot : dot - start));
      if (out.back().empty()) {
        fail(key, "must be a non-empty string of member names separated by dots.");
      }
      if (dot == std::string::npos) {
        return out;
      }
      start = dot + 1;
    }
  }

  reader object(std::string_view key) {
    const json::value &v = member(key);
    if (!v.is_object()) {
      fail(key, "must be a JSON object.");
    }
    return reader(v.get_object(), prefix_ + std::string(key) + ".", source_);
  }

  const json::object &raw() const { return object_; }
  const std::string &prefix() const { return prefix_; }

  // Called last: a key nobody asked for is a mistake in the document.
  void reject_unknown() const {
    for (const auto &entry : object_) {
      if (std::find(seen_.begin(), seen_.end(), entry.key()) == seen_.end()) {
        fail(entry.key(), "is not a key of a version 1 profile; check its spelling.");
      }
    }
  }

 private:
  const json::object &object_;
  std::string prefix_;
  std::string_view source_;
  std::vector<std::string> seen_;
};

void read_token(reader r, profile::token_step &t) {
  t.path = r.path("path");
  const std::string encoding = r.text("encoding");
  if (encoding == "json") {
    t.encoding = token_encoding::json;
  } else if (encoding == "form") {
    t.encoding = token_encoding::form;
  } else {
    r.fail("encoding", "must be \"json\" or \"form\".");
  }
  t.username_field = r.name("username", "a field name");
  t.secret_key_field = r.name("secret_key", "a field name");
  reader constants = r.object("constants");
  for (const auto &entry : constants.raw()) {
    if (!http_token(entry.key())) {
      constants.fail(entry.key(), "is not usable as a field name.");
    }
    t.constants.emplace_back(entry.key(), constants.text(entry.key()));
  }
  reader answer = r.object("answer");
  t.token = answer.place("token");
  t.expires_in = answer.place("expires_in");
  answer.reject_unknown();
  r.reject_unknown();
}

void read_reports(reader r, profile::reports_step &s) {
  s.path = r.path("path");
  s.ssid_parameter = r.name("ssid_parameter", "a query parameter name");
  reader authorization = r.object("authorization");
  s.authorization_header = authorization.name("header", "a header name");
  s.authorization_prefix = authorization.text("prefix");
  authorization.reject_unknown();
  reader answer = r.object("answer");
  s.ssid = answer.place("ssid");
  s.reports = answer.place("reports");
  answer.reject_unknown();
  reader item = r.object("item");
  for (std::size_t i = 0; i < item_field_count; ++i) {
    s.item[i] = item.place(item_keys[i]);
  }
  item.reject_unknown();
  r.reject_unknown();
}

void read_errors(reader r, profile::error_table &e) {
  e.code = r.place("code");
  e.message = r.place("message");
  reader codes = r.object("codes");
  for (const auto &entry : codes.raw()) {
    const std::string meaning = codes.text(entry.key());
    const auto *known = std::find_if(std::begin(meanings), std::end(meanings),
                                     [&](const auto &m) { return m.first == meaning; });
    if (known == std::end(meanings)) {
      codes.fail(entry.key(),
                 "must be one of not_authorized, no_test_data, ssid_not_found, "
                 "enrollment_mismatch, internal_error.");
    }
    e.codes.emplace_back(entry.key(), known->second);
  }
  r.reject_unknown();
}

}  // namespace

std::string dotted(const field_path &path) {
  std::string out;
  for (const auto &segment : path) {
    if (!out.empty()) {
      out.push_back('.');
    }
    out += segment;
  }
  return out;
}

std::string_view document_key(item_field field) {
  return item_keys[static_cast<std::size_t>(field)];
}

profile parse_profile(std::string_view document, std::string_view source) {
  const auto v = internal::parse_json(document);
  if (!v || !v->is_object()) {
    throw core::failure(core::status::config, "\"ets.wire_profile\" (" + std::string(source) +
                                                  ") is not a JSON object (strict JSON, UTF-8).");
  }
  reader top(v->get_object(), "", source);
  profile p;
  const json::value &version = top.member("ssrlink_wire_profile");
  if (!version.is_int64() || version.get_int64() != supported_version) {
    top.fail("ssrlink_wire_profile", "must be 1, the profile format this ssrlink reads.");
  }
  p.version = supported_version;
  p.name = top.text("name");
  read_token(top.object("token"), p.token);
  read_reports(top.object("reports"), p.reports);
  read_errors(top.object("errors"), p.errors);
  top.reject_unknown();
  return p;
}

profile load_profile_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    throw core::failure(core::status::config,
                        "\"ets.wire_profile\" names \"" + path + "\", which cannot be read.");
  }
  return parse_profile(text.str(), path);
}

std::string_view default_profile_document() {
  return embedded_default;
}

const profile &default_profile() {
  static const profile parsed = parse_profile(embedded_default, "the built-in profile");
  return parsed;
}

}  // namespace ssrlink::ets::wire
