#include "tls_context.hpp"

#include <openssl/ssl.h>

#include "core/error.hpp"

namespace ssrlink::ets {

boost::asio::ssl::context make_tls_context(const std::optional<std::string> &ca_file) {
  namespace ssl = boost::asio::ssl;
  ssl::context ctx(ssl::context::tls_client);
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                  ssl::context::no_compression);
  if (SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION) != 1) {
    throw core::failure(core::status::internal, "TLS 1.2 is not available");
  }
  ctx.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  boost::system::error_code ec;
  if (ca_file) {
    ctx.load_verify_file(*ca_file, ec);
    if (ec) {
      throw core::failure(core::status::config,
                          "ets.ca_file cannot be read as PEM certificates: " + *ca_file,
                          ec.message());
    }
  } else {
    ctx.set_default_verify_paths(ec);
    if (ec) {
      throw core::failure(core::status::config, "the system trust store cannot be loaded",
                          ec.message());
    }
  }
  return ctx;
}

}  // namespace ssrlink::ets
