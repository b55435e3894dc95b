// Accepts TCP connections on an already-bound acceptor and starts one http_session per
// connection, each on its own strand. Counts accepted connections (for keep-alive tests).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "api_handler.hpp"
#include "server_state.hpp"

namespace ssrlink::fake_ets {

class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(boost::asio::io_context &io, boost::asio::ip::tcp::acceptor acceptor,
           boost::asio::ssl::context &tls, api_handler &handler, server_state &state);

  void start();
  // Stops accepting; existing sessions end when the io_context stops.
  void stop();

 private:
  void accept_next();

  boost::asio::io_context &io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::ssl::context &tls_;
  api_handler &handler_;
  server_state &state_;
};

}  // namespace ssrlink::fake_ets
