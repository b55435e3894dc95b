#include "server.hpp"

#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "api_handler.hpp"
#include "fixture.hpp"
#include "listener.hpp"
#include "server_state.hpp"
#include "wire_profile.hpp"

namespace ssrlink::fake_ets {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;

void load_certificate(ssl::context &tls, const serve_options &options) {
  tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                  ssl::context::single_dh_use);
  if (SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION) != 1) {
    throw std::runtime_error("cannot require TLS 1.2");
  }
  boost::system::error_code ec;
  tls.use_certificate_chain_file(options.cert, ec);
  if (ec) {
    throw std::runtime_error(options.cert + ": cannot load the certificate: " + ec.message());
  }
  tls.use_private_key_file(options.key, ssl::context::pem, ec);
  if (ec) {
    throw std::runtime_error(options.key + ": cannot load the private key: " + ec.message());
  }
}

net::ip::tcp::acceptor open_acceptor(net::io_context &io, const serve_options &options) {
  boost::system::error_code ec;
  // A name such as "localhost" is resolved once, at start-up, and the first address is used;
  // links keep the name, so hostname-verification tests can use a name-only certificate.
  net::ip::tcp::resolver resolver(io);
  const auto results = resolver.resolve(options.host, std::to_string(options.port),
                                        net::ip::resolver_base::numeric_service, ec);
  if (ec || results.empty()) {
    throw std::runtime_error("cannot resolve --host '" + options.host + "'");
  }
  const net::ip::tcp::endpoint endpoint = results.begin()->endpoint();
  // On a strand: the accept loop and the stop on SIGTERM may run on different threads.
  net::ip::tcp::acceptor acceptor(net::make_strand(io));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) {
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(net::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    throw std::runtime_error("cannot listen on " + options.host + ":" +
                             std::to_string(options.port) + ": " + ec.message());
  }
  return acceptor;
}

// Written to a temporary name and renamed, so a test polling for the file never reads it empty.
void write_port_file(const std::string &path, unsigned short port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << '\n';
    if (!out) {
      throw std::runtime_error(path + ": cannot write the port file");
    }
  }
  std::filesystem::rename(temporary, path);
}

std::string origin_of(const std::string &host, unsigned short port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "https://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

int run_server(const serve_options &options) {
  ssl::context tls(ssl::context::tls_server);
  load_certificate(tls, options);
  server_state state(load_fixture(options.fixture),
                     server_settings{options.link_ttl, options.latency});
  // Read before listening, so a bad profile stops fake-ets before a test can reach it.
  const wire_profile profile =
      options.wire_profile ? load_wire_profile(*options.wire_profile) : default_wire_profile();

  net::io_context io(static_cast<int>(options.threads));
  net::ip::tcp::acceptor acceptor = open_acceptor(io, options);
  const unsigned short port = acceptor.local_endpoint().port();
  const std::string origin = origin_of(options.host, port);
  api_handler handler(state, profile, origin);
  auto accepting = std::make_shared<listener>(io, std::move(acceptor), tls, handler, state);
  accepting->start();

  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code &, int) {
    accepting->stop();
    io.stop();
  });

  if (options.port_file) {
    write_port_file(*options.port_file, port);
  }
  std::cout << "fake-ets listening on " << origin << "/api/v1" << std::endl;

  std::vector<std::jthread> workers;
  for (unsigned i = 1; i < options.threads; ++i) {
    workers.emplace_back([&io] { io.run(); });
  }
  io.run();
  workers.clear();  // joins
  return 0;
}

}  // namespace ssrlink::fake_ets
