#include "link_allow_list.hpp"

#include <algorithm>

#include "../text/ascii.hpp"

namespace ssrlink::core {
namespace {

// Printable ASCII minus the characters that have no business in a percent-encoded URL and
// could break out of an attribute or be read differently by browsers.
bool is_url_char(char c) {
  const auto b = static_cast<unsigned char>(c);
  if (b <= 0x20 || b >= 0x7F) {
    return false;
  }
  return c != '"' && c != '\'' && c != '<' && c != '>' && c != '\\' && c != '`' && c != '{' &&
         c != '}' && c != '|' && c != '^';
}

bool is_host_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool valid_host(std::string_view host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-' ||
      host.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(host.begin(), host.end(),
                     [](char c) { return c == '.' || is_host_label_char(c); });
}

}  // namespace

link_allow_list::link_allow_list(const std::vector<std::string> &hosts) {
  for (const auto &entry : hosts) {
    std::string host = ascii_lower(entry);
    if (host.size() > 2 && host.compare(0, 2, "*.") == 0) {
      suffixes_.push_back(host.substr(1));
    } else if (!host.empty()) {
      exact_.push_back(std::move(host));
    }
  }
}

std::optional<std::string> link_allow_list::https_host(std::string_view url) {
  constexpr std::string_view scheme = "https://";
  if (url.size() > max_link_bytes || url.size() <= scheme.size() ||
      ascii_lower(url.substr(0, scheme.size())) != scheme ||
      !std::all_of(url.begin(), url.end(), is_url_char)) {
    return std::nullopt;
  }
  const std::string_view rest = url.substr(scheme.size());
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return std::nullopt;  // user info: a classic way to disguise the real host
  }
  std::string_view host = authority;
  if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    host = authority.substr(0, colon);
  }
  std::string result = ascii_lower(host);
  if (!result.empty() && result.back() == '.') {
    result.pop_back();  // "example.org." names the same host
  }
  if (!valid_host(result)) {
    return std::nullopt;
  }
  return result;
}

bool link_allow_list::allows(std::string_view url) const {
  const auto host = https_host(url);
  if (!host) {
    return false;
  }
  if (std::find(exact_.begin(), exact_.end(), *host) != exact_.end()) {
    return true;
  }
  return std::any_of(suffixes_.begin(), suffixes_.end(), [&](const std::string &suffix) {
    return host->size() > suffix.size() &&
           host->compare(host->size() - suffix.size(), suffix.size(), suffix) == 0;
  });
}

std::string describe_link_for_log(std::string_view url) {
  if (const auto host = link_allow_list::https_host(url)) {
    return "https://" + *host;
  }
  // Only the scheme-ish prefix, cleaned: enough to tell javascript: from http: in the log.
  std::string prefix;
  for (const char c : url.substr(0, std::min<std::size_t>(url.size(), 16))) {
    if (c == ':' || c == '/' || c == '?' || c == '#') {
      break;
    }
    // ASCII letters and digits only, whatever the host's C locale says.
    const char folded = ascii_lower(c);
    prefix += (folded >= 'a' && folded <= 'z') || (c >= '0' && c <= '9') ? c : '_';
  }
  return "a link starting \"" + prefix + "\" (" + std::to_string(url.size()) + " bytes)";
}

}  // namespace ssrlink::core
