#include "config.hpp"

#include <boost/url/parse.hpp>
#include <filesystem>

#include "error.hpp"
#include "json/json_fields.hpp"

namespace ssrlink::core {
namespace {

[[noreturn]] void config_error(const std::string &sentence) {
  throw failure(status::config, sentence);
}

std::string checked_base_url(json_fields &fields) {
  std::string url = fields.required_string("base_url");
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || parsed->scheme() != "https" || parsed->host().empty() || parsed->has_userinfo() ||
      parsed->has_query() || parsed->has_fragment()) {
    config_error(fields.quoted_name("base_url") +
                 " must be an https URL without user name, query or fragment, such as "
                 "\"https://caaspp-aws.ets.org/api/v1\".");
  }
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

std::optional<std::string> checked_path(json_fields &fields, std::string_view key) {
  auto path = fields.optional_string(key);
  if (path && (path->empty() || path->front() != '/' ||
               path->find_first_of("?# \t\r\n") != std::string::npos)) {
    config_error(fields.quoted_name(key) + " must be a path that starts with \"/\".");
  }
  return path;
}

std::vector<std::string> checked_link_hosts(json_fields &fields) {
  auto hosts = fields.optional_string_array("link_hosts");
  if (!hosts || hosts->empty()) {
    config_error(fields.quoted_name("link_hosts") +
                 " must list the host names report links may point at, such as "
                 "[\"caaspp-aws.ets.org\", \"*.s3.amazonaws.com\"].");
  }
  for (auto &host : *hosts) {
    const std::string_view bare = std::string_view(host).substr(host.rfind("*.", 0) == 0 ? 2 : 0);
    const bool valid = !bare.empty() && bare.find_first_not_of(
                                            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789.-[]:") == std::string_view::npos;
    if (!valid) {
      config_error(fields.quoted_name("link_hosts") + " has \"" + host +
                   "\", which is not a host name (use \"example.org\" or \"*.example.org\").");
    }
  }
  return std::move(*hosts);
}

void require_readable_file(const std::string &key, const std::string &path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    config_error(std::string(1, '"')
                     .append(key)
                     .append("\" names \"")
                     .append(path)
                     .append("\", which does not exist or is not a file."));
  }
}

ets_settings parse_ets(const boost::json::object &object) {
  json_fields fields(object, "ets.", status::config);
  ets_settings ets;
  ets.base_url = checked_base_url(fields);
  ets.token_path = checked_path(fields, "token_path");
  ets.reports_path = checked_path(fields, "reports_path");
  // Its contents are checked by the ETS adapter, which alone knows what a profile holds.
  ets.wire_profile = fields.optional_string("wire_profile");
  if (ets.wire_profile) {
    require_readable_file("ets.wire_profile", *ets.wire_profile);
  }
  ets.ca_file = fields.optional_string("ca_file");
  if (ets.ca_file) {
    require_readable_file("ets.ca_file", *ets.ca_file);
  }
  ets.link_hosts = checked_link_hosts(fields);
  ets.timeout = std::chrono::milliseconds(
      fields.optional_int("timeout_ms", 100, 120000).value_or(ets.timeout.count()));
  ets.max_connections =
      unsigned(fields.optional_int("max_connections", 1, 256).value_or(ets.max_connections));
  fields.reject_unknown();
  return ets;
}

}  // namespace

config parse_config(std::string_view json) {
  const auto object = parse_json_object(json, "The configuration");
  json_fields fields(object, "", status::config);
  config out;
  out.odbc = fields.required_string("odbc");
  if (out.odbc.empty()) {
    config_error("\"odbc\" must be an ODBC connection string, such as \"DSN=district\".");
  }
  out.seal_key_file = fields.required_string("seal_key_file");
  {
    std::error_code ec;
    const auto parent = std::filesystem::absolute(out.seal_key_file, ec).parent_path();
    if (ec || !std::filesystem::is_directory(parent, ec)) {
      config_error("\"seal_key_file\" names \"" + out.seal_key_file +
                   "\", whose directory does not exist.");
    }
  }
  out.db_pool_size =
      unsigned(fields.optional_int("db_pool_size", 1, 256).value_or(out.db_pool_size));
  out.ets = parse_ets(fields.required_object("ets"));
  fields.reject_unknown();
  return out;
}

}  // namespace ssrlink::core
