#include <gmock/gmock.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::HasSubstr;

class reseal_test : public credentials_fixture {
 protected:
  void SetUp() override {
    put("district", "lea-user", district_secret);
    put("0042", "school-user", school_secret);
    put("0100", "school-b", "SchoolBSecretKey0100");
  }
  std::shared_ptr<crypto::aes_gcm_sealer> next = make_sealer(2);
};

TEST_F(reseal_test, every_row_moves_to_the_new_key_and_keeps_its_data) {
  const auto before = store.rows();
  EXPECT_EQ(rotation.reseal_all(next), 3u);
  const auto after = store.rows();
  ASSERT_EQ(after.size(), 3u);
  for (const auto &[scope, row] : after) {
    const auto &old = before.at(scope);
    EXPECT_EQ(row.username, old.username);
    EXPECT_EQ(row.expires_on, old.expires_on);
    EXPECT_EQ(row.updated_at, old.updated_at);  // same pair: tokens and set ids stay valid
    EXPECT_NE(row.sealed_secret, old.sealed_secret);
    EXPECT_FALSE(sealer->open(row.sealed_secret, scope).has_value()) << scope;
    EXPECT_EQ(next->open(row.sealed_secret, scope), sealer->open(old.sealed_secret, scope));
    EXPECT_EQ(crypto::aes_gcm_sealer::sealed_key_id_hex(row.sealed_secret), next->key_id_hex());
  }
}

TEST_F(reseal_test, rows_stay_readable_while_the_reseal_runs) {
  int checks = 0;
  store.after_put([&] {
    // Between two writes some rows are under the old key and some under the new.
    const auto result = admin.status("{}");
    EXPECT_THAT(result.json, ::testing::Not(HasSubstr("seal_error"))) << result.json;
    clock.advance(std::chrono::minutes{6});  // past the cache, so the store is read again
    const auto resolved = resolution.for_school("0042");
    ASSERT_TRUE(resolved.has_value());
    EXPECT_EQ(resolved->pair.secret_key, school_secret);
    ++checks;
  });
  EXPECT_EQ(rotation.reseal_all(next), 3u);
  EXPECT_EQ(checks, 3);
}

TEST_F(reseal_test, rotate_sealer_switches_this_process_to_the_new_key) {
  EXPECT_EQ(rotation.rotate_sealer(next), 3u);
  clock.advance(std::chrono::minutes{6});
  EXPECT_EQ(resolution.for_school("0042")->pair.secret_key, school_secret);
  put("0200", "school-c", "SchoolCSecretKey0200");
  EXPECT_EQ(next->open(store.rows().at("0200").sealed_secret, "0200"), "SchoolCSecretKey0200");
}

TEST_F(reseal_test, a_put_during_a_rotation_waits_for_it_and_is_sealed_with_the_new_key) {
  std::atomic<bool> put_done{false};
  std::thread writer;
  store.after_put([&] {
    // The rotation has written its first row; an administrator saves a pair meanwhile.
    store.after_put({});
    writer = std::thread([&] {
      put("0200", "school-c", "SchoolCSecretKey0200");
      put_done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
    EXPECT_FALSE(put_done.load());  // held back until the rotation is done
  });
  EXPECT_EQ(rotation.rotate_sealer(next), 3u);
  writer.join();
  ASSERT_TRUE(put_done.load());
  // Not left under the retired key.
  EXPECT_EQ(next->open(store.rows().at("0200").sealed_secret, "0200"), "SchoolCSecretKey0200");
}

TEST_F(reseal_test, an_interrupted_rotation_can_be_run_again) {
  // As if a first run resealed only the district row before it stopped.
  auto row = store.rows().at("district");
  row.sealed_secret = next->seal(district_secret, "district");
  store.set_row(row);
  EXPECT_EQ(rotation.reseal_all(next), 3u);
  for (const auto &[scope, stored] : store.rows()) {
    EXPECT_TRUE(next->open(stored.sealed_secret, scope).has_value()) << scope;
  }
}

TEST_F(reseal_test, a_row_neither_key_opens_stops_it_before_anything_is_written) {
  auto row = store.rows().at("0100");
  row.sealed_secret = make_sealer(9)->seal("whatever-secret", "0100");
  store.set_row(row);
  const auto before = store.rows();
  const auto f = thrown([&] { rotation.reseal_all(next); });
  EXPECT_EQ(f.code(), status::config);
  EXPECT_THAT(f.what(), HasSubstr("school 0100"));
  const auto after = store.rows();
  for (const auto &[scope, stored] : after) {
    EXPECT_EQ(stored.sealed_secret, before.at(scope).sealed_secret) << scope;
  }
}

// Holds a reader inside open() until released, so a test can fail a rotation meanwhile.
class gated_sealer final : public secret_sealer {
 public:
  explicit gated_sealer(std::shared_ptr<const secret_sealer> inner) : inner_(std::move(inner)) {}
  std::string seal(std::string_view secret, std::string_view scope) const override {
    return inner_->seal(secret, scope);
  }
  std::optional<std::string> open(std::string_view sealed, std::string_view scope) const override {
    if (gate_.exchange(false)) {
      entered_.set_value();
      released_.wait();
    }
    return inner_->open(sealed, scope);
  }
  void arm() { gate_ = true; }
  std::future<void> entered() { return entered_.get_future(); }
  void release() { release_.set_value(); }

 private:
  std::shared_ptr<const secret_sealer> inner_;
  mutable std::atomic<bool> gate_{false};
  mutable std::promise<void> entered_;
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

// Says whether it was still alive when it was used.
class watched_sealer final : public secret_sealer {
 public:
  watched_sealer(std::shared_ptr<const secret_sealer> inner, std::atomic<bool> &alive,
                 std::atomic<bool> &used_while_alive)
      : inner_(std::move(inner)), alive_(alive), used_while_alive_(used_while_alive) {
    alive_ = true;
  }
  ~watched_sealer() override { alive_ = false; }
  std::string seal(std::string_view secret, std::string_view scope) const override {
    return inner_->seal(secret, scope);
  }
  std::optional<std::string> open(std::string_view sealed, std::string_view scope) const override {
    used_while_alive_ = alive_.load();
    return inner_->open(sealed, scope);
  }

 private:
  std::shared_ptr<const secret_sealer> inner_;
  std::atomic<bool> &alive_;
  std::atomic<bool> &used_while_alive_;
};

TEST_F(reseal_test, a_reader_keeps_the_new_key_alive_when_a_rotation_fails_under_it) {
  // Reproduced: a failed rotation left a raw pointer to the new key, which its caller then
  // freed while a concurrent page was about to open a row with it.
  auto gate = std::make_shared<gated_sealer>(sealer);
  const auto rotating = units_with(gate);
  std::atomic<bool> alive{false};
  std::atomic<bool> used_while_alive{false};
  auto watched = std::make_shared<watched_sealer>(next, alive, used_while_alive);
  std::optional<resolved_credentials> seen;
  std::thread reader;
  store.after_put([&] {
    // The first row (school 0042) is now under the new key. A page starts reading it: it
    // copies both keys, then stops inside the old key's open().
    store.after_put({});
    gate->arm();
    auto entered = gate->entered();
    reader = std::thread([&] { seen = rotating->resolution.for_school("0042"); });
    entered.wait();
    throw failure(status::database, "The database went away mid-rotation.");
  });
  EXPECT_EQ(thrown([&] { rotating->rotation.rotate_sealer(std::move(watched)); }).code(),
            status::database);
  // The caller has let go of the new key; only the reader's copy may still hold it.
  gate->release();
  reader.join();
  EXPECT_TRUE(used_while_alive.load());
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->pair.secret_key, school_secret);  // opened with the new key, still alive
  EXPECT_FALSE(alive.load());                       // and released once the reader was done
}

}  // namespace
}  // namespace ssrlink::core::testing
