// One TLS connection to ETS and one request/response exchange on it, asynchronous with
// deadlines (Beast's tcp_stream timeouts): Beast's blocking calls have no timeout, so none is used.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/model/ets_outcome.hpp"
#include "wire.hpp"

namespace ssrlink::ets {

using steady_time = std::chrono::steady_clock::time_point;

// The largest answer we read; more is not a report list (docs/ets-protocol.md: a few kB).
inline constexpr std::uint64_t response_body_limit = std::uint64_t{4} * 1024 * 1024;

struct https_connection {
  https_connection(boost::asio::any_io_executor ex, boost::asio::ssl::context &ctx)
      : stream(ex, ctx) {}

  boost::asio::ssl::stream<boost::beast::tcp_stream> stream;
  boost::beast::flat_buffer buffer;
  bool reused = false;  // came from the pool's idle list, so the server may have closed it
  steady_time idle_since{};
};

// Something went wrong below HTTP: no usable answer.
struct transport_error {
  core::ets_fault fault = core::ets_fault::unreachable;
  std::string detail;         // for the log; never a token or a query string
  bool before_answer = true;  // nothing of a response arrived (a stale keep-alive looks so)
  int http_status = 0;        // when a header arrived before the failure
  bool retryable = true;      // false for TLS failures and answers too large or unparsable
};

struct http_answer {
  int status = 0;
  std::string body;
  std::optional<std::string> retry_after;
  bool keep_alive = false;  // the server did not say "Connection: close"
  bool complete = false;    // the parser read the whole message, body included
  // Every header as received, only when the request asked (request_spec::keep_headers): the
  // probe shows them; ordinary calls do not pay for the copies.
  std::vector<std::pair<std::string, std::string>> headers;
};

// Whether the connection an answer came on may carry another request, as far as the answer
// itself tells. Rules (in this order):
//  1. The server must keep the connection open (HTTP/1.1 keep-alive, no "Connection: close").
//  2. The message must have been read completely; otherwise the rest of it would be read as
//     the next answer.
//  3. The status must be 2xx or 4xx: ordinary answers. After 1xx, 3xx or 5xx we do not trust
//     the server's framing (a failing gateway, a redirect we never follow) and start afresh.
// The caller also requires unread_bytes() == 0: see there.
bool answer_allows_reuse(const http_answer &answer);

// Bytes that arrived on the connection and were not consumed by an answer: left in the read
// buffer, decrypted or still encrypted inside the TLS layer, or waiting in the socket. A server
// sends nothing unasked, so any such byte is trailing garbage or an answer planted for the next
// request, and the connection must be closed instead of reused.
std::size_t unread_bytes(https_connection &connection);

using exchange_result = std::variant<http_answer, transport_error>;

// Maps a Boost/OpenSSL error of a step ("connect", "handshake", "read", ...) to a fault.
transport_error describe_error(const boost::system::error_code &ec, std::string_view step,
                               bool before_answer);

// Sends `request` (Host, User-Agent and Content-Length added here) and reads the answer, all
// before `deadline`. The body is capped at response_body_limit.
boost::asio::awaitable<exchange_result> exchange(https_connection &connection,
                                                 const std::string &host_header,
                                                 const wire::request_spec &request,
                                                 steady_time deadline);

}  // namespace ssrlink::ets
