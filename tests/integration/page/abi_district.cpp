#include "abi_district.hpp"

#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>
#include <utility>

#include "odbc_rows.hpp"
#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::e2e {
namespace {

constexpr const char *district_user = "district-user";
constexpr const char *district_secret = "s3cret-key-20-chars!";

}  // namespace

std::string abi_answer::error() const {
  const auto *message = json.if_contains("error");
  return message != nullptr && message->is_string() ? std::string(message->as_string()) : "";
}

void expect_reports(const abi_answer &a) {
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("outcome").as_string(), "reports") << a.text;
  const auto &reports = a.json.at("reports").as_array();
  EXPECT_FALSE(reports.empty()) << a.text;
  for (const auto &report : reports) {
    EXPECT_EQ(std::string(report.at("url").as_string()).rfind("https://127.0.0.1:", 0), 0U);
  }
}

void expect_not_permitted(const abi_answer &a) {
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  EXPECT_EQ(a.json.at("outcome").as_string(), "denied") << a.text;
  EXPECT_EQ(a.json.at("message").as_string(), not_permitted_sentence) << a.text;
  EXPECT_TRUE(a.json.at("reports").as_array().empty()) << a.text;
  EXPECT_EQ(a.text.find("https://"), std::string::npos) << a.text;
}

abi_district::abi_district(std::string connection, const std::filesystem::path &dir,
                           const fake_ets_endpoint &ets, const std::string &actor_json)
    : connection_(std::move(connection)) {
  boost::json::object ets_config{{"base_url", ets.base_url},
                                 {"ca_file", ets.ca_file.string()},
                                 {"link_hosts", boost::json::array{"127.0.0.1"}},
                                 {"timeout_ms", 3000}};
  ssrlink::testing::add_test_wire_profile(ets_config);  // the profile fake-ets serves
  const boost::json::object config{{"odbc", connection_},
                                   {"seal_key_file", (dir / "seal.key").string()},
                                   {"ets", std::move(ets_config)}};
  ssrlink_host host{};
  host.struct_size = sizeof host;
  ssrlink_buffer *error = nullptr;
  if (ssrlink_open(&host, boost::json::serialize(config).c_str(), &plugin_, &error) != SSRLINK_OK) {
    const std::string message = ssrlink_buffer_data(error);
    ssrlink_buffer_free(error);
    throw std::runtime_error("ssrlink_open: " + message);
  }
  const abi_answer put =
      call(ssrlink_credentials_put, R"({"actor": )" + actor_json +
                                        R"(, "scope": "district", "username": ")" + district_user +
                                        R"(", "secret_key": ")" + district_secret + "\"}");
  if (put.status != SSRLINK_OK) {
    ssrlink_close(plugin_);
    throw std::runtime_error("credentials_put: " + put.text);
  }
}

abi_district::~abi_district() {
  ssrlink_close(plugin_);
}

abi_answer abi_district::call(abi_capability what, const std::string &request) const {
  ssrlink_buffer *out = nullptr;
  abi_answer a;
  a.status = what(plugin_, request.c_str(), &out);
  a.text = ssrlink_buffer_data(out);
  ssrlink_buffer_free(out);
  if (!a.text.empty()) {
    a.json = boost::json::parse(a.text).as_object();
  }
  return a;
}

abi_answer abi_district::page(std::int64_t student_id, const std::string &viewer_json) const {
  return call(ssrlink_reports, R"({"student_id": )" + std::to_string(student_id) +
                                   R"(, "viewer": )" + viewer_json + "}");
}

std::vector<std::string> abi_district::rows(const std::string &sql) const {
  return odbc_rows(connection_, sql);
}

std::int64_t abi_district::count(const std::string &from_where) const {
  const auto found = rows("SELECT COUNT(*) FROM " + from_where);
  return found.size() == 1 ? std::stoll(found[0]) : -1;
}

void abi_district::execute(const std::string &sql) const {
  odbc_execute(connection_, sql);
}

}  // namespace ssrlink::e2e
