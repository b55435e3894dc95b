// The shared link cache sealed at rest: the database never holds a usable report link, and an
// entry that does not open under the current key, for its own key, is a miss.
#include "core/report_page/sealed_link_cache_store.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <utility>

#include "core/report_page/link_cache.hpp"
#include "doubles/fake_ets_client.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/memory_link_cache_store.hpp"
#include "doubles/recording_logger.hpp"
#include "test_links.hpp"

namespace ssrlink::test {
namespace {

// A stand-in for the AES-GCM sealer (the core links no crypto): XOR with a repeating key, hex
// encoded, behind a key id and a 64-bit FNV-1a tag over key, associated data and ciphertext.
// Not secure; it keeps the three properties the decorator relies on: the text does not show
// through, and a value opens only with the same key and the same associated data.
class test_sealer final : public secret_sealer {
 public:
  test_sealer(std::string key, std::string key_id) : key_(std::move(key)), id_(std::move(key_id)) {}

  std::string seal(std::string_view secret, std::string_view scope) const override {
    std::string cipher(secret);
    for (std::size_t i = 0; i < cipher.size(); ++i) {
      cipher[i] = static_cast<char>(cipher[i] ^ key_[i % key_.size()]);
    }
    return "tseal:" + id_ + ":" + hex(tag(scope, cipher)) + ":" + hex(cipher);
  }

  std::optional<std::string> open(std::string_view sealed, std::string_view scope) const override {
    const std::string head = "tseal:" + id_ + ":";
    if (sealed.substr(0, head.size()) != head || sealed.size() < head.size() + 17 ||
        sealed[head.size() + 16] != ':') {
      return std::nullopt;
    }
    const auto cipher = unhex(sealed.substr(head.size() + 17));
    if (!cipher || hex(tag(scope, *cipher)) != sealed.substr(head.size(), 16)) {
      return std::nullopt;
    }
    std::string plain = *cipher;
    for (std::size_t i = 0; i < plain.size(); ++i) {
      plain[i] = static_cast<char>(plain[i] ^ key_[i % key_.size()]);
    }
    return plain;
  }

 private:
  std::uint64_t tag(std::string_view scope, std::string_view cipher) const {
    std::uint64_t h = 14695981039346656037ULL;
    const auto mix = [&](std::string_view part) {
      for (const char c : part) {
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
      }
      h = (h ^ 0xffU) * 1099511628211ULL;  // separator: ("ab", "c") differs from ("a", "bc")
    };
    mix(key_);
    mix(scope);
    mix(cipher);
    return h;
  }
  static std::string hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
      const auto b = static_cast<unsigned char>(c);
      out += digits[b >> 4U];
      out += digits[b & 15U];
    }
    return out;
  }
  static std::string hex(std::uint64_t value) {
    std::string bytes;
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes += static_cast<char>((value >> static_cast<unsigned>(shift)) & 0xffU);
    }
    return hex(std::string_view(bytes));
  }
  static std::optional<std::string> unhex(std::string_view text) {
    const auto value = [](char c) -> int {
      if (c >= '0' && c <= '9') {
        return c - '0';
      }
      if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
      }
      return -1;
    };
    if (text.size() % 2 != 0) {
      return std::nullopt;
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 2) {
      const int hi = value(text[i]);
      const int lo = value(text[i + 1]);
      if (hi < 0 || lo < 0) {
        return std::nullopt;
      }
      out += static_cast<char>(hi * 16 + lo);
    }
    return out;
  }

  std::string key_;
  std::string id_;
};

class sealed_link_cache_store_test : public ::testing::Test {
 protected:
  ssrlink::testing::manual_clock clock;
  ssrlink::testing::memory_link_cache_store inner;
  ssrlink::testing::recording_logger log;
  std::shared_ptr<const secret_sealer> current =
      std::make_shared<test_sealer>("first-seal-key-0123456789abcdef", "k1");
  sealed_link_cache_store sealed{inner, [this] { return current; }, log};

  const std::string key = link_cache::key_for("1234567890", "set-1");
  report_links issued = {make_link("SB", "2018-19", "ENG", "PDF", "ALL", clock.now()),
                         make_link("SB", "2018-19", "SPA", "PDF", "ALL", clock.now())};
  std::string payload =
      link_cache::encode(ets_reports_result{issued}, clock.now() + 25min, clock.now());

  void put(std::string_view k, std::string_view p) {
    sealed.put(k, p, clock.now() + 25min, clock.now());
  }
};

TEST_F(sealed_link_cache_store_test, round_trip) {
  put(key, payload);
  EXPECT_EQ(sealed.get(key, clock.now()), payload);
  EXPECT_EQ(inner.find(key)->expires_at, clock.now() + 25min);  // expiry passes through
  EXPECT_FALSE(sealed.get(key, clock.now() + 25min));           // and still applies
  EXPECT_TRUE(log.lines().empty());
}

TEST_F(sealed_link_cache_store_test, the_inner_store_never_sees_a_link) {
  ASSERT_NE(payload.find("https://"), std::string::npos);  // the payload does hold links
  ASSERT_NE(payload.find("X-Amz"), std::string::npos);
  put(key, payload);
  const std::string stored = inner.find(key)->payload;
  EXPECT_EQ(stored.find("https://"), std::string::npos) << stored;
  EXPECT_EQ(stored.find("X-Amz"), std::string::npos) << stored;
  EXPECT_EQ(stored.find("amazonaws"), std::string::npos) << stored;
  EXPECT_NE(stored, payload);
}

TEST_F(sealed_link_cache_store_test, link_cache_over_the_sealed_store_serves_another_process) {
  ssrlink::testing::fake_ets_client ets;
  ets.answer_every_ssid(ets_reports_result{issued});
  ssrlink::testing::recording_logger cache_log;
  const ets_credentials credentials{"district", "user", "SECRET-KEY-123", "set-1"};
  const auto fetch = [&] { return ets.fetch_reports(credentials, "1234567890"); };
  link_cache first(sealed, clock, cache_log);
  link_cache second(sealed, clock, cache_log);
  EXPECT_FALSE(first.get_or_fetch("1234567890", "set-1", false, fetch).cached);
  const auto hit = second.get_or_fetch("1234567890", "set-1", false, fetch);
  EXPECT_TRUE(hit.cached);
  EXPECT_EQ(hit.result().reports(), issued);
  EXPECT_EQ(ets.calls(), 1);
  for (const auto &[k, row] : inner.rows()) {
    EXPECT_EQ(row.payload.find("https://"), std::string::npos);
    EXPECT_EQ(row.payload.find("X-Amz"), std::string::npos);
  }
}

TEST_F(sealed_link_cache_store_test, an_entry_moved_to_another_key_does_not_open) {
  put(key, payload);
  const std::string other = link_cache::key_for("9999999999", "set-1");
  const auto row = inner.find(key);  // someone with database access copies the row
  inner.set(other, row->payload, row->expires_at);
  EXPECT_FALSE(sealed.get(other, clock.now()));
  EXPECT_EQ(sealed.get(key, clock.now()), payload);  // the original still opens
}

TEST_F(sealed_link_cache_store_test, entries_and_credentials_cannot_stand_in_for_each_other) {
  put(key, payload);
  // A cache entry does not open as a credential sealed for a scope spelled like the key...
  EXPECT_FALSE(current->open(inner.find(key)->payload, key));
  // ...and a credential sealed for such a scope does not open as a cache entry.
  inner.set_payload(key, current->seal("SECRET-KEY-123", key));
  EXPECT_FALSE(sealed.get(key, clock.now()));
  EXPECT_EQ(sealed_link_cache_store::associated_data_for(key), "ssrlink link cache v1:" + key);
}

TEST_F(sealed_link_cache_store_test, an_entry_sealed_under_a_rotated_out_key_is_a_miss) {
  put(key, payload);
  current = std::make_shared<test_sealer>("second-seal-key-fedcba987654321", "k2");
  EXPECT_FALSE(sealed.get(key, clock.now()));
  put(key, payload);  // the next fetch replaces it under the key in force
  EXPECT_EQ(sealed.get(key, clock.now()), payload);
  EXPECT_EQ(inner.find(key)->payload.rfind("tseal:k2:", 0), 0U);
}

TEST_F(sealed_link_cache_store_test, tampered_or_clear_entries_are_misses) {
  put(key, payload);
  const std::string good = inner.find(key)->payload;
  std::vector<std::string> bad;
  for (const std::size_t at : {std::size_t{7}, std::size_t{12}, good.size() / 2, good.size() - 1}) {
    std::string flipped = good;
    flipped[at] = flipped[at] == '0' ? '1' : '0';
    bad.push_back(flipped);
  }
  bad.push_back(good.substr(0, good.size() - 2));
  bad.push_back("");
  bad.push_back(payload);  // an entry written in clear by an older version
  for (const auto &value : bad) {
    inner.set_payload(key, value);
    EXPECT_FALSE(sealed.get(key, clock.now())) << value;
  }
}

TEST_F(sealed_link_cache_store_test, misses_are_logged_once_at_info_without_the_entry) {
  put(key, payload);
  current = std::make_shared<test_sealer>("second-seal-key-fedcba987654321", "k2");
  EXPECT_FALSE(sealed.get(key, clock.now()));
  EXPECT_FALSE(sealed.get(key, clock.now()));
  EXPECT_FALSE(sealed.get(key, clock.now()));
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0].first, log_level::info);
  EXPECT_EQ(lines[1].first, log_level::debug);
  EXPECT_EQ(lines[2].first, log_level::debug);
  for (const auto &[level, line] : lines) {
    EXPECT_EQ(line.find("https://"), std::string::npos) << line;
    EXPECT_EQ(line.find("1234567890"), std::string::npos) << line;  // the key holds the SSID
    EXPECT_EQ(line.find("tseal"), std::string::npos) << line;
  }
}

TEST_F(sealed_link_cache_store_test, without_a_sealer_nothing_is_written_in_clear) {
  current = nullptr;
  EXPECT_THROW(put(key, payload), failure);
  EXPECT_EQ(inner.puts(), 0);
  inner.set(key, payload, clock.now() + 25min);
  EXPECT_FALSE(sealed.get(key, clock.now()));
}

TEST_F(sealed_link_cache_store_test, inner_store_failures_pass_through) {
  inner.fail_every_call();
  EXPECT_THROW(sealed.get(key, clock.now()), failure);
  EXPECT_THROW(put(key, payload), failure);
}

}  // namespace
}  // namespace ssrlink::test
