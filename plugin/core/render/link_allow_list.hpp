// Which report links may reach a page: only https URLs whose host is on the configured list
// (config ets.link_hosts). Everything else — javascript:, data:, http, other hosts, user info in
// the URL, malformed or oversized URLs — is refused, so a compromised or confused upstream cannot
// put a hostile link in front of a parent.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssrlink::core {

// A signed object-store URL is a few hundred bytes; anything far larger is refused.
inline constexpr std::size_t max_link_bytes = std::size_t{8} * 1024;

class link_allow_list {
 public:
  // Entries: "caaspp-aws.ets.org" (that host exactly) or "*.s3.amazonaws.com" (any subdomain,
  // not the bare domain). Case-insensitive; a port in an entry is not allowed and not compared.
  explicit link_allow_list(const std::vector<std::string> &hosts);

  bool allows(std::string_view url) const;

  // The lower-cased host of an https URL, or nullopt when the URL is malformed. Never returns the
  // path or query (which carry the signature), so the result may be logged.
  static std::optional<std::string> https_host(std::string_view url);

 private:
  std::vector<std::string> exact_;
  std::vector<std::string> suffixes_;  // ".s3.amazonaws.com"
};

// A description of `url` safe for the log: its scheme and host, never its path or query.
std::string describe_link_for_log(std::string_view url);

}  // namespace ssrlink::core
