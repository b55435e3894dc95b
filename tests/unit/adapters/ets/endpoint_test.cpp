// base_url parsing.
#include "ets/endpoint.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ssrlink::ets {
namespace {

TEST(parse_base_url, production_url) {
  const auto ep = parse_base_url("https://caaspp-aws.ets.org/api/v1");
  EXPECT_EQ(ep.host, "caaspp-aws.ets.org");
  EXPECT_EQ(ep.port, "443");
  EXPECT_EQ(ep.host_header, "caaspp-aws.ets.org");
  EXPECT_EQ(ep.base_path, "/api/v1");
  EXPECT_FALSE(ep.host_is_ip);
}

TEST(parse_base_url, ip_and_port_and_trailing_slash) {
  const auto ep = parse_base_url("https://127.0.0.1:8443/api/v1/");
  EXPECT_EQ(ep.host, "127.0.0.1");
  EXPECT_EQ(ep.port, "8443");
  EXPECT_EQ(ep.host_header, "127.0.0.1:8443");
  EXPECT_EQ(ep.base_path, "/api/v1");
  EXPECT_TRUE(ep.host_is_ip);
}

TEST(parse_base_url, ipv6_literal) {
  const auto ep = parse_base_url("https://[::1]:9000");
  EXPECT_EQ(ep.host, "::1");
  EXPECT_EQ(ep.host_header, "[::1]:9000");
  EXPECT_EQ(ep.base_path, "");
  EXPECT_TRUE(ep.host_is_ip);
}

TEST(parse_base_url, refuses_anything_but_plain_https) {
  for (const char *url : {"http://caaspp-aws.ets.org/api/v1", "caaspp-aws.ets.org/api/v1", "",
                          "https://user:pw@host/api", "https://host/api?x=1", "https://host/api#f",
                          "https:///api", "https://host:0/api", "ftp://host"}) {
    try {
      parse_base_url(url);
      ADD_FAILURE() << "accepted " << url;
    } catch (const core::failure &f) {
      EXPECT_EQ(f.code(), core::status::config) << url;
      EXPECT_NE(std::string(f.what()).find("ets.base_url"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace ssrlink::ets
