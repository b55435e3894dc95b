// When an answer lets its connection carry the next request (answer_allows_reuse): each rule of
// https_connection.hpp on its own, since a wrong "yes" lets the next request read a stale or
// planted answer.
#include <gtest/gtest.h>

#include "ets/https_connection.hpp"

namespace ssrlink::ets {
namespace {

http_answer answer(int status, bool keep_alive = true, bool complete = true) {
  http_answer a;
  a.status = status;
  a.keep_alive = keep_alive;
  a.complete = complete;
  return a;
}

TEST(answer_allows_reuse, complete_keep_alive_2xx_and_4xx_answers_do) {
  for (const int status : {200, 204, 400, 401, 404, 429}) {
    EXPECT_TRUE(answer_allows_reuse(answer(status))) << status;
  }
}

TEST(answer_allows_reuse, rule_1_not_when_the_server_closes) {
  EXPECT_FALSE(answer_allows_reuse(answer(200, false)));
  EXPECT_FALSE(answer_allows_reuse(answer(404, false)));
}

TEST(answer_allows_reuse, rule_2_not_when_the_message_was_not_read_to_its_end) {
  EXPECT_FALSE(answer_allows_reuse(answer(200, true, false)));
  EXPECT_FALSE(answer_allows_reuse(answer(401, true, false)));
}

TEST(answer_allows_reuse, rule_3_not_after_1xx_3xx_or_5xx) {
  for (const int status : {0, 100, 101, 199, 301, 304, 500, 502, 503, 504, 599, 600}) {
    EXPECT_FALSE(answer_allows_reuse(answer(status))) << status;
  }
}

TEST(answer_allows_reuse, a_default_answer_does_not) {
  EXPECT_FALSE(answer_allows_reuse(http_answer{}));
}

}  // namespace
}  // namespace ssrlink::ets
