// One accepted TLS connection: handshake, then HTTP/1.1 requests in a keep-alive loop, each
// answered by api_handler and delivered completely or broken as the reply says. All work runs on
// the connection's strand, so one session never races with itself; many sessions run in
// parallel on the io_context threads.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <memory>
#include <optional>
#include <string>

#include "api_handler.hpp"
#include "reply.hpp"

namespace ssrlink::fake_ets {

namespace net = boost::asio;
namespace beast = boost::beast;

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  // The socket must come from a strand (the listener accepts on net::make_strand).
  http_session(net::ip::tcp::socket socket, net::ssl::context &tls, api_handler &handler);

  void start();

 private:
  void on_handshake(beast::error_code ec);
  void read_request();
  void on_read(beast::error_code ec, std::size_t bytes);
  void deliver();
  void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
  void write_with_trailing(bool keep_alive);
  void trailing_sent(beast::error_code ec);
  void write_truncated(bool then_stall);
  void wait_for_peer_to_leave();
  void reset_connection();
  void close_gracefully();

  beast::ssl_stream<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  net::steady_timer delay_timer_;
  api_handler &handler_;
  reply pending_;
  std::string wire_;               // a serialised response for the truncating and trailing ones
  std::array<char, 512> drain_{};  // where a stalled session reads whatever the client sends
};

}  // namespace ssrlink::fake_ets
