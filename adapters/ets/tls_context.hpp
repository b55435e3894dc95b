// The client's TLS configuration: TLS 1.2 or later, peer verification always on, trust from
// ets.ca_file or the system store. There is deliberately no switch to turn verification off.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <optional>
#include <string>

namespace ssrlink::ets {

// Throws core::failure(status::config) when ca_file cannot be read or holds no certificate.
boost::asio::ssl::context make_tls_context(const std::optional<std::string> &ca_file);

}  // namespace ssrlink::ets
