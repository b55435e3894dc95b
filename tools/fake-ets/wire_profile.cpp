#include "wire_profile.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <stdexcept>

namespace ssrlink::fake_ets {
namespace {

// A copy of adapters/ets/wire_profile_default.json: fake-ets does not read the plugin's files.
// The test fake_ets.smoke_default_profile runs the whole smoke test with the plugin's file, so
// the two cannot drift apart unnoticed.
constexpr std::string_view default_document = R"json({
  "ssrlink_wire_profile": 1,
  "name": "ssrlink default (our reading of the public hints, docs/ets-protocol.md)",
  "token": {
    "path": "/token",
    "encoding": "json",
    "username": "username",
    "secret_key": "secretKey",
    "constants": {},
    "answer": {"token": "token", "expires_in": "expiresIn"}
  },
  "reports": {
    "path": "/scorereports",
    "ssid_parameter": "ssid",
    "authorization": {"header": "Authorization", "prefix": "Bearer "},
    "answer": {"ssid": "ssid", "reports": "reports"},
    "item": {
      "url": "url",
      "format": "format",
      "language": "language",
      "report_type": "reportType",
      "year": "administrationYear",
      "report_name": "reportName",
      "grade": "grade",
      "subject": "subject",
      "status": "status",
      "expires_at": "expiresAt"
    }
  },
  "errors": {
    "code": "errorCode",
    "message": "message",
    "codes": {
      "NOT_AUTHORIZED": "not_authorized",
      "NO_TEST_DATA": "no_test_data",
      "SSID_NOT_FOUND": "ssid_not_found",
      "ENROLLMENT_MISMATCH": "enrollment_mismatch",
      "INTERNAL_ERROR": "internal_error"
    }
  }
})json";

constexpr std::array<std::pair<std::string_view, error_meaning>, 5> meanings{{
    {"not_authorized", error_meaning::not_authorized},
    {"no_test_data", error_meaning::no_test_data},
    {"ssid_not_found", error_meaning::ssid_not_found},
    {"enrollment_mismatch", error_meaning::enrollment_mismatch},
    {"internal_error", error_meaning::internal_error},
}};

using keys = std::initializer_list<std::string_view>;
using boost::json::object;

std::string qualified(std::string_view parent, std::string_view name) {
  return parent.empty() ? std::string(name) : std::string(parent) + "." + std::string(name);
}

std::string listed(keys names) {
  std::string out;
  for (const auto name : names) {
    out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out;
}

// True when one path is the other or lies inside it: the two values would share a place.
bool nested(const field_path &a, const field_path &b) {
  const std::size_t common = std::min(a.size(), b.size());
  return std::equal(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(common), b.begin());
}

// Every accessor takes the parent object, the parent's dotted name ("" at the top) and the
// member's name, so each message names the key the way the document spells it.
class document_reader {
 public:
  explicit document_reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string &key, const std::string &what) const {
    throw std::runtime_error(origin_ + ": wire profile key \"" + key + "\" " + what);
  }

  // Unknown keys first: a misspelt key is then named as typed, not as the key it hides.
  void expect_keys(const object &parent, std::string_view name, keys expected) const {
    for (const auto &member : parent) {
      if (std::find(expected.begin(), expected.end(), member.key()) == expected.end()) {
        std::string where = "the top level";
        if (!name.empty()) {
          where.assign(1, '"').append(name).append(1, '"');
        }
        fail(qualified(name, member.key()),
             "is not a key of the wire profile; " + where + " takes exactly: " + listed(expected));
      }
    }
    for (const auto key : expected) {
      if (!parent.contains(key)) {
        fail(qualified(name, key), "is missing; every key of the wire profile is required");
      }
    }
  }

  const object &object_at(const object &parent, std::string_view name, std::string_view key,
                          keys expected) const {
    const auto &value = parent.at(key);
    if (!value.is_object()) {
      fail(qualified(name, key), "must be an object");
    }
    expect_keys(value.get_object(), qualified(name, key), expected);
    return value.get_object();
  }

  // An object whose keys the document chooses (token.constants, errors.codes).
  const object &map_at(const object &parent, std::string_view name, std::string_view key) const {
    const auto &value = parent.at(key);
    if (!value.is_object()) {
      fail(qualified(name, key), "must be an object of names and string values");
    }
    for (const auto &member : value.get_object()) {
      if (member.key().empty() || !member.value().is_string()) {
        fail(qualified(name, key),
             "must map non-empty names to strings; \"" + std::string(member.key()) + "\" does not");
      }
    }
    return value.get_object();
  }

  std::string string_at(const object &parent, std::string_view name, std::string_view key,
                        bool may_be_empty = false) const {
    const auto &value = parent.at(key);
    if (!value.is_string() || (!may_be_empty && value.get_string().empty())) {
      fail(qualified(name, key), may_be_empty ? "must be a string" : "must be a non-empty string");
    }
    return std::string(value.get_string());
  }

  field_path path_at(const object &parent, std::string_view name, std::string_view key) const {
    const auto &value = parent.at(key);
    field_path path;
    if (value.is_string()) {
      std::string_view rest = value.get_string();
      for (;;) {
        const std::size_t dot = rest.find('.');
        path.emplace_back(rest.substr(0, dot));
        if (path.back().empty() || dot == std::string_view::npos) {
          break;
        }
        rest.remove_prefix(dot + 1);
      }
    }
    if (path.empty() || path.back().empty()) {
      fail(qualified(name, key),
           "must be a non-empty string of member names separated by dots, such as "
           "\"data.token\", with no empty name");
    }
    return path;
  }

  std::string endpoint_at(const object &parent, std::string_view name, std::string_view key) const {
    std::string path = string_at(parent, name, key);
    if (!path.starts_with('/') || path.find_first_of("?# ") != std::string::npos) {
      fail(qualified(name, key),
           "must be a path starting with '/', without '?', '#' or spaces, such as \"/token\"");
    }
    return path;
  }

  // Two values of one answer need places of their own.
  void apart(const std::string &key_a, const field_path &a, const std::string &key_b,
             const field_path &b) const {
    if (nested(a, b)) {
      fail(key_b, "names a place that overlaps \"" + key_a + "\" (\"" + dotted(a) + "\" and \"" +
                      dotted(b) + "\"); each value needs a place of its own");
    }
  }

 private:
  std::string origin_;
};

wire_profile::token_step read_token(const document_reader &in, const object &top) {
  const object &token = in.object_at(
      top, "", "token", {"path", "encoding", "username", "secret_key", "constants", "answer"});
  wire_profile::token_step step;
  step.path = in.endpoint_at(token, "token", "path");
  const std::string encoding = in.string_at(token, "token", "encoding");
  if (encoding != "json" && encoding != "form") {
    in.fail("token.encoding", "must be \"json\" or \"form\", not \"" + encoding + "\"");
  }
  step.encoding = encoding == "json" ? token_encoding::json : token_encoding::form;
  step.username_field = in.string_at(token, "token", "username");
  step.secret_key_field = in.string_at(token, "token", "secret_key");
  for (const auto &member : in.map_at(token, "token", "constants")) {
    const std::string name(member.key());
    if (name == step.username_field || name == step.secret_key_field) {
      in.fail("token.constants",
              "names \"" + name + "\", which is already the user name or secret key field");
    }
    step.constants.emplace_back(name, std::string(member.value().get_string()));
  }
  const object &answer = in.object_at(token, "token", "answer", {"token", "expires_in"});
  step.token = in.path_at(answer, "token.answer", "token");
  step.expires_in = in.path_at(answer, "token.answer", "expires_in");
  in.apart("token.answer.token", step.token, "token.answer.expires_in", step.expires_in);
  return step;
}

wire_profile::reports_step read_reports(const document_reader &in, const object &top) {
  const object &reports = in.object_at(
      top, "", "reports", {"path", "ssid_parameter", "authorization", "answer", "item"});
  wire_profile::reports_step step;
  step.path = in.endpoint_at(reports, "reports", "path");
  step.ssid_parameter = in.string_at(reports, "reports", "ssid_parameter");
  const object &authorization =
      in.object_at(reports, "reports", "authorization", {"header", "prefix"});
  step.authorization_header = in.string_at(authorization, "reports.authorization", "header");
  if (step.authorization_header.find_first_of(" \t:") != std::string::npos) {
    in.fail("reports.authorization.header", "must be an HTTP header name, without spaces or ':'");
  }
  step.authorization_prefix = in.string_at(authorization, "reports.authorization", "prefix", true);
  const object &answer = in.object_at(reports, "reports", "answer", {"ssid", "reports"});
  step.ssid = in.path_at(answer, "reports.answer", "ssid");
  step.reports = in.path_at(answer, "reports.answer", "reports");
  in.apart("reports.answer.ssid", step.ssid, "reports.answer.reports", step.reports);
  const object &item =
      in.object_at(reports, "reports", "item",
                   {item_keys[0], item_keys[1], item_keys[2], item_keys[3], item_keys[4],
                    item_keys[5], item_keys[6], item_keys[7], item_keys[8], item_keys[9]});
  for (std::size_t i = 0; i < item_keys.size(); ++i) {
    step.item[i] = in.path_at(item, "reports.item", item_keys[i]);
    for (std::size_t j = 0; j < i; ++j) {
      in.apart(qualified("reports.item", item_keys[j]), step.item[j],
               qualified("reports.item", item_keys[i]), step.item[i]);
    }
  }
  return step;
}

wire_profile::error_table read_errors(const document_reader &in, const object &top) {
  const object &errors = in.object_at(top, "", "errors", {"code", "message", "codes"});
  wire_profile::error_table table;
  table.code = in.path_at(errors, "errors", "code");
  table.message = in.path_at(errors, "errors", "message");
  in.apart("errors.code", table.code, "errors.message", table.message);
  for (const auto &member : in.map_at(errors, "errors", "codes")) {
    const std::string_view meaning = member.value().get_string();
    const auto *found = std::find_if(meanings.begin(), meanings.end(),
                                     [&](const auto &known) { return known.first == meaning; });
    if (found == meanings.end()) {
      in.fail(qualified("errors.codes", member.key()),
              "has the unknown meaning \"" + std::string(meaning) +
                  "\"; a meaning is one of not_authorized, no_test_data, ssid_not_found, "
                  "enrollment_mismatch, internal_error");
    }
    table.codes.emplace_back(std::string(member.key()), found->second);
  }
  return table;
}

}  // namespace

std::string dotted(const field_path &path) {
  std::string out;
  for (const auto &name : path) {
    out += (out.empty() ? "" : ".") + name;
  }
  return out;
}

wire_profile parse_wire_profile(std::string_view text, const std::string &origin) {
  boost::system::error_code ec;
  const boost::json::value root = boost::json::parse(text, ec);
  if (ec) {
    throw std::runtime_error(origin + ": the wire profile is not valid JSON (" + ec.message() +
                             ")");
  }
  if (!root.is_object()) {
    throw std::runtime_error(origin + ": the wire profile must be a JSON object");
  }
  const document_reader in(origin);
  const object &top = root.get_object();
  in.expect_keys(top, "", {"ssrlink_wire_profile", "name", "token", "reports", "errors"});
  const auto version = top.at("ssrlink_wire_profile").to_number<std::int64_t>(ec);
  if (ec || version != 1) {
    in.fail("ssrlink_wire_profile", "must be the number 1, the only version fake-ets reads");
  }
  wire_profile profile;
  profile.name = in.string_at(top, "", "name", true);
  profile.token = read_token(in, top);
  profile.reports = read_reports(in, top);
  profile.errors = read_errors(in, top);
  if (profile.token.path == profile.reports.path) {
    in.fail("reports.path", "must differ from \"token.path\"");
  }
  return profile;
}

wire_profile load_wire_profile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(path + ": cannot open the wire profile file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_wire_profile(text.str(), path);
}

const wire_profile &default_wire_profile() {
  static const wire_profile profile =
      parse_wire_profile(default_document, "fake-ets's built-in profile");
  return profile;
}

}  // namespace ssrlink::fake_ets
