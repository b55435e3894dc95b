// Which key opens a stored row, and how a rotation's two-key window opens and closes.
#include "core/credentials/sealer_in_force.hpp"

#include <gtest/gtest.h>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

stored_credentials row_sealed_with(const secret_sealer &sealer, const std::string &scope,
                                   const std::string &secret) {
  stored_credentials row;
  row.scope = scope;
  row.username = "user";
  row.sealed_secret = sealer.seal(secret, scope);
  return row;
}

class sealer_in_force_test : public ::testing::Test {
 protected:
  std::shared_ptr<crypto::aes_gcm_sealer> old_key = make_sealer(1);
  std::shared_ptr<crypto::aes_gcm_sealer> new_key = make_sealer(2);
  sealer_in_force keys{old_key};
  stored_credentials under_old = row_sealed_with(*old_key, "0042", "OldKeySecret00042");
  stored_credentials under_new = row_sealed_with(*new_key, "0100", "NewKeySecret00100");
};

TEST_F(sealer_in_force_test, refuses_to_start_without_a_key) {
  EXPECT_EQ(thrown([] { sealer_in_force none(nullptr); }).code(), status::internal);
}

TEST_F(sealer_in_force_test, opens_with_the_key_in_force_only) {
  EXPECT_EQ(keys.current(), old_key);
  EXPECT_EQ(keys.open(under_old), "OldKeySecret00042");  // rule 1
  EXPECT_FALSE(keys.open(under_new).has_value());        // rule 3
}

TEST_F(sealer_in_force_test, a_row_does_not_open_for_another_scope) {
  auto moved = under_old;
  moved.scope = "0100";
  EXPECT_FALSE(keys.open(moved).has_value());
}

TEST_F(sealer_in_force_test, inside_the_window_either_key_opens_and_new_rows_keep_the_old_key) {
  keys.accept_incoming(new_key);
  EXPECT_EQ(keys.open(under_old), "OldKeySecret00042");
  EXPECT_EQ(keys.open(under_new), "NewKeySecret00100");  // rule 2
  EXPECT_EQ(keys.current(), old_key);
}

TEST_F(sealer_in_force_test, settling_with_adopt_switches_to_the_incoming_key) {
  keys.accept_incoming(new_key);
  keys.settle(true);
  EXPECT_EQ(keys.current(), new_key);
  EXPECT_EQ(keys.open(under_new), "NewKeySecret00100");
  EXPECT_FALSE(keys.open(under_old).has_value());  // the window is closed
}

TEST_F(sealer_in_force_test, settling_without_adopt_keeps_the_old_key_and_closes_the_window) {
  keys.accept_incoming(new_key);
  keys.settle(false);
  EXPECT_EQ(keys.current(), old_key);
  EXPECT_EQ(keys.open(under_old), "OldKeySecret00042");
  EXPECT_FALSE(keys.open(under_new).has_value());
  EXPECT_EQ(new_key.use_count(), 1);  // only this test holds the key; the window let go
}

}  // namespace
}  // namespace ssrlink::core::testing
