// odbc_transaction_scope on real drivers: the cold report page's audit row and shared link cache
// entry commit together or not at all, on SQLite and PostgreSQL.
#include "odbc/transaction_scope.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "backends.hpp"
#include "core/error.hpp"
#include "odbc/odbc_ports.hpp"
#include "test_support.hpp"

namespace ssrlink::odbc::testing {
namespace {

template <class Backend>
class transaction_scope_test : public ::testing::Test {
 protected:
  void SetUp() override { ports_ = make_odbc_ports(Backend::fresh_database(), 4, log_); }

  core::audit_entry row(const std::string &key) const {
    core::audit_entry entry;
    entry.at = at_ms(1795475266123);
    entry.role = "admin";
    entry.user_id = "admin-1";
    entry.student_id = 1003;
    entry.page = "test_scores";
    entry.outcome = "reports";
    entry.offered = "[]";
    entry.call_key = key;
    return entry;
  }
  void write_both(const std::string &key) {
    ports_.audit->record(row(key));
    ports_.link_cache->put("ssr:" + key, "payload", at_ms(1795475266123 + 60000),
                           at_ms(1795475266123));
  }
  std::int64_t rows_of(const std::string &key) {
    return scalar(*ports_.pool,
                  "SELECT COUNT(*) FROM ssrlink_audit WHERE call_key = '" + key + "'") +
           scalar(*ports_.pool,
                  "SELECT COUNT(*) FROM ssrlink_link_cache WHERE cache_key = 'ssr:" + key + "'");
  }

  recording_logger log_;
  odbc_ports ports_;
};

TYPED_TEST_SUITE(transaction_scope_test, backends, backend_names);

TYPED_TEST(transaction_scope_test, two_ports_writes_commit_together) {
  std::int64_t seen_before_commit = -1;
  this->ports_.transactions->together([&] {
    this->write_both("k1");
    // Another thread takes another connection: nothing is visible before the commit.
    std::thread reader([&] { seen_before_commit = this->rows_of("k1"); });
    reader.join();
  });
  EXPECT_EQ(seen_before_commit, 0);
  EXPECT_EQ(this->rows_of("k1"), 2);
}

TYPED_TEST(transaction_scope_test, a_throw_inside_rolls_both_back_and_passes_through) {
  EXPECT_THROW(this->ports_.transactions->together([&] {
    this->write_both("k2");
    throw std::runtime_error("the second write failed");
  }),
               std::runtime_error);
  EXPECT_EQ(this->rows_of("k2"), 0);
}

TYPED_TEST(transaction_scope_test, a_failing_statement_inside_is_a_sentence_and_nothing_commits) {
  try {
    this->ports_.transactions->together([&] {
      this->ports_.audit->record(this->row("k3"));
      this->ports_.pool->run(
          {"read a missing table", {{"ssrlink_missing", "table"}}},
          [](connection &c) { c.prepare("SELECT x FROM ssrlink_missing").execute({}); });
    });
    FAIL() << "the missing table was not reported";
  } catch (const core::failure &error) {
    EXPECT_NE(std::string(error.what()).find("ssrlink_missing"), std::string::npos);
  }
  EXPECT_EQ(this->rows_of("k3"), 0);
}

TYPED_TEST(transaction_scope_test, after_a_scope_every_write_commits_on_its_own_again) {
  this->ports_.transactions->together([&] { this->write_both("k4"); });
  EXPECT_THROW(this->ports_.transactions->together([] { throw std::runtime_error("no"); }),
               std::runtime_error);
  this->write_both("k5");  // not pinned any more: autocommit, visible to every connection
  std::int64_t seen = -1;
  std::thread reader([&] { seen = this->rows_of("k5"); });
  reader.join();
  EXPECT_EQ(seen, 2);
  EXPECT_EQ(this->rows_of("k4"), 2);
}

}  // namespace
}  // namespace ssrlink::odbc::testing
