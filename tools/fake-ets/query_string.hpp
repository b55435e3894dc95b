// Splitting a request target into path and decoded query parameters. The fake server only needs
// single-valued parameters (`ssid`, `X-Amz-Signature`), so the first occurrence wins.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ssrlink::fake_ets {

struct request_target {
  std::string path;
  std::map<std::string, std::string> query;  // percent- and '+'-decoded

  std::optional<std::string> param(const std::string &name) const;
};

// "/api/v1/scorereports?ssid=1%32" → {"/api/v1/scorereports", {ssid: "12"}}. Malformed escapes are
// kept literally rather than rejected: a fake server should be lenient about what it accepts.
request_target parse_target(std::string_view target);

}  // namespace ssrlink::fake_ets
