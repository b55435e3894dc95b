#include "https_connection.hpp"

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace ssrlink::ets {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

}  // namespace

bool answer_allows_reuse(const http_answer &answer) {
  if (!answer.keep_alive) {
    return false;  // rule 1
  }
  if (!answer.complete) {
    return false;  // rule 2
  }
  const int kind = answer.status / 100;
  return kind == 2 || kind == 4;  // rule 3
}

std::size_t unread_bytes(https_connection &connection) {
  std::size_t unread = connection.buffer.size();
  SSL *ssl = connection.stream.native_handle();
  // Decrypted application data OpenSSL holds back, then records not yet decrypted: in its own
  // buffer (SSL_has_pending) or in the memory BIO Asio feeds it from. Asio's staging buffer in
  // front of that BIO is empty here: Asio reads from the socket only once OpenSSL has drained
  // the BIO, and what one read returns (at most 17 KiB) always fits into it (17 KiB).
  unread += static_cast<std::size_t>(std::max(SSL_pending(ssl), 0));
  if (unread == 0 && SSL_has_pending(ssl) == 1) {
    unread = 1;
  }
  if (BIO *in = SSL_get_rbio(ssl); in != nullptr) {
    unread += BIO_ctrl_pending(in);
  }
  boost::system::error_code ec;
  const std::size_t in_socket = beast::get_lowest_layer(connection.stream).socket().available(ec);
  if (!ec) {
    unread += in_socket;
  }
  return unread;
}

transport_error describe_error(const boost::system::error_code &ec, std::string_view step,
                               bool before_answer) {
  transport_error e;
  e.before_answer = before_answer;
  e.detail = std::string(step) + ": " + ec.message();
  if (ec == beast::error::timeout) {
    e.fault = core::ets_fault::timed_out;
  } else if (ec == http::error::body_limit) {
    e.fault = core::ets_fault::bad_response;
    e.retryable = false;
    e.detail = std::string(step) + ": answer larger than 4 MiB";
  } else if (ec == asio::ssl::error::stream_truncated || ec == http::error::end_of_stream ||
             ec == http::error::partial_message || ec == asio::error::eof ||
             ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
             ec == asio::error::connection_aborted) {
    // The peer went away: before an answer it is unreachable, during one the answer is unusable.
    e.fault = before_answer ? core::ets_fault::unreachable : core::ets_fault::bad_response;
  } else if (ec.category() == asio::error::get_ssl_category()) {
    e.fault = core::ets_fault::tls;
    e.retryable = false;
  } else if (ec.category() == http::make_error_code(http::error::bad_version).category()) {
    e.fault = core::ets_fault::bad_response;
    e.retryable = false;
  } else {
    e.fault = core::ets_fault::unreachable;
  }
  return e;
}

asio::awaitable<exchange_result> exchange(https_connection &connection,
                                          const std::string &host_header,
                                          const wire::request_spec &request, steady_time deadline) {
  http::request<http::string_body> req{request.post ? http::verb::post : http::verb::get,
                                       request.target, 11};
  req.set(http::field::host, host_header);
  req.set(http::field::user_agent, "ssrlink");
  for (const auto &[name, value] : request.headers) {
    req.set(name, value);
  }
  if (request.post) {
    req.body() = request.body;
  }
  req.prepare_payload();
  req.keep_alive(true);

  auto &tcp = beast::get_lowest_layer(connection.stream);
  tcp.expires_at(deadline);
  auto [write_ec, written] = co_await http::async_write(connection.stream, req, use_tuple);
  (void)written;
  if (write_ec) {
    co_return describe_error(write_ec, "send", true);
  }

  http::response_parser<http::string_body> parser;
  parser.body_limit(response_body_limit);
  auto [header_ec, header_bytes] =
      co_await http::async_read_header(connection.stream, connection.buffer, parser, use_tuple);
  (void)header_bytes;
  if (header_ec) {
    auto e = describe_error(header_ec, "read header",
                            header_ec != http::error::body_limit && !parser.is_header_done());
    if (parser.is_header_done()) {
      e.http_status = static_cast<int>(parser.get().result_int());
    }
    co_return e;
  }
  const int status = static_cast<int>(parser.get().result_int());
  auto [body_ec, body_bytes] =
      co_await http::async_read(connection.stream, connection.buffer, parser, use_tuple);
  (void)body_bytes;
  if (body_ec) {
    auto e = describe_error(body_ec, "read body", false);
    e.http_status = status;
    co_return e;
  }
  http_answer answer;
  answer.status = status;
  answer.keep_alive = parser.get().keep_alive();
  answer.complete = parser.is_done();
  if (const auto it = parser.get().find(std::string(wire::retry_after_header));
      it != parser.get().end()) {
    answer.retry_after = std::string(it->value());
  }
  if (request.keep_headers) {
    for (const auto &field : parser.get()) {
      answer.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
  }
  answer.body = std::move(parser.get().body());
  co_return answer;
}

}  // namespace ssrlink::ets
