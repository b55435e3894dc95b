// How socket, TLS and HTTP errors become faults, and which of them are worth a retry.
#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include "ets/https_connection.hpp"

namespace ssrlink::ets {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using core::ets_fault;

TEST(describe_error, timeouts) {
  const auto e = describe_error(boost::beast::error::timeout, "read header", true);
  EXPECT_EQ(e.fault, ets_fault::timed_out);
  EXPECT_TRUE(e.retryable);
  EXPECT_EQ(e.detail.rfind("read header: ", 0), 0u);
}

TEST(describe_error, refused_and_reset_before_an_answer_are_unreachable) {
  for (const auto ec :
       {make_error_code(asio::error::connection_refused),
        make_error_code(asio::error::connection_reset), make_error_code(asio::error::eof)}) {
    const auto e = describe_error(ec, "connect", true);
    EXPECT_EQ(e.fault, ets_fault::unreachable) << ec.message();
    EXPECT_TRUE(e.retryable);
    EXPECT_TRUE(e.before_answer);
  }
}

TEST(describe_error, an_answer_cut_short_is_a_bad_response_worth_a_retry) {
  for (const auto ec : {make_error_code(asio::error::connection_reset),
                        make_error_code(http::error::partial_message),
                        make_error_code(asio::ssl::error::stream_truncated)}) {
    const auto e = describe_error(ec, "read body", false);
    EXPECT_EQ(e.fault, ets_fault::bad_response) << ec.message();
    EXPECT_TRUE(e.retryable);
    EXPECT_FALSE(e.before_answer);
  }
}

TEST(describe_error, oversized_and_unparsable_answers_are_not_retried) {
  const auto big = describe_error(http::error::body_limit, "read header", false);
  EXPECT_EQ(big.fault, ets_fault::bad_response);
  EXPECT_FALSE(big.retryable);
  EXPECT_NE(big.detail.find("4 MiB"), std::string::npos);
  const auto garbage = describe_error(http::error::bad_version, "read header", true);
  EXPECT_EQ(garbage.fault, ets_fault::bad_response);
  EXPECT_FALSE(garbage.retryable);
}

TEST(describe_error, tls_failures_are_not_retried) {
  // Any OpenSSL error code, e.g. a failed certificate verification, arrives in this category.
  const boost::system::error_code ec(1, asio::error::get_ssl_category());
  const auto e = describe_error(ec, "TLS handshake", true);
  EXPECT_EQ(e.fault, ets_fault::tls);
  EXPECT_FALSE(e.retryable);
}

}  // namespace
}  // namespace ssrlink::ets
