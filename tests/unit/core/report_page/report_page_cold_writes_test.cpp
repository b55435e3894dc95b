// report_page_service rules 3 and 4, the writes around a page: with a transaction scope, the
// shared link cache's new entry (a cold page), the audit row and a parent's offered mark are
// written in one scope; when they cannot be, the row is written alone and the page still shown.
// Over the memory doubles; the real commit and rollback are
// tests/integration/odbc/transaction_scope_test.cpp's.
#include <gtest/gtest.h>

#include "service_fixture.hpp"

namespace ssrlink::test {
namespace {

const std::string staff = R"({"role": "staff", "user_id": "s-9", "permitted": true})";
const std::string parent =
    R"({"role": "parent", "user_id": "p-1", "permitted": true, "contact_sequence": 1})";

TEST(report_page_cold_writes, a_cold_page_writes_its_entry_and_row_in_one_scope) {
  service_fixture fx;
  fx.with_transactions = true;
  auto svc = fx.service();
  const auto cold = boost::json::parse(svc.handle(request_as(staff)).json);
  EXPECT_EQ(str(cold.at("outcome")), "reports");
  EXPECT_EQ(fx.transactions.scopes(), 1);
  EXPECT_EQ(fx.store.puts(), 1);
  EXPECT_EQ(fx.audit.entries().size(), 1U);

  // Warm: nothing new to share, so the row goes alone, outside any scope.
  const auto warm = boost::json::parse(svc.handle(request_as(staff)).json);
  EXPECT_TRUE(warm.at("cached").as_bool());
  EXPECT_EQ(fx.transactions.scopes(), 1);
  EXPECT_EQ(fx.store.puts(), 1);
  EXPECT_EQ(fx.audit.entries().size(), 2U);
}

TEST(report_page_cold_writes, another_process_is_served_from_the_entry_written_with_the_row) {
  service_fixture fx;
  fx.with_transactions = true;
  fx.run(request_as(staff));
  auto other_process = fx.service();  // a fresh process-level cache over the same store
  const auto page = boost::json::parse(other_process.handle(request_as(staff)).json);
  EXPECT_TRUE(page.at("cached").as_bool());
  EXPECT_EQ(fx.ets.calls(), 1);
}

TEST(report_page_cold_writes, a_kept_no_data_answer_is_written_with_its_row_too) {
  service_fixture fx;
  fx.with_transactions = true;
  fx.ets.answer_every_ssid(
      ets_reports_result{ets_failure{ets_error::no_test_data, ets_fault::answered, 404, "none"}});
  const auto page = fx.run(request_as(staff));
  EXPECT_EQ(str(page.at("outcome")), "no_reports");
  EXPECT_EQ(fx.transactions.scopes(), 1);
  EXPECT_EQ(fx.store.puts(), 1);
}

TEST(report_page_cold_writes, when_the_entry_cannot_be_written_the_row_is_written_alone) {
  service_fixture fx;
  fx.with_transactions = true;
  fx.store.fail_every_call();
  const auto page = fx.run(request_as(staff));
  EXPECT_EQ(str(page.at("outcome")), "reports");  // the page is still shown
  EXPECT_EQ(fx.transactions.scopes(), 1);
  ASSERT_EQ(fx.audit.entries().size(), 1U);  // once: the row is idempotent per call key
  EXPECT_EQ(fx.audit.entries().at(0).outcome, "reports");
  EXPECT_TRUE(fx.log.mentions("writing the audit row alone")) << fx.log.joined();
}

TEST(report_page_cold_writes, when_no_row_can_be_written_no_links_are_shown) {
  service_fixture fx;
  fx.with_transactions = true;
  fx.audit.fail_every_write();
  auto svc = fx.service();
  EXPECT_THROW(svc.handle(request_as(staff)), failure);
  EXPECT_EQ(fx.transactions.scopes(), 1);
}

TEST(report_page_cold_writes, without_a_scope_the_entry_is_written_when_fetched) {
  service_fixture fx;
  fx.run(request_as(staff));
  EXPECT_EQ(fx.transactions.scopes(), 0);
  EXPECT_EQ(fx.store.puts(), 1);
  EXPECT_EQ(fx.audit.entries().size(), 1U);
}

TEST(report_page_cold_writes, a_parents_warm_page_writes_its_row_and_offered_mark_in_one_scope) {
  service_fixture fx;
  fx.with_transactions = true;
  auto svc = fx.service();
  svc.handle(request_as(parent));  // cold: entry, row and mark
  svc.handle(request_as(parent));  // warm: row and mark
  EXPECT_EQ(fx.transactions.scopes(), 2);
  EXPECT_EQ(fx.audit.entries().size(), 2U);
  EXPECT_EQ(fx.offered.calls().size(), 2U);
  svc.handle(request_as(staff));  // warm, not a parent: the row alone, no scope
  EXPECT_EQ(fx.transactions.scopes(), 2);
}

TEST(report_page_cold_writes, when_the_mark_cannot_be_written_the_row_still_is_and_the_page_shown) {
  service_fixture fx;
  fx.with_transactions = true;
  fx.offered.fail_every_call();
  const auto page = fx.run(request_as(parent));
  EXPECT_EQ(str(page.at("outcome")), "reports");
  ASSERT_EQ(fx.audit.entries().size(), 1U);
  EXPECT_TRUE(fx.log.mentions("Could not record that a parent was offered")) << fx.log.joined();
}

}  // namespace
}  // namespace ssrlink::test
