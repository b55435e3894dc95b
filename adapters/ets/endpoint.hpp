// Where the ETS API lives, taken apart once from settings.base_url.
#pragma once

#include <string>

namespace ssrlink::ets {

struct endpoint {
  std::string host;         // DNS name or IP literal (no brackets), used for SNI and verification
  std::string port;         // "443" unless the URL says otherwise
  std::string host_header;  // host[:port] as the Host header wants it
  std::string base_path;    // "/api/v1", never ending in '/'
  bool host_is_ip = false;  // no SNI for IP literals (RFC 6066)
};

// Accepts only "https://host[:port][/path]" without user info, query or fragment. Throws
// core::failure(status::config) naming ets.base_url otherwise.
endpoint parse_base_url(const std::string &base_url);

}  // namespace ssrlink::ets
