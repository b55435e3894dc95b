// report_page/prepared_reports_cache: one preparation per answer, page and language, never
// another answer's, and bounded.
#include "core/report_page/prepared_reports_cache.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ssrlink::core {
namespace {

std::shared_ptr<const ets_reports_result> an_answer() {
  return std::make_shared<const ets_reports_result>(ets_reports_result{report_links{}});
}

struct counting_prepare {
  int calls = 0;
  std::shared_ptr<const prepared_reports> operator()() {
    ++calls;
    auto out = std::make_shared<prepared_reports>();
    out->reports_json = "preparation " + std::to_string(calls);
    return out;
  }
};

TEST(prepared_reports_cache, one_preparation_per_answer_page_and_language) {
  prepared_reports_cache cache(16);
  counting_prepare prepare;
  const auto fn = [&] { return prepare(); };
  const auto answer = an_answer();
  const auto first =
      cache.get_or_prepare(answer, report_page_kind::test_scores, ui_language::en, fn);
  const auto again =
      cache.get_or_prepare(answer, report_page_kind::test_scores, ui_language::en, fn);
  EXPECT_EQ(first, again);
  EXPECT_EQ(prepare.calls, 1);

  cache.get_or_prepare(answer, report_page_kind::test_scores, ui_language::es, fn);
  cache.get_or_prepare(answer, report_page_kind::language_assessment, ui_language::en, fn);
  EXPECT_EQ(prepare.calls, 3);
  cache.get_or_prepare(an_answer(), report_page_kind::test_scores, ui_language::en, fn);
  EXPECT_EQ(prepare.calls, 4);
}

TEST(prepared_reports_cache, rule_1_a_dead_answer_is_never_served_to_a_new_one_at_its_address) {
  prepared_reports_cache cache(16);
  counting_prepare prepare;
  const auto fn = [&] { return prepare(); };
  // Two answers built one after the other in the same storage: the second has the first's
  // address, as a new answer can when an allocator reuses a freed block.
  alignas(ets_reports_result) unsigned char storage[sizeof(ets_reports_result)];
  const auto destroy_only = [](const ets_reports_result *answer) { answer->~ets_reports_result(); };
  std::shared_ptr<const ets_reports_result> first(new (storage) ets_reports_result{report_links{}},
                                                  destroy_only);
  EXPECT_EQ(
      cache.get_or_prepare(first, report_page_kind::test_scores, ui_language::en, fn)->reports_json,
      "preparation 1");
  first.reset();
  const std::shared_ptr<const ets_reports_result> second(
      new (storage) ets_reports_result{report_links{}}, destroy_only);
  EXPECT_EQ(cache.get_or_prepare(second, report_page_kind::test_scores, ui_language::en, fn)
                ->reports_json,
            "preparation 2");
  EXPECT_EQ(cache.get_or_prepare(second, report_page_kind::test_scores, ui_language::en, fn)
                ->reports_json,
            "preparation 2");
  EXPECT_EQ(prepare.calls, 2);
}

TEST(prepared_reports_cache, rule_2_a_failed_preparation_stores_nothing) {
  prepared_reports_cache cache(16);
  const auto answer = an_answer();
  EXPECT_THROW(cache.get_or_prepare(answer, report_page_kind::test_scores, ui_language::en,
                                    []() -> std::shared_ptr<const prepared_reports> {
                                      throw std::runtime_error("prepare failed");
                                    }),
               std::runtime_error);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(prepared_reports_cache, rule_3_bounded_dead_answers_go_first_then_everything) {
  prepared_reports_cache cache(4);
  counting_prepare prepare;
  const auto fn = [&] { return prepare(); };
  std::vector<std::shared_ptr<const ets_reports_result>> alive;
  for (int i = 0; i < 4; ++i) {
    alive.push_back(an_answer());
    cache.get_or_prepare(alive.back(), report_page_kind::test_scores, ui_language::en, fn);
  }
  EXPECT_EQ(cache.size(), 4u);
  alive.erase(alive.begin());  // one answer dies: its entry makes room for the next
  alive.push_back(an_answer());
  cache.get_or_prepare(alive.back(), report_page_kind::test_scores, ui_language::en, fn);
  EXPECT_EQ(cache.size(), 4u);
  // Every answer alive and the memo full: it starts empty again with the new entry.
  alive.push_back(an_answer());
  cache.get_or_prepare(alive.back(), report_page_kind::test_scores, ui_language::en, fn);
  EXPECT_EQ(cache.size(), 1u);
  for (int i = 0; i < 100; ++i) {
    alive.push_back(an_answer());
    cache.get_or_prepare(alive.back(), report_page_kind::test_scores, ui_language::en, fn);
    EXPECT_LE(cache.size(), 4u);
  }
}

TEST(prepared_reports_cache, rule_3_answers_replaced_one_after_another_do_not_pile_up) {
  // A cold path: each answer is prepared once and replaced by the next fetch's.
  prepared_reports_cache cache(100000);
  counting_prepare prepare;
  const auto fn = [&] { return prepare(); };
  for (int i = 0; i < 5000; ++i) {
    const auto answer = an_answer();
    cache.get_or_prepare(answer, report_page_kind::test_scores, ui_language::en, fn);
    EXPECT_LE(cache.size(), prepared_reports_cache::sweep_every);
  }
  EXPECT_EQ(prepare.calls, 5000);
}

}  // namespace
}  // namespace ssrlink::core
