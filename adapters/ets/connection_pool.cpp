#include "connection_pool.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ssrlink::ets {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
// DNS answers are reused for a while so a slow resolver costs one call, not every call.
constexpr std::chrono::minutes resolve_ttl{5};

transport_error timed_out(std::string detail) {
  return transport_error{core::ets_fault::timed_out, std::move(detail), true, 0, true};
}

void close_quietly(https_connection &c) {
  boost::system::error_code ignored;
  beast::get_lowest_layer(c.stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(c.stream).close();
}

// SNI for DNS names (RFC 6066 forbids IP literals there). The OpenSSL macro uses a C cast.
bool set_sni(https_connection &c, const std::string &host) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
  return SSL_set_tlsext_host_name(c.stream.native_handle(), host.c_str()) == 1;
#pragma GCC diagnostic pop
}

}  // namespace

connection_pool::connection_pool(asio::io_context &io, asio::ssl::context &tls, endpoint where,
                                 pool_limits limits)
    : io_(io), tls_(tls), where_(std::move(where)), limits_(limits) {
  if (limits_.max_connections == 0) {
    limits_.max_connections = 1;
  }
}

asio::awaitable<acquire_result> connection_pool::acquire(steady_time deadline, bool fresh) {
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    while (!idle_.empty()) {
      connection_ptr c = std::move(idle_.back());
      idle_.pop_back();
      // Bytes that came while it sat idle were sent unasked: stale, or planted for the next
      // request to read as its answer.
      if (!fresh && now - c->idle_since < limits_.max_idle && unread_bytes(*c) == 0) {
        c->reused = true;
        co_return c;
      }
      // Too old to trust, holding unread bytes, or the caller wants a new one: close it to make
      // room.
      close_quietly(*c);
      --open_;
    }
    if (open_ < limits_.max_connections) {
      ++open_;
      acquire_result r = co_await open(deadline);
      if (std::holds_alternative<transport_error>(r)) {
        --open_;
        wake_one();
      }
      co_return r;
    }
    if (now >= deadline) {
      co_return timed_out("waiting for a free connection");
    }
    auto timer = std::make_shared<asio::steady_timer>(io_, deadline);
    waiters_.push_back(timer);
    co_await timer->async_wait(use_tuple);
    std::erase(waiters_, timer);
  }
}

void connection_pool::release(connection_ptr connection, bool reusable) {
  if (reusable) {
    connection->idle_since = std::chrono::steady_clock::now();
    connection->reused = false;
    idle_.push_back(std::move(connection));
  } else {
    close_quietly(*connection);
    --open_;
  }
  wake_one();
}

void connection_pool::wake_one() {
  if (!waiters_.empty()) {
    auto timer = waiters_.front();
    waiters_.pop_front();
    timer->cancel();
  }
}

asio::awaitable<acquire_result> connection_pool::open(steady_time deadline) {
  using namespace asio::experimental::awaitable_operators;
  const auto now = std::chrono::steady_clock::now();
  if (!resolved_ || now - resolved_at_ > resolve_ttl) {
    // The resolver has no timeout of its own: race it against the deadline.
    tcp::resolver resolver(io_);
    asio::steady_timer timer(io_, deadline);
    auto winner = co_await (resolver.async_resolve(where_.host, where_.port, use_tuple) ||
                            timer.async_wait(use_tuple));
    if (winner.index() == 1) {
      co_return timed_out("resolve " + where_.host + ": deadline passed");
    }
    auto [ec, results] = std::get<0>(winner);
    if (ec) {
      co_return transport_error{core::ets_fault::unreachable,
                                "resolve " + where_.host + ": " + ec.message(), true, 0, true};
    }
    resolved_ = results;
    resolved_at_ = std::chrono::steady_clock::now();
  }

  auto c = std::make_unique<https_connection>(io_.get_executor(), tls_);
  if (!where_.host_is_ip && !set_sni(*c, where_.host)) {
    co_return transport_error{core::ets_fault::tls, "cannot set SNI host name", true, 0, false};
  }
  // Chain verification comes from the context; this adds the host name (or IP) check.
  c->stream.set_verify_callback(asio::ssl::host_name_verification(where_.host));

  auto &tcp_stream = beast::get_lowest_layer(c->stream);
  tcp_stream.expires_at(
      std::min(deadline, std::chrono::steady_clock::now() + limits_.connect_timeout));
  auto [connect_ec, connected] = co_await tcp_stream.async_connect(*resolved_, use_tuple);
  (void)connected;
  if (connect_ec) {
    auto e = describe_error(connect_ec, "connect to " + where_.host_header, true);
    if (e.fault != core::ets_fault::timed_out) {
      e.fault = core::ets_fault::unreachable;
      resolved_.reset();  // the address may have moved
    }
    co_return e;
  }
  tcp_stream.socket().set_option(tcp::no_delay(true));

  tcp_stream.expires_at(
      std::min(deadline, std::chrono::steady_clock::now() + limits_.handshake_timeout));
  auto [hs_ec] = co_await c->stream.async_handshake(asio::ssl::stream_base::client, use_tuple);
  if (hs_ec) {
    auto e = describe_error(hs_ec, "TLS handshake with " + where_.host_header, true);
    const long verify = SSL_get_verify_result(c->stream.native_handle());
    if (verify != X509_V_OK) {
      e.fault = core::ets_fault::tls;
      e.retryable = false;
      e.detail += std::string(" (certificate: ") + X509_verify_cert_error_string(verify) + ")";
    } else if (e.fault == core::ets_fault::bad_response) {
      e.fault = core::ets_fault::tls;
      e.retryable = false;
    }
    co_return e;
  }
  co_return c;
}

}  // namespace ssrlink::ets
