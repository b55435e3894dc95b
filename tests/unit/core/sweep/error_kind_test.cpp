// The names the sweep counts failures under: hosts key alerts on them, so each is pinned here.
#include "core/sweep/error_kind.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ssrlink::core {
namespace {

ets_failure failed(ets_error error, ets_fault fault) {
  ets_failure f;
  f.error = error;
  f.fault = fault;
  return f;
}

TEST(ErrorKind, AnAnsweredFailureIsNamedByTheEtsError) {
  EXPECT_EQ(error_kind(failed(ets_error::not_authorized, ets_fault::answered)), "not_authorized");
  EXPECT_EQ(error_kind(failed(ets_error::no_test_data, ets_fault::answered)), "no_test_data");
  EXPECT_EQ(error_kind(failed(ets_error::ssid_not_found, ets_fault::answered)), "ssid_not_found");
  EXPECT_EQ(error_kind(failed(ets_error::enrollment_mismatch, ets_fault::answered)),
            "enrollment_mismatch");
  EXPECT_EQ(error_kind(failed(ets_error::internal_error, ets_fault::answered)), "internal_error");
  EXPECT_EQ(error_kind(failed(ets_error::processing_error, ets_fault::answered)),
            "processing_error");
}

TEST(ErrorKind, ATransportFailureIsNamedByTheFault) {
  EXPECT_EQ(error_kind(failed(ets_error::processing_error, ets_fault::unreachable)), "unreachable");
  EXPECT_EQ(error_kind(failed(ets_error::processing_error, ets_fault::timed_out)), "timed_out");
  EXPECT_EQ(error_kind(failed(ets_error::processing_error, ets_fault::tls)), "tls");
  EXPECT_EQ(error_kind(failed(ets_error::internal_error, ets_fault::rate_limited)), "rate_limited");
  EXPECT_EQ(error_kind(failed(ets_error::processing_error, ets_fault::bad_response)),
            "bad_response");
}

TEST(ErrorKind, TheSweepsOwnFailuresKeepTheirNames) {
  EXPECT_EQ(std::string(to_string(sweep_error::no_credentials)), "no_credentials");
  EXPECT_EQ(std::string(to_string(sweep_error::conflict)), "conflict");
  EXPECT_EQ(std::string(to_string(sweep_error::database)), "database");
}

}  // namespace
}  // namespace ssrlink::core
