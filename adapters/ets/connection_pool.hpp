// A bounded pool of keep-alive TLS connections to the one ETS host. Used only from handlers of
// the client's io_context, which one thread at a time runs (io_driver.hpp), so it needs no lock;
// host threads reach it through the io_context. Opening a connection (resolve, connect, TLS
// handshake with chain and host name verification) happens here, each step under its own deadline.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <memory>
#include <variant>
#include <vector>

#include "endpoint.hpp"
#include "https_connection.hpp"

namespace ssrlink::ets {

struct pool_limits {
  unsigned max_connections = 16;                      // idle + busy + opening
  std::chrono::milliseconds connect_timeout{3000};    // TCP connect, within the call's deadline
  std::chrono::milliseconds handshake_timeout{5000};  // TLS handshake, likewise
  std::chrono::seconds max_idle{30};                  // older idle connections are not reused
};

using connection_ptr = std::unique_ptr<https_connection>;
using acquire_result = std::variant<connection_ptr, transport_error>;

class connection_pool {
 public:
  connection_pool(boost::asio::io_context &io, boost::asio::ssl::context &tls, endpoint where,
                  pool_limits limits);
  connection_pool(const connection_pool &) = delete;
  connection_pool &operator=(const connection_pool &) = delete;

  // An idle connection (marked `reused`) or a newly opened one, waiting for a free slot if the
  // pool is full; a transport_error if that cannot happen before `deadline`. `fresh` skips
  // idle connections (the retry after a stale one). An idle connection with unread bytes
  // (see unread_bytes) is closed, never handed out.
  boost::asio::awaitable<acquire_result> acquire(steady_time deadline, bool fresh = false);

  // Returns a connection after an exchange: kept for reuse when `reusable`, closed otherwise.
  // The caller decides with answer_allows_reuse and unread_bytes.
  void release(connection_ptr connection, bool reusable);

  const endpoint &where() const { return where_; }
  unsigned open_connections() const { return open_; }

 private:
  boost::asio::awaitable<acquire_result> open(steady_time deadline);
  void wake_one();

  boost::asio::io_context &io_;
  boost::asio::ssl::context &tls_;
  endpoint where_;
  pool_limits limits_;
  unsigned open_ = 0;  // connections counted against max_connections
  std::vector<connection_ptr> idle_;
  std::deque<std::shared_ptr<boost::asio::steady_timer>> waiters_;
  std::optional<boost::asio::ip::tcp::resolver::results_type> resolved_;
  steady_time resolved_at_{};
};

}  // namespace ssrlink::ets
