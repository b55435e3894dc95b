// Writes seal with the key in force, and none runs while a rotation holds the writes.
#include "core/credentials/credential_writes.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

class credential_writes_test : public ::testing::Test {
 protected:
  static stored_credentials row_for(const std::string &scope) {
    stored_credentials row;
    row.scope = scope;
    row.username = "user-" + scope;
    row.sealed_secret = "ignored";
    return row;
  }

  memory_credential_store store;
  std::shared_ptr<crypto::aes_gcm_sealer> sealer = make_sealer(1);
  sealer_in_force keys{sealer};
  credential_writes writes{store, keys};
};

TEST_F(credential_writes_test, put_seals_with_the_key_in_force_and_remove_removes) {
  writes.put(row_for("0042"), "SchoolSecretKey000042");
  const auto row = store.rows().at("0042");
  EXPECT_EQ(row.username, "user-0042");
  EXPECT_NE(row.sealed_secret, "ignored");
  EXPECT_EQ(sealer->open(row.sealed_secret, "0042"), "SchoolSecretKey000042");

  const auto next = make_sealer(2);
  keys.accept_incoming(next);
  keys.settle(true);
  writes.put(row_for("0100"), "SchoolSecretKey000100");
  EXPECT_EQ(next->open(store.rows().at("0100").sealed_secret, "0100"), "SchoolSecretKey000100");

  writes.remove("0042");
  writes.remove("0042");  // again: harmless
  EXPECT_EQ(store.rows().count("0042"), 0U);
}

TEST_F(credential_writes_test, exclusively_returns_the_jobs_result) {
  EXPECT_EQ(writes.exclusively([] { return 42; }), 42);
}

TEST_F(credential_writes_test, a_put_waits_until_an_exclusive_job_ends) {
  std::atomic<bool> put_done{false};
  std::thread writer;
  writes.exclusively([&] {
    writer = std::thread([&] {
      writes.put(row_for("0042"), "SchoolSecretKey000042");
      put_done = true;
    });
    // Long enough for an unserialised put to land; the job still sees the store untouched.
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
    EXPECT_FALSE(put_done.load());
    EXPECT_TRUE(store.rows().empty());
  });
  writer.join();
  EXPECT_TRUE(put_done.load());
  EXPECT_EQ(store.rows().count("0042"), 1U);
}

}  // namespace
}  // namespace ssrlink::core::testing
