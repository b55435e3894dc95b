#include "http_session.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <exception>
#include <sstream>

namespace ssrlink::fake_ets {
namespace {

using namespace std::chrono_literals;

// Generous limits: the server must outlast clients that are slow on purpose, but an abandoned
// connection must not live for ever.
constexpr auto handshake_timeout = 30s;
constexpr auto idle_timeout = 120s;
constexpr auto write_timeout = 120s;
constexpr std::uint64_t request_body_limit = std::uint64_t{1024} * 1024;

}  // namespace

http_session::http_session(net::ip::tcp::socket socket, net::ssl::context &tls,
                           api_handler &handler)
    : stream_(std::move(socket), tls), delay_timer_(stream_.get_executor()), handler_(handler) {}

void http_session::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    beast::get_lowest_layer(self->stream_).expires_after(handshake_timeout);
    self->stream_.async_handshake(net::ssl::stream_base::server,
                                  [self](beast::error_code ec) { self->on_handshake(ec); });
  });
}

void http_session::on_handshake(beast::error_code ec) {
  if (ec) {
    return;  // a client that rejected our certificate, or went away: nothing to do
  }
  read_request();
}

void http_session::read_request() {
  parser_.emplace();
  parser_->body_limit(request_body_limit);
  beast::get_lowest_layer(stream_).expires_after(idle_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                     self->on_read(ec, bytes);
                   });
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) {
    return close_gracefully();
  }
  if (ec) {
    return;  // timeout, reset or garbage: drop the connection
  }
  const request req = parser_->release();
  try {
    pending_ = handler_.handle(req);
  } catch (const std::exception &e) {
    // A bug in the fake must show up as a visible 500, never take the whole server down.
    pending_ = reply{};
    pending_.message = response{http::status::internal_server_error, 11};
    pending_.message.set(http::field::content_type, "text/plain");
    pending_.message.body() = std::string("fake-ets internal error: ") + e.what();
  }
  pending_.message.version(11);
  pending_.message.keep_alive(req.keep_alive());
  pending_.message.set(http::field::server, "fake-ets");
  pending_.message.prepare_payload();
  if (pending_.delay.count() <= 0) {
    return deliver();
  }
  // Latency without blocking a thread: 64 clients × 50 ms must not need 64 threads.
  beast::get_lowest_layer(stream_).expires_never();
  delay_timer_.expires_after(pending_.delay);
  delay_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
    if (!wait_ec) {
      self->deliver();
    }
  });
}

void http_session::deliver() {
  switch (pending_.how) {
    case delivery::complete: {
      const bool keep_alive = pending_.message.keep_alive();
      if (!pending_.trailing.empty()) {
        return write_with_trailing(keep_alive);
      }
      beast::get_lowest_layer(stream_).expires_after(write_timeout);
      http::async_write(
          stream_, pending_.message,
          [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t bytes) {
            self->on_write(keep_alive, ec, bytes);
          });
      return;
    }
    case delivery::reset:
      return reset_connection();
    case delivery::truncate_and_close:
      return write_truncated(false);
    case delivery::truncate_and_stall:
      return write_truncated(true);
  }
}

void http_session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) {
    return;
  }
  pending_ = reply{};  // free a large body before waiting for the next request
  wire_ = std::string{};
  if (!keep_alive) {
    return close_gracefully();
  }
  read_request();
}

void http_session::write_with_trailing(bool keep_alive) {
  std::ostringstream serialised;
  serialised << pending_.message;
  wire_ = serialised.str();
  if (pending_.trailing_delay.count() <= 0) {
    // One write, so the extra bytes travel with the answer and are already there when the
    // client finishes reading it.
    wire_ += pending_.trailing;
    beast::get_lowest_layer(stream_).expires_after(write_timeout);
    net::async_write(
        stream_, net::buffer(wire_),
        [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t bytes) {
          self->trailing_sent(ec);
          self->on_write(keep_alive, ec, bytes);
        });
    return;
  }
  // The answer alone, then the extra bytes later, unasked, while the client holds the
  // connection idle for its next request.
  beast::get_lowest_layer(stream_).expires_after(write_timeout);
  net::async_write(stream_, net::buffer(wire_),
                   [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                     if (ec) {
                       return;
                     }
                     beast::get_lowest_layer(self->stream_).expires_never();
                     self->delay_timer_.expires_after(self->pending_.trailing_delay);
                     self->delay_timer_.async_wait([self, keep_alive](beast::error_code wait_ec) {
                       if (wait_ec) {
                         return;
                       }
                       self->wire_ = self->pending_.trailing;
                       beast::get_lowest_layer(self->stream_).expires_after(write_timeout);
                       net::async_write(
                           self->stream_, net::buffer(self->wire_),
                           [self, keep_alive](beast::error_code write_ec, std::size_t bytes) {
                             self->trailing_sent(write_ec);
                             self->on_write(keep_alive, write_ec, bytes);
                           });
                     });
                   });
}

void http_session::trailing_sent(beast::error_code ec) {
  if (!ec && pending_.trailing_written) {
    pending_.trailing_written();
  }
}

void http_session::write_truncated(bool then_stall) {
  std::ostringstream serialised;
  serialised << pending_.message;  // headers carry the full Content-Length
  wire_ = serialised.str();
  const std::size_t header_end = wire_.find("\r\n\r\n");
  const std::size_t headers = header_end == std::string::npos ? wire_.size() : header_end + 4;
  const std::size_t body = wire_.size() - headers;
  const std::size_t send = headers + (body > 1 ? body / 2 : 0);
  beast::get_lowest_layer(stream_).expires_after(write_timeout);
  net::async_write(stream_, net::buffer(wire_.data(), send),
                   [self = shared_from_this(), then_stall](beast::error_code ec, std::size_t) {
                     if (ec) {
                       return;
                     }
                     if (then_stall) {
                       self->wait_for_peer_to_leave();
                     } else {
                       // Close the TCP connection under TLS: the client sees a truncated body.
                       beast::error_code ignored;
                       beast::get_lowest_layer(self->stream_)
                           .socket()
                           .shutdown(net::ip::tcp::socket::shutdown_both, ignored);
                       beast::get_lowest_layer(self->stream_).close();
                     }
                   });
}

void http_session::wait_for_peer_to_leave() {
  // Send nothing more; keep reading (and discarding) until the client closes or resets.
  beast::get_lowest_layer(stream_).expires_never();
  stream_.async_read_some(net::buffer(drain_),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (!ec) {
                              self->wait_for_peer_to_leave();
                            }
                          });
}

void http_session::reset_connection() {
  auto &socket = beast::get_lowest_layer(stream_).socket();
  beast::error_code ignored;
  // Linger 0 makes close() send RST instead of FIN: a reset, not a polite goodbye.
  socket.set_option(net::socket_base::linger(true, 0), ignored);
  beast::get_lowest_layer(stream_).close();
}

void http_session::close_gracefully() {
  beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
  stream_.async_shutdown([self = shared_from_this()](beast::error_code) {
    beast::get_lowest_layer(self->stream_).close();
  });
}

}  // namespace ssrlink::fake_ets
