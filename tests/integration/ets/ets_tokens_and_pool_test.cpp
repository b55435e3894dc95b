// Token sharing and refresh, keep-alive pooling and reconnection, under concurrency; tokens
// adopted from another process (current_token / adopt_token, the seam core/ets_token uses).
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "ets/ets_client_factory.hpp"
#include "ets/https_ets_client.hpp"
#include "test_support.hpp"
#include "wire_profiles/test_wire_profile.hpp"

namespace ssrlink::ets::testing {
namespace {

using core::ets_error;
using core::ets_fault;
using namespace std::chrono_literals;

class ets_tokens_and_pool : public ::testing::Test {
 protected:
  recording_logger log;
  system_clock clock;
  std::unique_ptr<core::ets_client> client;

  void SetUp() override {
    server().post("reset-stats");
    client = make_ets_client(settings_for(server(), 10000ms), log, clock);
  }
  void TearDown() override { EXPECT_FALSE(leaked_secret(log)); }
};

TEST_F(ets_tokens_and_pool, many_threads_share_one_token_and_a_bounded_pool) {
  constexpr int threads = 32;
  constexpr int calls_each = 4;
  std::atomic<int> good{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = 0; i < calls_each; ++i) {
        if (client->fetch_reports(district(), ssid::reports).ok()) {
          ++good;
        }
      }
    });
  }
  for (auto &t : pool) {
    t.join();
  }
  EXPECT_EQ(good.load(), threads * calls_each);
  const auto stats = server().stats().as_object();
  EXPECT_EQ(stats.at("token_requests").to_number<int>(), 1);
  EXPECT_EQ(stats.at("report_requests").to_number<int>(), threads * calls_each);
  // The stats request's own connection counts too.
  const auto connections = stats.at("connections").to_number<int>() - 1;
  EXPECT_GE(connections, 1);
  EXPECT_LE(connections, 4) << "settings.max_connections is 4; log:\n" << log.joined();
}

TEST_F(ets_tokens_and_pool, sequential_calls_reuse_one_connection_and_one_token) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(client->fetch_reports(district(), ssid::reports).ok());
  }
  const auto stats = server().stats().as_object();
  EXPECT_EQ(stats.at("connections").to_number<int>() - 1, 1) << "the stats request counts itself";
  EXPECT_EQ(stats.at("token_requests").to_number<int>(), 1);
}

TEST_F(ets_tokens_and_pool, early_expiry_costs_one_refresh) {
  ASSERT_TRUE(client->fetch_reports(district(), ssid::reports).ok());
  server().post("expire-tokens");
  const auto r = client->fetch_reports(district(), ssid::reports);
  ASSERT_TRUE(r.ok()) << r.failure().detail;
  EXPECT_EQ(server().stat("token_requests"), 2);
  EXPECT_EQ(server().stat("report_requests"), 3);
}

TEST_F(ets_tokens_and_pool, token_expired_fault_refreshes_once_then_succeeds) {
  const auto r = client->fetch_reports(district(), ssid::token_expired_once);
  ASSERT_TRUE(r.ok()) << r.failure().detail;
  EXPECT_EQ(server().stat("token_requests"), 2);
}

TEST_F(ets_tokens_and_pool, superseded_credentials_are_not_authorized) {
  ASSERT_TRUE(client->fetch_reports(supersede_user(), ssid::reports).ok());
  server().post("supersede", R"({"username":"supersede-user"})");
  const auto r = client->fetch_reports(supersede_user(), ssid::reports);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure().error, ets_error::not_authorized);
  EXPECT_EQ(r.failure().fault, ets_fault::answered);
  EXPECT_EQ(r.failure().http_status, 401);
  // One token at first, one refresh after the 401; then the refusal is the answer.
  EXPECT_EQ(server().stat("token_requests"), 2);
  EXPECT_FALSE(client->check_credentials(supersede_user()).ok);
  server().post("supersede", R"({"username":"supersede-user","superseded":false})");
}

TEST_F(ets_tokens_and_pool, failed_token_request_is_not_cached) {
  server().post("token-fault", R"({"kind":"status","status":500,"errorCode":"INTERNAL_ERROR"})");
  const auto r = client->fetch_reports(district(), ssid::reports);
  server().post("token-fault", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure().error, ets_error::internal_error);
  EXPECT_TRUE(client->fetch_reports(district(), ssid::reports).ok());
}

TEST_F(ets_tokens_and_pool, reconnects_when_the_server_closed_a_pooled_connection) {
  // A second server of our own, restarted on the same port between two calls.
  temp_dir dir;
  make_cert(dir.path() / "cert");
  auto first = std::make_unique<fake_ets_process>(dir.path(), fixture_json(), dir.path() / "cert");
  const unsigned short port = first->port();
  core::ets_settings settings;
  settings.base_url = first->base_url();
  settings.ca_file = (dir.path() / "cert" / "ca.pem").string();
  settings.timeout = 5000ms;
  settings.wire_profile = ssrlink::testing::test_wire_profile();
  auto own = make_ets_client(settings, log, clock);
  ASSERT_TRUE(own->fetch_reports(district(), ssid::reports).ok());
  first.reset();  // SIGTERM: the pooled connection is closed under the client
  fake_ets_process second(dir.path(), fixture_json(), dir.path() / "cert", port);
  const auto r = own->fetch_reports(district(), ssid::reports);
  ASSERT_TRUE(r.ok()) << r.failure().detail;
  EXPECT_TRUE(log.mentions("closed a pooled connection"));
  EXPECT_FALSE(log.mentions("retry")) << "a stale connection is not a failed attempt";
}

// ---- Tokens from another process (what core/ets_token/ shares through the database) --------

TEST_F(ets_tokens_and_pool, an_adopted_token_serves_calls_without_a_token_request) {
  // "Another process": a client of its own that got a token from ETS.
  auto other = make_ets_client(settings_for(server(), 10000ms), log, clock);
  ASSERT_TRUE(other->check_credentials(district()).ok);
  const auto token = other->current_token(district().set_id);
  ASSERT_TRUE(token.has_value());
  EXPECT_GT(token->expires_at, clock.now() + 3500s);  // the fixture's tokens live 3600 s
  EXPECT_LE(token->expires_at, clock.now() + 3600s);
  server().post("reset-stats");
  EXPECT_FALSE(client->current_token(district().set_id).has_value());
  client->adopt_token(district().set_id, *token);
  ASSERT_EQ(client->current_token(district().set_id)->value, token->value);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client->fetch_reports(district(), ssid::reports).ok());
  }
  EXPECT_EQ(server().stat("token_requests"), 0);
  EXPECT_EQ(server().stat("report_requests"), 3);
}

TEST_F(ets_tokens_and_pool, an_adopted_token_ets_refuses_is_replaced_once) {
  client->adopt_token(district().set_id,
                      {"a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3", clock.now() + 3600s});
  ASSERT_TRUE(client->fetch_reports(district(), ssid::reports).ok());
  EXPECT_EQ(server().stat("token_requests"), 1);
  EXPECT_EQ(server().stat("report_requests"), 2);  // refused with the adopted one, then served
  const auto now_held = client->current_token(district().set_id);
  ASSERT_TRUE(now_held.has_value());
  EXPECT_NE(now_held->value, "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3");
}

TEST_F(ets_tokens_and_pool, an_adopted_token_never_replaces_a_longer_lived_one) {
  ASSERT_TRUE(client->fetch_reports(district(), ssid::reports).ok());
  const auto own = client->current_token(district().set_id);
  ASSERT_TRUE(own.has_value());
  client->adopt_token(district().set_id, {"older-token", own->expires_at - 10s});
  EXPECT_EQ(client->current_token(district().set_id)->value, own->value);
}

TEST_F(ets_tokens_and_pool, what_could_not_be_a_token_or_is_about_to_expire_is_not_adopted) {
  const core::time_point later = clock.now() + 3600s;
  const std::string injected = "abc\r\nX-Injected: 1";
  for (const std::string &bad :
       {std::string(), std::string("two words"), injected, std::string("caf\xc3\xa9"),
        std::string(https_ets_client::max_adopted_token_bytes + 1, 'a')}) {
    client->adopt_token(district().set_id, {bad, later});
    EXPECT_FALSE(client->current_token(district().set_id).has_value()) << bad.size();
  }
  // Inside the refresh margin the client would not use it, so it is not taken.
  client->adopt_token(district().set_id, {"fine-token", clock.now() + 59s});
  EXPECT_FALSE(client->current_token(district().set_id).has_value());
  client->adopt_token(district().set_id, {"fine-token", later});
  EXPECT_EQ(client->current_token(district().set_id)->value, "fine-token");
}

TEST_F(ets_tokens_and_pool, tokens_are_read_and_adopted_from_any_thread_while_calls_run) {
  // current_token and adopt_token answer on the calling thread (token_cache has its own lock):
  // host threads call them around every blocking fetch, while the io thread reads the same
  // cache for every request. Under TSan (label concurrency) this is the race test.
  ASSERT_TRUE(client->fetch_reports(district(), ssid::reports).ok());
  const auto first = client->current_token(district().set_id);
  ASSERT_TRUE(first.has_value());
  constexpr int threads = 4;
  constexpr int rounds = 10;
  std::atomic<int> held{0};
  std::atomic<int> good{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = 0; i < rounds; ++i) {
        // Never longer-lived than the one held, so it is never taken (adopt's own rule).
        client->adopt_token(district().set_id, {"older-token", first->expires_at - 1s});
        if (const auto token = client->current_token(district().set_id);
            token && token->value == first->value) {
          ++held;
        }
        if (client->fetch_reports(district(), ssid::reports).ok()) {
          ++good;
        }
      }
    });
  }
  // And from a report callback, which runs on the client's decoding thread.
  std::promise<std::optional<core::ets_token>> from_callback;
  client->fetch_reports_async(district(), ssid::reports, [&](const core::ets_reports_result &) {
    from_callback.set_value(client->current_token(district().set_id));
  });
  for (auto &t : pool) {
    t.join();
  }
  const auto seen = from_callback.get_future().get();
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->value, first->value);
  EXPECT_EQ(held.load(), threads * rounds);
  EXPECT_EQ(good.load(), threads * rounds);
  EXPECT_EQ(server().stat("token_requests"), 1);
}

}  // namespace
}  // namespace ssrlink::ets::testing
