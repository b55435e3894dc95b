// The yardstick of the cold-render and ETS-client bars: `curl` fetching the same report list with
// one keep-alive connection. One curl process gets many URLs from a config file and prints each
// transfer's time_total; the first transfer (TCP + TLS handshake) is left out, as the plugin's
// pooled connection is already open when it is measured.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ssrlink::bench {

struct curl_run {
  std::vector<double> micros;      // time_total of each reused-connection transfer
  double wall_us_per_request = 0;  // the whole curl process (start-up included) / transfers
};

// The requests speak the wire profile the suite runs under (SSRLINK_TEST_WIRE_PROFILE; the
// default's names below).
//
// POST {base_url}/token with the pair; returns the bearer token. Throws on failure.
std::string curl_token(const std::string &base_url, const std::filesystem::path &ca_file,
                       const std::string &username, const std::string &secret_key);

// GET {base_url}/scorereports?ssid=S `count` times (SSIDs taken round-robin from `ssids`) with
// the bearer token, in one curl process. Throws when curl fails or a transfer is not HTTP 200.
curl_run curl_reports(const std::string &base_url, const std::filesystem::path &ca_file,
                      const std::string &token, const std::vector<std::string> &ssids, int count,
                      const std::filesystem::path &work_dir);

}  // namespace ssrlink::bench
