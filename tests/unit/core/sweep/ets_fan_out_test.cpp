// The bound on ETS calls in flight, answers handed back to the calling thread, and the wait for
// calls still in flight when handling an answer throws.
#include "core/sweep/ets_fan_out.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "doubles/fake_ets_client.hpp"

namespace ssrlink::testing {
namespace {

using namespace ssrlink::core;

const ets_credentials pair{"district", "user", "secret-secret-secret", "district@1"};

std::vector<fetch_job> jobs(int count) {
  std::vector<fetch_job> out;
  for (int i = 0; i < count; ++i) {
    out.push_back({&pair, std::to_string(2000000000 + i)});
  }
  return out;
}

TEST(FetchAll, HandlesEveryAnswerOnTheCallingThreadWithinTheBound) {
  fake_ets_client ets;
  ets.answer_every_ssid(ets_failed(ets_error::no_test_data));
  std::set<std::size_t> handled;
  const std::thread::id caller = std::this_thread::get_id();
  fetch_all(ets, 3, jobs(20), [&](std::size_t index, const ets_reports_result &result) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    EXPECT_FALSE(result.ok());
    handled.insert(index);
  });
  EXPECT_EQ(handled.size(), 20u);
  EXPECT_EQ(*handled.rbegin(), 19u);
  EXPECT_EQ(ets.calls(), 20);
  EXPECT_LE(ets.max_in_flight(), 3);
}

TEST(FetchAll, AZeroBoundStillFetchesOneAtATime) {
  fake_ets_client ets;
  int handled = 0;
  fetch_all(ets, 0, jobs(5), [&](std::size_t, const ets_reports_result &) { ++handled; });
  EXPECT_EQ(handled, 5);
  EXPECT_EQ(ets.max_in_flight(), 1);
}

TEST(FetchAll, AHandlerThatThrowsStopsFetchingAndWaitsForTheCallsInFlight) {
  fake_ets_client ets;
  int handled = 0;
  EXPECT_THROW(fetch_all(ets, 4, jobs(50),
                         [&](std::size_t, const ets_reports_result &) {
                           ++handled;
                           throw std::runtime_error("the database went away");
                         }),
               std::runtime_error);
  EXPECT_EQ(handled, 1);
  EXPECT_EQ(ets.calls(), 4);  // no call started after the failure
}

TEST(FetchAll, NoJobsIsNoCall) {
  fake_ets_client ets;
  fetch_all(ets, 4, {}, [](std::size_t, const ets_reports_result &) { FAIL(); });
  EXPECT_EQ(ets.calls(), 0);
}

}  // namespace
}  // namespace ssrlink::testing
