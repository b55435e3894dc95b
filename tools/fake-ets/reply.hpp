// What the request handler decides and the HTTP session carries out: a response, how to deliver
// it (completely, or broken in one of the injected ways) and how long to wait first.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <functional>
#include <string>

namespace ssrlink::fake_ets {

namespace http = boost::beast::http;

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

enum class delivery {
  complete,            // write the whole response; keep the connection if the client wants
  reset,               // answer nothing, close the TCP connection with RST
  truncate_and_close,  // headers + half the body, then close (no TLS close_notify)
  truncate_and_stall,  // headers + part of the body, then wait until the client goes away
};

// The implicit moves of a Beast message do not throw; clang-tidy cannot see through Beast's
// allocator-aware fields to tell (bugprone-exception-escape).
struct reply {  // NOLINT(bugprone-exception-escape)
  response message;
  delivery how = delivery::complete;
  std::chrono::milliseconds delay{0};
  // `complete` only: raw bytes written right after the message, in the same write, on a
  // connection that then stays open (trailing garbage, or an answer planted for the next
  // request).
  std::string trailing;
  std::chrono::milliseconds trailing_delay{0};  // > 0: `trailing` in a later write, unasked
  std::function<void()> trailing_written;       // called once `trailing` is on the wire
};

}  // namespace ssrlink::fake_ets
