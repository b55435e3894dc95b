#include "core/sweep/sweep_request.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ssrlink::core {
namespace {

status status_of(std::string_view json) {
  try {
    parse_sweep_request(json, "w1");
  } catch (const failure &f) {
    return f.code();
  }
  return status::ok;
}

std::string message_of(std::string_view json) {
  try {
    parse_sweep_request(json, "w1");
  } catch (const failure &f) {
    return f.what();
  }
  return {};
}

TEST(SweepRequest, DefaultsFollowTheContract) {
  const sweep_request r = parse_sweep_request(R"({"scope": "district"})", "host-1");
  EXPECT_EQ(r.scope, "district");
  EXPECT_FALSE(r.school());
  EXPECT_FALSE(r.dry_run);
  EXPECT_FALSE(r.include_previous_year);
  EXPECT_FALSE(r.skip_leave_before);
  EXPECT_TRUE(r.skip_tags.empty());
  EXPECT_EQ(r.concurrency, 16u);
  EXPECT_EQ(r.worker, "host-1");
  EXPECT_FALSE(r.max_students);
  EXPECT_EQ(r.lease, std::chrono::seconds(300));
}

TEST(SweepRequest, ReadsEveryKey) {
  const sweep_request r = parse_sweep_request(
      R"({"scope": "994", "dry_run": true, "include_previous_year": true,
          "skip_leave_before": "2026-06-30", "skip_tags": ["X", "NS"], "concurrency": 256,
          "worker": "web-1", "max_students": 10, "lease_seconds": 60})",
      "w");
  EXPECT_EQ(r.school(), std::optional<std::string>("994"));
  EXPECT_TRUE(r.dry_run);
  EXPECT_TRUE(r.include_previous_year);
  ASSERT_TRUE(r.skip_leave_before);
  EXPECT_EQ(format_day(*r.skip_leave_before), "2026-06-30");
  EXPECT_EQ(r.skip_tags, (std::vector<std::string>{"X", "NS"}));
  EXPECT_EQ(r.concurrency, 256u);
  EXPECT_EQ(r.worker, "web-1");
  EXPECT_EQ(r.max_students, std::optional<std::int64_t>(10));
  EXPECT_EQ(r.lease, std::chrono::seconds(60));
}

TEST(SweepRequest, RefusesBadValuesNamingTheKey) {
  EXPECT_EQ(status_of(R"({})"), status::invalid_argument);
  EXPECT_EQ(status_of(R"({"scope": "district", "concurrency": 0})"), status::invalid_argument);
  EXPECT_EQ(status_of(R"({"scope": "district", "concurrency": 257})"), status::invalid_argument);
  EXPECT_NE(message_of(R"({"scope": "district", "concurrency": 257})").find("concurrency"),
            std::string::npos);
  EXPECT_NE(message_of(R"({"scope": "district", "skip_leave_before": "30/06/2026"})")
                .find("skip_leave_before"),
            std::string::npos);
  EXPECT_EQ(status_of(R"({"scope": "dist%rict"})"), status::invalid_argument);
  EXPECT_EQ(status_of(R"({"scope": "district", "worker": "a|b"})"), status::invalid_argument);
  EXPECT_EQ(status_of(R"({"scope": "district", "lease_seconds": 0})"), status::invalid_argument);
  EXPECT_EQ(status_of(R"({"scope": "district", "skip_tags": "X"})"), status::invalid_argument);
  EXPECT_NE(message_of(R"({"scope": "district", "colour": 1})").find("colour"), std::string::npos);
  EXPECT_EQ(status_of("not json"), status::invalid_argument);
}

TEST(SweepRequest, ASchoolScopeMayBeAnInteger) {
  const sweep_request r = parse_sweep_request(R"({"scope": 12})", "w1");
  EXPECT_EQ(r.scope, "12");
  EXPECT_EQ(r.school(), "12");
  EXPECT_EQ(message_of(R"({"scope": -12})"), "\"scope\" must not be negative (got -12).");
  EXPECT_EQ(message_of(R"({"scope": 12.5})"),
            "\"scope\" must be a string or a whole number without a fraction or an exponent (got "
            "12.5).");
  EXPECT_EQ(message_of(R"({"scope": true})"),
            "\"scope\" must be a string or a whole number, not true or false.");
  EXPECT_NE(message_of(R"({"scope": 99999999999999999999})").find("send a larger code as a string"),
            std::string::npos);
}

TEST(SweepRequest, DefaultWorkerNamesDifferAcrossContainersAndPassTheWorkerCheck) {
  // Two containers: the same image's host name, both pid 1. The random part tells them apart.
  const std::string a = default_worker_name("web", 1, 1111);
  const std::string b = default_worker_name("web", 1, 2222);
  EXPECT_NE(a, b);
  EXPECT_EQ(a, "web-1-1111");
  // Whatever the host name holds, the name is accepted where a named worker would be.
  for (const std::string &name :
       {default_worker_name("pod_7 (eu%west)\n", 42, 7), default_worker_name("", 3, 9),
        default_worker_name(std::string(300, 'h'), 99999, 4294967295U)}) {
    EXPECT_EQ(status_of(R"({"scope": "district", "worker": ")" + name + R"("})"), status::ok)
        << name;
  }
  EXPECT_EQ(default_worker_name("pod_7 (eu%west)", 42, 7), "pod-7--eu-west--42-7");
  EXPECT_EQ(default_worker_name("", 3, 9), "host-3-9");
}

TEST(SweepRequest, WhenDueIsReadAndNeverWithADryRun) {
  EXPECT_FALSE(parse_sweep_request(R"({"scope": "district"})", "w1").when_due);
  EXPECT_TRUE(parse_sweep_request(R"({"scope": "district", "when_due": true})", "w1").when_due);
  EXPECT_EQ(status_of(R"({"scope": "district", "when_due": "yes"})"), status::invalid_argument);
  EXPECT_EQ(message_of(R"({"scope": "district", "when_due": true, "dry_run": true})"),
            "\"when_due\" cannot be combined with \"dry_run\": a dry run writes nothing, and a "
            "scheduled run records itself.");
  EXPECT_EQ(status_of(R"({"scope": "district", "when_due": false, "dry_run": true})"), status::ok);
}

TEST(SweepRequest, OptionsLeftOutComeFromTheDistrictDefaults) {
  sweep_defaults defaults;
  defaults.include_previous_year = true;
  day_point june{};
  ASSERT_TRUE(parse_day("2026-06-30", june));
  defaults.skip_leave_before = june;
  defaults.skip_tags = std::vector<std::string>{"X", "NS"};
  defaults.concurrency = 4;
  const sweep_request r = parse_sweep_request(R"({"scope": "district"})", "w1", defaults);
  EXPECT_TRUE(r.include_previous_year);
  EXPECT_EQ(r.skip_leave_before, june);
  EXPECT_EQ(r.skip_tags, (std::vector<std::string>{"X", "NS"}));
  EXPECT_EQ(r.concurrency, 4u);
  // The request's own value wins, an empty list and false included; null counts as left out.
  const sweep_request own = parse_sweep_request(
      R"({"scope": "district", "include_previous_year": false, "skip_leave_before": "2025-01-31",
          "skip_tags": [], "concurrency": 32})",
      "w1", defaults);
  EXPECT_FALSE(own.include_previous_year);
  ASSERT_TRUE(own.skip_leave_before);
  EXPECT_EQ(format_day(*own.skip_leave_before), "2025-01-31");
  EXPECT_TRUE(own.skip_tags.empty());
  EXPECT_EQ(own.concurrency, 32u);
  const sweep_request nulls = parse_sweep_request(
      R"({"scope": "district", "skip_tags": null, "concurrency": null})", "w1", defaults);
  EXPECT_EQ(nulls.skip_tags, (std::vector<std::string>{"X", "NS"}));
  EXPECT_EQ(nulls.concurrency, 4u);
  // Out of range in the settings (they are checked when saved; a hand-edited row is not).
  sweep_defaults wild;
  wild.concurrency = 100000;
  EXPECT_EQ(parse_sweep_request(R"({"scope": "district"})", "w1", wild).concurrency, 256u);
}

}  // namespace
}  // namespace ssrlink::core
