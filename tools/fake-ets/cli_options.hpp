// The command line (fixed; integration tests and benchmarks rely on it):
//   fake-ets serve --fixture FILE --cert server.pem --key server.key [--host 127.0.0.1]
//                  [--port 0] [--port-file PATH] [--link-ttl SECONDS] [--threads N]
//                  [--latency-ms N] [--wire-profile FILE]
//   fake-ets make-cert --dir DIR [--name 127.0.0.1] [--name localhost] [--self-signed]
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace ssrlink::fake_ets {

struct serve_options {
  std::string fixture;
  std::string cert;
  std::string key;
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::optional<std::string> port_file;
  std::chrono::seconds link_ttl{1800};
  unsigned threads = 2;
  std::chrono::milliseconds latency{0};
  // A wire profile document (the plugin's format) naming the paths, fields and codes to serve;
  // absent: the default profile.
  std::optional<std::string> wire_profile;
};

struct make_cert_options {
  std::string dir;
  std::vector<std::string> names;  // empty: 127.0.0.1 and localhost
  bool self_signed = false;
};

struct help_request {};

using command = std::variant<serve_options, make_cert_options, help_request>;

// Thrown for anything the user typed wrong; the message says what.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

command parse_command_line(const std::vector<std::string> &args);

extern const char *const usage_text;

}  // namespace ssrlink::fake_ets
