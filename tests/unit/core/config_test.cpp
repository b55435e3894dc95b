#include "core/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"

namespace ssrlink::core {
namespace {

using ::testing::HasSubstr;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ssrlink-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "ca.pem") << "not checked here\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A valid configuration with `ets_extra` spliced into the "ets" object.
  std::string config(const std::string &ets_extra = "", const std::string &top_extra = "") const {
    return R"({"odbc": "DSN=district", "seal_key_file": ")" + (dir_ / "seal.key").string() +
           R"(", )" + top_extra + R"("ets": {"base_url": "https://caaspp-aws.ets.org/api/v1/", )" +
           R"("link_hosts": ["caaspp-aws.ets.org", "*.s3.amazonaws.com"])" + ets_extra + "}}";
  }

  failure rejected(const std::string &json) const {
    try {
      parse_config(json);
    } catch (const failure &error) {
      return error;
    }
    ADD_FAILURE() << "accepted: " << json;
    return failure(status::ok, "");
  }

  std::filesystem::path dir_;
};

TEST_F(ConfigTest, AcceptsTheContractExampleWithDefaults) {
  const auto parsed = parse_config(config());
  EXPECT_EQ(parsed.odbc, "DSN=district");
  EXPECT_EQ(parsed.ets.base_url, "https://caaspp-aws.ets.org/api/v1");  // trailing slash dropped
  // The wire names come from the built-in wire profile unless the configuration overrides them.
  EXPECT_FALSE(parsed.ets.token_path.has_value());
  EXPECT_FALSE(parsed.ets.reports_path.has_value());
  EXPECT_FALSE(parsed.ets.wire_profile.has_value());
  EXPECT_FALSE(parsed.ets.ca_file.has_value());
  EXPECT_EQ(parsed.ets.timeout, std::chrono::milliseconds(10000));
  EXPECT_EQ(parsed.ets.link_hosts.size(), 2u);
}

TEST_F(ConfigTest, ReadsOptionalSettings) {
  const auto parsed = parse_config(
      config(R"(, "ca_file": ")" + (dir_ / "ca.pem").string() +
                 R"(", "timeout_ms": 2500, "token_path": "/auth", "max_connections": 4)" +
                 R"(, "wire_profile": ")" + (dir_ / "ca.pem").string() + "\"",
             R"("db_pool_size": 3, )"));
  EXPECT_EQ(parsed.ets.ca_file, (dir_ / "ca.pem").string());
  // Only that the file exists is checked here; what a profile holds is the ETS adapter's.
  EXPECT_EQ(parsed.ets.wire_profile, (dir_ / "ca.pem").string());
  EXPECT_EQ(parsed.ets.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(parsed.ets.token_path, "/auth");
  EXPECT_EQ(parsed.ets.max_connections, 4u);
  EXPECT_EQ(parsed.db_pool_size, 3u);
}

TEST_F(ConfigTest, UnknownKeysAreNamed) {
  EXPECT_THAT(rejected(config("", R"("odbc_dsn": "x", )")).what(), HasSubstr("\"odbc_dsn\""));
  const auto error = rejected(config(R"(, "verify_tls": false)"));
  EXPECT_EQ(error.code(), status::config);
  EXPECT_THAT(error.what(), HasSubstr("\"ets.verify_tls\""));
}

TEST_F(ConfigTest, BadValuesAreNamed) {
  EXPECT_THAT(rejected(config(R"(, "timeout_ms": "fast")")).what(),
              HasSubstr("\"ets.timeout_ms\" must be a whole number"));
  EXPECT_THAT(rejected(config(R"(, "timeout_ms": 5)")).what(), HasSubstr("between"));
  EXPECT_THAT(rejected(config(R"(, "ca_file": "/nonexistent/ca.pem")")).what(),
              HasSubstr("/nonexistent/ca.pem"));
  EXPECT_THAT(rejected(config(R"(, "token_path": "token")")).what(),
              HasSubstr("\"ets.token_path\""));
  EXPECT_THAT(rejected(config(R"(, "wire_profile": "/nonexistent/ets-profile.json")")).what(),
              HasSubstr("\"ets.wire_profile\" names \"/nonexistent/ets-profile.json\""));
  EXPECT_THAT(rejected(R"({"odbc": "", "seal_key_file": "x", "ets": {}})").what(),
              HasSubstr("\"odbc\""));
  EXPECT_THAT(rejected(R"({"odbc": "DSN=x", "seal_key_file": "/nonexistent/dir/seal.key",)"
                       R"( "ets": {}})")
                  .what(),
              HasSubstr("directory does not exist"));
}

TEST_F(ConfigTest, OnlyHttpsBaseUrlsAndRealHostNames) {
  for (const char *url : {"http://caaspp-aws.ets.org/api/v1", "https://user:pw@ets.org/api",
                          "https://ets.org/api?x=1", "ets.org/api", "javascript:alert(1)"}) {
    const std::string json = R"({"odbc": "DSN=x", "seal_key_file": ")" + (dir_ / "k").string() +
                             R"(", "ets": {"base_url": ")" + url +
                             R"(", "link_hosts": ["a.org"]}})";
    EXPECT_THAT(rejected(json).what(), HasSubstr("\"ets.base_url\"")) << url;
  }
  EXPECT_THAT(
      rejected(config().replace(config().find("\"caaspp-aws.ets.org\""), 20, "\"<script>\""))
          .what(),
      HasSubstr("not a host name"));
}

}  // namespace
}  // namespace ssrlink::core
