#include "test_wire_profile.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ssrlink::testing {
namespace {

constexpr const char *variable = "SSRLINK_TEST_WIRE_PROFILE";

std::string read_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read the wire profile " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const boost::json::value &member(const boost::json::value &parent, std::string_view key,
                                 const std::string &file) {
  const auto *found = parent.is_object() ? parent.as_object().if_contains(key) : nullptr;
  if (found == nullptr) {
    throw std::runtime_error(file + ": no \"" + std::string(key) + "\"");
  }
  return *found;
}

std::string text_at(const boost::json::value &parent, std::string_view key,
                    const std::string &file) {
  const auto &v = member(parent, key, file);
  if (!v.is_string()) {
    throw std::runtime_error(file + ": \"" + std::string(key) + "\" is not a string");
  }
  return std::string(v.as_string());
}

// "data.token" → {"data", "token"}.
std::vector<std::string> dotted(const std::string &path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) {
      return parts;
    }
    start = dot + 1;
  }
}

std::string percent_encoded(std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0x0f];
    }
  }
  return out;
}

wire_names read_names(const std::string &file) {
  const boost::json::value document = boost::json::parse(read_text(file));
  const auto &token = member(document, "token", file);
  const auto &reports = member(document, "reports", file);
  const auto &authorization = member(reports, "authorization", file);
  wire_names names;
  names.token_path = text_at(token, "path", file);
  names.token_as_form = text_at(token, "encoding", file) == "form";
  names.username_field = text_at(token, "username", file);
  names.secret_key_field = text_at(token, "secret_key", file);
  for (const auto &[key, value] : member(token, "constants", file).as_object()) {
    names.token_constants.emplace_back(std::string(key), std::string(value.as_string()));
  }
  names.token_answer = dotted(text_at(member(token, "answer", file), "token", file));
  names.reports_path = text_at(reports, "path", file);
  names.ssid_parameter = text_at(reports, "ssid_parameter", file);
  names.authorization_header = text_at(authorization, "header", file);
  names.authorization_prefix = text_at(authorization, "prefix", file);
  return names;
}

}  // namespace

std::optional<std::string> test_wire_profile() {
  const char *value = std::getenv(variable);
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  const std::filesystem::path path(value);
  if (!path.is_absolute() || !std::ifstream(path).good()) {
    throw std::runtime_error(std::string(variable) + " must name a readable wire profile file " +
                             "by its absolute path, not '" + value + "'");
  }
  return path.string();
}

std::vector<std::string> fake_ets_wire_profile_arguments() {
  if (const auto file = test_wire_profile()) {
    return {"--wire-profile", *file};
  }
  return {};
}

void add_test_wire_profile(boost::json::object &ets_config) {
  if (const auto file = test_wire_profile()) {
    ets_config["wire_profile"] = *file;
  }
}

wire_names::request_body wire_names::token_request(std::string_view username,
                                                   std::string_view secret_key) const {
  std::vector<std::pair<std::string, std::string>> fields{
      {username_field, std::string(username)}, {secret_key_field, std::string(secret_key)}};
  fields.insert(fields.end(), token_constants.begin(), token_constants.end());
  if (token_as_form) {
    std::string body;
    for (const auto &[key, value] : fields) {
      // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
      // const char * + std::string, which inserts at the front of a temporary.
      if (!body.empty()) {
        body += '&';
      }
      body.append(percent_encoded(key)).append("=").append(percent_encoded(value));
    }
    return {"application/x-www-form-urlencoded", body};
  }
  boost::json::object body;
  for (const auto &[key, value] : fields) {
    body[key] = value;
  }
  return {"application/json", boost::json::serialize(body)};
}

std::string wire_names::token_in(const boost::json::value &answer) const {
  const boost::json::value *at = &answer;
  for (const auto &name : token_answer) {
    at = at->is_object() ? at->as_object().if_contains(name) : nullptr;
    if (at == nullptr) {
      break;
    }
  }
  if (at == nullptr || !at->is_string()) {
    throw std::runtime_error("the token answer holds no token: " + boost::json::serialize(answer));
  }
  return std::string(at->as_string());
}

std::string wire_names::reports_target(std::string_view ssid) const {
  return reports_path + "?" + ssid_parameter + "=" + percent_encoded(ssid);
}

std::string wire_names::authorization(std::string_view token) const {
  return authorization_header + ": " + authorization_prefix + std::string(token);
}

std::vector<std::string> wire_names::never_logged() const {
  std::vector<std::string> out{secret_key_field, ssid_parameter + "="};
  std::string prefix = authorization_prefix;
  while (!prefix.empty() && prefix.back() == ' ') {
    prefix.pop_back();
  }
  if (!prefix.empty()) {
    out.push_back(prefix);
  }
  return out;
}

const wire_names &test_wire_names() {
  static const wire_names names =
      read_names(test_wire_profile().value_or(SSRLINK_DEFAULT_WIRE_PROFILE_FILE));
  return names;
}

}  // namespace ssrlink::testing
