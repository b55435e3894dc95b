#include "crypto/seal_key_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <barrier>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/error.hpp"
#include "doubles/recording_logger.hpp"

namespace ssrlink::crypto {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view valid_hex =
    "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";

class seal_key_file_test : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "ssrlink-seal-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (dir_ / "seal.key").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_key_file(std::string_view content, fs::perms perms) {
    std::ofstream(path_, std::ios::binary) << content;
    fs::permissions(path_, perms);
  }

  // The failure open_seal_key throws, or a test failure when it does not throw.
  core::failure refusal() {
    try {
      open_seal_key(path_, log_);
    } catch (const core::failure &f) {
      return f;
    }
    ADD_FAILURE() << "open_seal_key accepted " << path_;
    return core::failure(core::status::ok, "");
  }

  fs::path dir_;
  std::string path_;
  ssrlink::testing::recording_logger log_;
};

TEST_F(seal_key_file_test, creates_a_missing_file_with_mode_0600_and_logs_it) {
  const auto sealer = open_seal_key(path_, log_);
  ASSERT_NE(sealer, nullptr);

  struct stat info {};
  ASSERT_EQ(::stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::ifstream in(path_);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(content, ::testing::MatchesRegex("[0-9a-f]{64}\n"));

  const auto lines = log_.lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].first, core::log_level::info);
  EXPECT_THAT(lines[0].second, HasSubstr(path_));
  EXPECT_THAT(lines[0].second, Not(HasSubstr(content.substr(0, 64))));
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(seal_key_file_test, created_key_is_random_per_file) {
  open_seal_key(path_, log_);
  const std::string second = (dir_ / "second.key").string();
  open_seal_key(second, log_);
  std::ifstream a(path_), b(second);
  std::string key_a, key_b;
  a >> key_a;
  b >> key_b;
  EXPECT_NE(key_a, key_b);
}

TEST_F(seal_key_file_test, reopening_gives_the_same_key) {
  const auto first = open_seal_key(path_, log_);
  const auto sealed = first->seal("secret-value-1234", "district");
  const auto second = open_seal_key(path_, log_);
  EXPECT_EQ(second->open(sealed, "district"), "secret-value-1234");
  EXPECT_EQ(log_.lines().size(), 1u);  // created once, then only read
}

TEST_F(seal_key_file_test, reads_a_key_with_or_without_a_trailing_newline) {
  write_key_file(valid_hex, fs::perms::owner_read | fs::perms::owner_write);
  const auto without = open_seal_key(path_, log_);
  write_key_file(std::string(valid_hex) + "\n", fs::perms::owner_read);
  const auto with = open_seal_key(path_, log_);
  EXPECT_EQ(with->open(without->seal("abc", "district"), "district"), "abc");
  EXPECT_TRUE(log_.lines().empty());
}

TEST_F(seal_key_file_test, refuses_a_group_or_world_accessible_file) {
  for (auto extra : {fs::perms::group_read, fs::perms::group_write, fs::perms::others_read,
                     fs::perms::others_write}) {
    write_key_file(valid_hex, fs::perms::owner_read | fs::perms::owner_write | extra);
    const auto f = refusal();
    EXPECT_EQ(f.code(), core::status::config);
    EXPECT_THAT(f.what(), HasSubstr(path_));
    EXPECT_THAT(f.what(), HasSubstr("chmod 600 " + path_));
  }
}

TEST_F(seal_key_file_test, refuses_non_hex_content_without_echoing_it) {
  std::string bad(valid_hex);
  bad[10] = 'g';
  write_key_file(bad, fs::perms::owner_read | fs::perms::owner_write);
  const auto f = refusal();
  EXPECT_EQ(f.code(), core::status::config);
  EXPECT_THAT(f.what(), HasSubstr(path_));
  EXPECT_THAT(f.what(), HasSubstr("hexadecimal"));
  EXPECT_THAT(f.what(), Not(HasSubstr(bad.substr(0, 10))));
}

TEST_F(seal_key_file_test, refuses_a_key_of_the_wrong_length) {
  for (const std::string &content :
       {std::string(valid_hex.substr(0, 62)), std::string(valid_hex) + "00", std::string(),
        std::string("\n"), std::string(valid_hex) + "\n\n"}) {
    write_key_file(content, fs::perms::owner_read | fs::perms::owner_write);
    const auto f = refusal();
    EXPECT_EQ(f.code(), core::status::config);
    EXPECT_THAT(f.what(), HasSubstr("64 hexadecimal characters"));
  }
}

TEST_F(seal_key_file_test, refuses_a_missing_directory_and_names_it) {
  path_ = (dir_ / "absent" / "seal.key").string();
  const auto f = refusal();
  EXPECT_EQ(f.code(), core::status::config);
  EXPECT_THAT(f.what(), HasSubstr((dir_ / "absent").string()));
  EXPECT_FALSE(fs::exists(dir_ / "absent"));
}

TEST_F(seal_key_file_test, refuses_a_directory_and_a_symbolic_link) {
  fs::create_directory(path_);
  EXPECT_EQ(refusal().code(), core::status::config);
  fs::remove(path_);

  const auto target = dir_ / "real.key";
  std::ofstream(target) << valid_hex;
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
  fs::create_symlink(target, path_);
  EXPECT_THAT(refusal().what(), HasSubstr("symbolic link"));
}

TEST_F(seal_key_file_test, openers_racing_to_create_the_file_agree_on_one_key) {
  constexpr int racers = 8;
  std::vector<std::unique_ptr<core::secret_sealer>> sealers(racers);
  std::barrier start(racers);
  std::vector<std::thread> threads;
  for (int i = 0; i < racers; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      sealers[static_cast<std::size_t>(i)] = open_seal_key(path_, log_);
    });
  }
  for (auto &t : threads) {
    t.join();
  }
  const auto sealed = sealers[0]->seal("shared", "district");
  for (const auto &s : sealers) {
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->open(sealed, "district"), "shared");
  }
  EXPECT_EQ(log_.lines().size(), 1u);  // exactly one of them created it
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace ssrlink::crypto
