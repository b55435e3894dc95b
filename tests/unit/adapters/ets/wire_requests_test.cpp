// The requests the wire module builds.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "ets/wire.hpp"

namespace ssrlink::ets::wire {
namespace {

std::string header(const request_spec &spec, const std::string &name) {
  for (const auto &[n, v] : spec.headers) {
    if (n == name) {
      return v;
    }
  }
  return "<absent>";
}

TEST(token_request, posts_json_credentials_to_the_token_path) {
  const core::ets_credentials c{"district", "user \"quoted\"", "s3cret\\key", "set-1"};
  const auto spec = token_request(default_profile(), "/api/v1", c);
  EXPECT_TRUE(spec.post);
  EXPECT_EQ(spec.target, "/api/v1/token");
  EXPECT_EQ(header(spec, "Content-Type"), "application/json");
  const auto body = boost::json::parse(spec.body).as_object();
  EXPECT_EQ(body.at("username").as_string(), "user \"quoted\"");
  EXPECT_EQ(body.at("secretKey").as_string(), "s3cret\\key");
  EXPECT_EQ(body.size(), 2u);
}

TEST(reports_request, gets_one_ssid_with_a_bearer_token) {
  const auto spec = reports_request(default_profile(), "/api/v1", "1234567890", "tok");
  EXPECT_FALSE(spec.post);
  EXPECT_EQ(spec.target, "/api/v1/scorereports?ssid=1234567890");
  EXPECT_EQ(header(spec, "Authorization"), "Bearer tok");
  EXPECT_EQ(header(spec, "Accept"), "application/json");
  EXPECT_TRUE(spec.body.empty());
}

TEST(reports_request, percent_encodes_anything_odd_in_the_ssid) {
  const auto spec = reports_request(default_profile(), "", "12&x=1 #\n", "t");
  EXPECT_EQ(spec.target, "/scorereports?ssid=12%26x%3D1%20%23%0A");
}

TEST(loggable_target, drops_the_query) {
  EXPECT_EQ(loggable_target("/api/v1/scorereports?ssid=1"), "/api/v1/scorereports");
  EXPECT_EQ(loggable_target("/api/v1/token"), "/api/v1/token");
}

}  // namespace
}  // namespace ssrlink::ets::wire
