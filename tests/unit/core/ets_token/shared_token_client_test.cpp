// ETS tokens shared between processes through the store, sealed: several "processes" (a client
// and a shared_token_client each) over one store and one ETS, with the real AES-GCM sealer.
#include "core/ets_token/shared_token_client.hpp"

#include <gtest/gtest.h>

#include <array>
#include <memory>

#include "crypto/aes_gcm_sealer.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/memory_ets_token_store.hpp"
#include "doubles/recording_logger.hpp"
#include "token_caching_ets.hpp"

namespace ssrlink::ets_token_testing {
namespace {

using namespace std::chrono_literals;
using core::log_level;
using ssrlink::testing::manual_clock;
using ssrlink::testing::memory_ets_token_store;
using ssrlink::testing::recording_logger;

std::shared_ptr<const core::secret_sealer> sealer_with(unsigned char seed) {
  std::array<unsigned char, crypto::seal_key_bytes> key{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<unsigned char>(seed + i);
  }
  return std::make_shared<crypto::aes_gcm_sealer>(key);
}

const core::ets_credentials district{"district", "district-user", "secret", "district:1000"};
const core::ets_credentials school{"7", "school-user", "secret", "7:2000"};

// One host process: its own ETS client and token cache, its own log, the shared store.
struct process {
  process(fake_ets_service &ets, memory_ets_token_store &store, const manual_clock &clock,
          std::shared_ptr<const core::secret_sealer> key)
      : client(ets, clock),
        sealer(std::move(key)),
        shared(
            client, store, [this] { return sealer; }, clock, log) {}

  caching_client client;
  std::shared_ptr<const core::secret_sealer> sealer;
  recording_logger log;
  core::shared_token_client shared;
};

class shared_token_client_test : public ::testing::Test {
 protected:
  std::unique_ptr<process> start(unsigned char key_seed = 1) {
    return std::make_unique<process>(ets, store, clock, sealer_with(key_seed));
  }
  // The token in the store's row for `set_id`, opened with the key of seed `key_seed`.
  std::optional<std::string> row_token(const std::string &set_id, unsigned char key_seed = 1) {
    const auto it = store.rows.find(set_id);
    if (it == store.rows.end()) {
      return std::nullopt;
    }
    return sealer_with(key_seed)->open(it->second.sealed_token,
                                       core::shared_token_client::associated_data_for(set_id));
  }
  // Plants a row for `set_id` holding a token ETS issued, sealed with key `key_seed`.
  std::string plant(const std::string &set_id, unsigned char key_seed, time_point expires_at) {
    const auto token = ets.issue();
    store.rows[set_id] = core::stored_ets_token{
        sealer_with(key_seed)->seal(token->value,
                                    core::shared_token_client::associated_data_for(set_id)),
        expires_at};
    return token->value;
  }

  manual_clock clock;
  fake_ets_service ets{clock};
  memory_ets_token_store store;
};

TEST_F(shared_token_client_test, processes_over_one_store_ask_ets_for_one_token) {
  auto first = start();
  ASSERT_TRUE(first->shared.fetch_reports(district, "1000000001").ok());
  EXPECT_EQ(ets.tokens_issued, 1);
  EXPECT_EQ(store.puts, 1);
  for (int i = 0; i < 5; ++i) {
    auto next = start();  // a PHP-FPM request: a new handle, an empty cache
    ASSERT_TRUE(next->shared.fetch_reports(district, "1000000001").ok());
    EXPECT_EQ(next->client.adoptions, 1);
  }
  EXPECT_EQ(ets.tokens_issued, 1);
  EXPECT_EQ(ets.report_requests, 6);
  EXPECT_EQ(store.puts, 1) << "a process that adopted the token writes nothing";
  // Every request carried the one token there is.
  for (const auto &used : ets.tokens_used) {
    EXPECT_EQ(used, ets.tokens_used.front());
  }
}

TEST_F(shared_token_client_test, the_row_is_sealed_for_its_set_and_expires_with_the_token) {
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  const std::string token = ets.tokens_used.at(0);
  const auto &row = store.rows.at(district.set_id);
  EXPECT_EQ(row.sealed_token.find(token), std::string::npos);
  EXPECT_TRUE(row.sealed_token.starts_with(crypto::sealed_marker));
  EXPECT_EQ(row_token(district.set_id), token);
  EXPECT_EQ(row.expires_at, clock.now() + ets.lifetime);
  // Bound to its set and to its purpose: it opens neither as another set's token nor as a
  // credential row (associated data: the bare scope) nor under another key.
  const auto sealer = sealer_with(1);
  EXPECT_FALSE(sealer->open(row.sealed_token,
                            core::shared_token_client::associated_data_for(school.set_id)));
  EXPECT_FALSE(sealer->open(row.sealed_token, "district"));
  EXPECT_FALSE(sealer->open(row.sealed_token, district.set_id));
  EXPECT_FALSE(row_token(district.set_id, 2).has_value());
  EXPECT_FALSE(first->log.mentions(token));
}

TEST_F(shared_token_client_test, a_token_held_in_memory_costs_no_store_read) {
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(store.gets, 1);
  for (int i = 0; i < 3; ++i) {
    first->shared.fetch_reports(district, "1000000001");
  }
  EXPECT_EQ(store.gets, 1);
  EXPECT_EQ(store.puts, 1);
}

TEST_F(shared_token_client_test, each_credential_set_shares_its_own_token) {
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  first->shared.fetch_reports(school, "1000000002");
  EXPECT_EQ(ets.tokens_issued, 2);
  auto next = start();
  next->shared.fetch_reports(school, "1000000002");
  next->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(ets.tokens_issued, 2);
  EXPECT_NE(row_token(district.set_id), row_token(school.set_id));
  EXPECT_EQ(ets.tokens_used.at(2), ets.tokens_used.at(1));  // school's
  EXPECT_EQ(ets.tokens_used.at(3), ets.tokens_used.at(0));  // district's
}

TEST_F(shared_token_client_test,
       a_row_sealed_under_another_key_is_ignored_logged_once_and_replaced) {
  const std::string planted = plant(district.set_id, 9, clock.now() + 3000s);
  ets.tokens_issued = 0;
  auto first = start();
  ASSERT_TRUE(first->shared.fetch_reports(district, "1000000001").ok());
  EXPECT_EQ(ets.tokens_issued, 1) << "the row did not open, so ETS was asked";
  EXPECT_NE(ets.tokens_used.at(0), planted);
  EXPECT_EQ(first->client.adoptions, 0);
  EXPECT_EQ(row_token(district.set_id), ets.tokens_used.at(0)) << "replaced under our key";
  const auto info = first->log.at(log_level::info);
  ASSERT_EQ(info.size(), 1U);
  EXPECT_NE(info[0].find("did not open"), std::string::npos);
  EXPECT_FALSE(first->log.mentions(planted));
  // The same process meeting another such row says it at debug only.
  plant(school.set_id, 9, clock.now() + 3000s);
  first->shared.fetch_reports(school, "1000000002");
  EXPECT_EQ(first->log.at(log_level::info).size(), 1U);
  EXPECT_EQ(first->log.at(log_level::debug).size(), 1U);
}

TEST_F(shared_token_client_test, a_tampered_row_is_ignored_and_replaced) {
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  auto &row = store.rows.at(district.set_id);
  row.sealed_token[row.sealed_token.size() - 3] ^= 1;
  auto next = start();
  ASSERT_TRUE(next->shared.fetch_reports(district, "1000000001").ok());
  EXPECT_EQ(ets.tokens_issued, 2);
  EXPECT_EQ(row_token(district.set_id), ets.tokens_used.at(1));
}

TEST_F(shared_token_client_test, a_row_moved_onto_another_set_does_not_open) {
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  store.rows[school.set_id] = store.rows.at(district.set_id);
  auto next = start();
  next->shared.fetch_reports(school, "1000000002");
  EXPECT_EQ(ets.tokens_issued, 2);
  EXPECT_NE(ets.tokens_used.at(1), ets.tokens_used.at(0));
}

TEST_F(shared_token_client_test, an_expired_row_or_one_inside_the_refresh_margin_is_not_used) {
  // 59 s left: inside the 60 s margin, so the client could not use it; ETS is asked instead.
  const std::string near_end = plant(district.set_id, 1, clock.now() + 59s);
  ets.tokens_issued = 0;
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(ets.tokens_issued, 1);
  EXPECT_NE(ets.tokens_used.at(0), near_end);
  EXPECT_EQ(first->client.adoptions, 0);
  EXPECT_EQ(row_token(district.set_id), ets.tokens_used.at(0));
  // Past its expiry the store itself no longer serves it.
  plant(school.set_id, 1, clock.now() - 1s);
  ets.tokens_issued = 0;
  first->shared.fetch_reports(school, "1000000002");
  EXPECT_EQ(ets.tokens_issued, 1);
  EXPECT_EQ(first->client.adoptions, 0);
}

TEST_F(shared_token_client_test, a_row_with_more_than_the_margin_left_is_used_until_the_margin) {
  const std::string shared = plant(district.set_id, 1, clock.now() + 61s);
  ets.tokens_issued = 0;
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(ets.tokens_issued, 0);
  EXPECT_EQ(ets.tokens_used.at(0), shared);
  clock.advance(1s);  // now inside the margin: this process asks ETS, and shares the new token
  first->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(ets.tokens_issued, 1);
  EXPECT_EQ(row_token(district.set_id), ets.tokens_used.at(1));
}

TEST_F(shared_token_client_test, a_shared_token_ets_refuses_is_replaced_by_the_new_one) {
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  const std::string old_token = ets.tokens_used.at(0);
  ets.revoke_all();  // ETS restarted: the shared token died before its time
  auto next = start();
  ASSERT_TRUE(next->shared.fetch_reports(district, "1000000001").ok());
  EXPECT_EQ(ets.tokens_issued, 2);
  EXPECT_EQ(ets.tokens_used.at(1), old_token);  // adopted, refused
  const std::string new_token = ets.tokens_used.at(2);
  EXPECT_NE(new_token, old_token);
  EXPECT_EQ(row_token(district.set_id), new_token);
  // A third process adopts the new one straight away.
  auto third = start();
  third->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(ets.tokens_issued, 2);
  EXPECT_EQ(ets.tokens_used.back(), new_token);
}

TEST_F(shared_token_client_test, a_refused_shared_token_without_a_replacement_is_dropped) {
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  ets.revoke_all();
  ets.token_endpoint_down = true;
  auto next = start();
  EXPECT_FALSE(next->shared.fetch_reports(district, "1000000001").ok());
  EXPECT_EQ(store.drops, 1);
  EXPECT_FALSE(store.rows.contains(district.set_id)) << "nobody else adopts a dead token";
}

TEST_F(shared_token_client_test, a_failed_call_with_a_live_adopted_token_keeps_the_row) {
  auto first = start();
  first->shared.fetch_reports(district, "1000000001");
  auto next = start();
  ASSERT_TRUE(next->shared.fetch_reports(district, "1000000001").ok());
  EXPECT_EQ(store.drops, 0);
  EXPECT_TRUE(store.rows.contains(district.set_id));
}

TEST_F(shared_token_client_test, a_store_that_fails_never_fails_the_call_and_names_the_migration) {
  store.fail = true;
  auto first = start();
  ASSERT_TRUE(first->shared.fetch_reports(district, "1000000001").ok());
  ASSERT_TRUE(first->shared.fetch_reports(school, "1000000002").ok());
  EXPECT_EQ(ets.tokens_issued, 2);
  const auto warnings = first->log.at(log_level::warning);
  ASSERT_EQ(warnings.size(), 1U) << "once per process, then at debug";
  EXPECT_NE(warnings[0].find("not shared with other host processes"), std::string::npos);
  EXPECT_NE(warnings[0].find("sql/sqlite/migrations/0004_ets_token.sql"), std::string::npos);
  EXPECT_EQ(warnings[0].find("SQLSTATE"), std::string::npos) << "the driver detail stays out";
  EXPECT_FALSE(first->log.at(log_level::debug).empty());
  // A failing store is not asked again to write a token it already failed to take.
  const int puts = store.puts;
  first->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(store.puts, puts);
  for (const auto &used : ets.tokens_used) {
    EXPECT_FALSE(first->log.mentions(used));
  }
}

TEST_F(shared_token_client_test, async_fetches_adopt_and_share_without_store_work_in_callbacks) {
  auto first = start();
  int answered = 0;
  const auto count = [&](const core::ets_reports_result &r) { answered += r.ok() ? 1 : 0; };
  first->shared.fetch_reports_async(district, "1000000001", count);
  first->client.deliver();  // the callback: the client got a token, nobody wrote it yet
  EXPECT_EQ(answered, 1);
  EXPECT_EQ(ets.tokens_issued, 1);
  EXPECT_EQ(store.puts, 0);
  first->shared.fetch_reports_async(district, "1000000002", count);  // shares it on the way
  EXPECT_EQ(store.puts, 1);
  first->client.deliver();
  EXPECT_EQ(row_token(district.set_id), ets.tokens_used.at(0));
  // Another process's sweep adopts it before its first call.
  auto next = start();
  next->shared.fetch_reports_async(district, "1000000003", count);
  next->client.deliver();
  EXPECT_EQ(answered, 3);
  EXPECT_EQ(ets.tokens_issued, 1);
  EXPECT_EQ(store.puts, 1);
}

TEST_F(shared_token_client_test, test_connection_asks_ets_and_its_token_is_shared_next) {
  auto first = start();
  EXPECT_TRUE(first->shared.check_credentials(district).ok);
  EXPECT_TRUE(first->shared.check_credentials(district).ok);
  EXPECT_EQ(ets.tokens_issued, 2) << "a test connection always asks for a new token";
  EXPECT_EQ(store.puts, 0);
  first->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(ets.tokens_issued, 2);
  EXPECT_EQ(row_token(district.set_id), ets.tokens_used.at(0));
}

TEST_F(shared_token_client_test, after_a_key_rotation_the_new_key_takes_over_the_row) {
  auto old_key = start(1);
  old_key->shared.fetch_reports(district, "1000000001");
  // A process already on the rotated key cannot open the row: one new token, sealed under the
  // new key; the processes after it, on the new key too, adopt that one.
  auto rotated = start(2);
  rotated->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(ets.tokens_issued, 2);
  EXPECT_EQ(row_token(district.set_id, 2), ets.tokens_used.at(1));
  EXPECT_FALSE(row_token(district.set_id, 1).has_value());
  auto later = start(2);
  later->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(ets.tokens_issued, 2);
  // The rotation inside one running process: its next write uses the key in force.
  later->sealer = sealer_with(3);
  ets.revoke_all();
  later->shared.fetch_reports(district, "1000000001");
  EXPECT_EQ(row_token(district.set_id, 3), ets.tokens_used.back());
}

TEST_F(shared_token_client_test, without_a_sealer_nothing_is_read_or_written) {
  auto first = start();
  first->sealer = nullptr;
  ASSERT_TRUE(first->shared.fetch_reports(district, "1000000001").ok());
  EXPECT_TRUE(store.rows.empty());
  plant(school.set_id, 1, clock.now() + 3000s);
  ets.tokens_issued = 0;
  first->shared.fetch_reports(school, "1000000002");
  EXPECT_EQ(ets.tokens_issued, 1);
}

TEST_F(shared_token_client_test, refuses_to_start_without_a_sealer_source) {
  caching_client client(ets, clock);
  recording_logger log;
  EXPECT_THROW(core::shared_token_client(client, store, {}, clock, log), core::failure);
}

}  // namespace
}  // namespace ssrlink::ets_token_testing
