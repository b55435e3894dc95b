// The plugin's configuration (config_json of ssrlink_open, docs/abi.md), parsed and validated.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssrlink::core {

struct ets_settings {
  std::string base_url;  // "https://caaspp-aws.ets.org/api/v1"
  // A wire profile file (docs/ets-protocol.md, "The wire profile"); absent: the built-in one.
  // Read and checked when the ETS client is built, at ssrlink_open.
  std::optional<std::string> wire_profile;
  // Overrides of the profile's token and report paths (appended to base_url), kept from
  // config v1, where they were the only wire names a district could change.
  std::optional<std::string> token_path;
  std::optional<std::string> reports_path;
  std::optional<std::string> ca_file;        // absent: the system trust store
  std::vector<std::string> link_hosts;       // hosts a report link may point at
  std::chrono::milliseconds timeout{10000};  // whole request, retries included
  unsigned max_connections = 16;             // keep-alive pool bound per ETS host
};

struct config {
  std::string odbc;           // ODBC connection string, "DSN=district" or "DRIVER=...;..."
  std::string seal_key_file;  // 64 hex characters; created with mode 0600 when absent
  ets_settings ets;
  unsigned db_pool_size = 8;  // bounded ODBC connection pool
};

// Parses and checks config_json. Throws failure(invalid_argument) for malformed JSON and
// failure(config) naming the key for unknown keys, wrong types, bad values and missing files
// (ca_file; the seal key file's directory). Does not touch the network or the database.
config parse_config(std::string_view json);

}  // namespace ssrlink::core
