// ssrlink_credentials_reseal's JSON: {"new_seal_key_file"} in, {"resealed", "seal_key_file"}
// out, with the key file opened by the opener the composition root supplies.
#include <gmock/gmock.h>

#include <boost/json/parse.hpp>

#include "credentials_fixture.hpp"

namespace ssrlink::core::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class reseal_request_test : public credentials_fixture {
 protected:
  void SetUp() override {
    put("district", "lea-user", district_secret);
    put("0042", "school-user", school_secret);
    key_files["/etc/ssrlink/seal-2027.key"] = next;
    before = store.rows();
    log.clear();
  }

  // Nothing moved: every row as before, and this process still on its first key.
  void expect_nothing_changed() {
    const auto after = store.rows();
    ASSERT_EQ(after.size(), before.size());
    for (const auto &[scope, row] : after) {
      EXPECT_EQ(row.sealed_secret, before.at(scope).sealed_secret) << scope;
    }
    EXPECT_EQ(rotation.current_sealer(), sealer);
  }

  std::shared_ptr<crypto::aes_gcm_sealer> next = make_sealer(2);
  std::map<std::string, stored_credentials> before;
};

TEST_F(reseal_request_test, answers_the_count_and_the_path_and_switches_to_the_new_key) {
  const auto result = rotation.reseal(R"({"new_seal_key_file": "/etc/ssrlink/seal-2027.key"})");
  ASSERT_EQ(result.code, status::ok) << result.json;
  const auto answer = boost::json::parse(result.json).as_object();
  EXPECT_EQ(answer.size(), 2U);
  EXPECT_EQ(answer.at("resealed"), 2);
  EXPECT_EQ(answer.at("seal_key_file"), "/etc/ssrlink/seal-2027.key");
  EXPECT_THAT(opened_paths, ElementsAre("/etc/ssrlink/seal-2027.key"));

  EXPECT_EQ(rotation.current_sealer(), next);
  for (const auto &[scope, row] : store.rows()) {
    EXPECT_EQ(next->open(row.sealed_secret, scope),
              sealer->open(before.at(scope).sealed_secret, scope))
        << scope;
  }
  // The administrator is told what to do next on every host.
  EXPECT_TRUE(
      log.mentions("Re-sealed 2 credential rows under the key in "
                   "/etc/ssrlink/seal-2027.key; point every host's seal_key_file at it."))
      << log.joined();
}

TEST_F(reseal_request_test, the_opener_failure_is_the_answer_and_nothing_changes) {
  const auto f = thrown([&] { rotation.reseal(R"({"new_seal_key_file": "/missing/dir/k"})"); });
  EXPECT_EQ(f.code(), status::config);
  EXPECT_STREQ(f.what(), "The seal key file /missing/dir/k cannot be created.");
  EXPECT_THAT(opened_paths, ElementsAre("/missing/dir/k"));
  expect_nothing_changed();
  EXPECT_FALSE(log.mentions("Re-sealed")) << log.joined();
}

TEST_F(reseal_request_test, an_unknown_key_is_refused_before_any_file_is_opened) {
  const auto f = thrown([&] {
    rotation.reseal(
        R"({"new_seal_key_file": "/etc/ssrlink/seal-2027.key", "old_seal_key_file": "x"})");
  });
  EXPECT_EQ(f.code(), status::invalid_argument);
  EXPECT_THAT(f.what(), HasSubstr("Unknown key \"old_seal_key_file\""));
  EXPECT_TRUE(opened_paths.empty());
  expect_nothing_changed();
}

struct bad_reseal {
  const char *json;
  const char *names;  // what the sentence must mention
};

void PrintTo(const bad_reseal &r, std::ostream *os) {
  *os << r.json;
}

class reseal_request_rejects : public reseal_request_test,
                               public ::testing::WithParamInterface<bad_reseal> {};

TEST_P(reseal_request_rejects, with_a_sentence_and_opens_no_file) {
  const auto f = thrown([&] { rotation.reseal(GetParam().json); });
  EXPECT_EQ(f.code(), status::invalid_argument);
  EXPECT_THAT(f.what(), HasSubstr(GetParam().names));
  EXPECT_TRUE(opened_paths.empty());
  expect_nothing_changed();
}

INSTANTIATE_TEST_SUITE_P(bad_requests, reseal_request_rejects,
                         ::testing::Values(bad_reseal{"{}", "\"new_seal_key_file\" is required"},
                                           bad_reseal{R"({"new_seal_key_file": 7})",
                                                      "\"new_seal_key_file\""},
                                           bad_reseal{R"({"new_seal_key_file": "/k")",
                                                      "The reseal request is not valid JSON"},
                                           bad_reseal{R"(["/etc/ssrlink/seal-2027.key"])",
                                                      "The reseal request must be a JSON object"}));

TEST(key_rotation_construction, refuses_an_empty_opener) {
  memory_credential_store store;
  recording_logger log;
  sealer_in_force keys(make_sealer(1));
  credential_writes writes(store, keys);
  EXPECT_EQ(thrown([&] { key_rotation rotation(store, keys, writes, {}, log); }).code(),
            status::internal);
}

}  // namespace
}  // namespace ssrlink::core::testing
