// page_bench measures "the same district" on SQLite and on PostgreSQL; this holds it to that:
// every demo student's page, as the benchmark's admin sees it, gets the same answer on both
// backends (outcome, links, HTML), and the PostgreSQL server runs the settings asked for.
#include "bench_world.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <string>

namespace ssrlink::bench {
namespace {

constexpr long first_student = 1001;
constexpr long demo_students = 30;

// Each demo student's answer, without what differs between two worlds whatever the database:
// each world has its own fake-ets, so link URLs (its port, signed names) and expiry times differ,
// and the HTML holds the URLs.
std::map<long, std::string> answers(const bench_world &world) {
  std::map<long, std::string> out;
  for (long id = first_student; id < first_student + demo_students; ++id) {
    std::string text;
    const int status = world.reports(admin_request(id), text);
    auto answer = boost::json::parse(text).as_object();
    answer.erase("links_expire_at");
    answer.erase("html");
    if (auto *reports = answer.if_contains("reports"); reports != nullptr && reports->is_array()) {
      for (auto &report : reports->as_array()) {
        report.as_object().erase("url");
        report.as_object().erase("expires_at");
      }
    }
    out[id] = std::to_string(status) + " " + boost::json::serialize(answer);
  }
  return out;
}

TEST(bench_world, both_backends_serve_the_same_demo_district) {
  world_options sqlite;
  world_options postgres;
  postgres.backend = backend::postgres;
  const bench_world on_sqlite(sqlite);
  const bench_world on_postgres(postgres);
  ASSERT_EQ(on_sqlite.postgres(), nullptr);
  ASSERT_NE(on_postgres.postgres(), nullptr);

  const auto expected = answers(on_sqlite);
  const auto got = answers(on_postgres);
  int with_reports = 0;
  for (const auto &[id, answer] : expected) {
    EXPECT_EQ(got.at(id), answer) << "student " << id;
    with_reports += answer.find(R"("outcome":"reports")") != std::string::npos ? 1 : 0;
  }
  EXPECT_GT(with_reports, 0) << "no demo student has reports: nothing would be measured";
}

TEST(bench_world, postgres_runs_the_server_defaults_plus_the_options_given) {
  world_options defaults;
  defaults.backend = backend::postgres;
  const std::string on = bench_world(defaults).postgres()->settings();
  EXPECT_NE(on.find("fsync=on"), std::string::npos) << on;
  EXPECT_NE(on.find("synchronous_commit=on"), std::string::npos) << on;
  EXPECT_NE(on.find("full_page_writes=on"), std::string::npos) << on;

  world_options relaxed = defaults;
  relaxed.pg_options = "-c synchronous_commit=off";
  relaxed.count_statements = true;
  const std::string off = bench_world(relaxed).postgres()->settings();
  EXPECT_NE(off.find("synchronous_commit=off"), std::string::npos) << off;
  EXPECT_NE(off.find("fsync=on"), std::string::npos) << off;
  EXPECT_NE(off.find("pg_stat_statements"), std::string::npos) << off;
}

TEST(bench_world, pg_statements_counts_what_renders_run) {
  world_options options;
  options.backend = backend::postgres;
  options.count_statements = true;
  const bench_world world(options);
  std::string text;
  ASSERT_EQ(world.reports(admin_request(first_student), text), SSRLINK_OK) << text;
  world.postgres()->reset_statements();
  constexpr long renders = 20;
  for (long i = 0; i < renders; ++i) {
    ASSERT_EQ(world.reports(admin_request(first_student), text), SSRLINK_OK) << text;
  }
  const auto profile = world.postgres()->statements(renders);
  // At least the audit row's INSERT runs on every render.
  EXPECT_GE(profile.statements_per_render, 1.0) << profile.table;
  EXPECT_GT(profile.server_us_per_render, 0.0) << profile.table;
  EXPECT_NE(profile.table.find("ssrlink_audit"), std::string::npos) << profile.table;
}

}  // namespace
}  // namespace ssrlink::bench
