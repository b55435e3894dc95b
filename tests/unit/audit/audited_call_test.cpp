// The audit rules for every call but the page: actor required, one row per call whatever
// happens, no result without a trace.
#include "core/audit/audited_call.hpp"

#include <gtest/gtest.h>

#include "report_page/fakes.hpp"

namespace ssrlink::test {
namespace {

constexpr const char *admin = R"("actor": {"role": "admin", "user_id": "a-1"})";

struct audited_fixture {
  fake_clock clock;
  memory_audit_log audit;
  capture_logger log;
  audited_calls calls{audit, clock, log};
  std::string seen_request;
  actor seen_actor;

  call_result run(const std::string &request, status answer = status::ok) {
    return calls.run("sweep", "The sweep request", request,
                     [&](std::string_view rest, const actor &who) {
                       seen_request = std::string(rest);
                       seen_actor = who;
                       if (answer != status::ok) {
                         throw failure(answer, "It did not work.");
                       }
                       return call_result{status::ok, "{\"done\":true}"};
                     });
  }
};

status thrown(const std::function<void()> &f, std::string *message = nullptr) {
  try {
    f();
  } catch (const failure &error) {
    if (message != nullptr) {
      *message = error.what();
    }
    return error.code();
  }
  return status::ok;
}

TEST(audited_call, a_call_without_an_actor_is_refused_before_it_runs) {
  for (const std::string &request :
       {std::string(R"({"scope": "district"})"),
        std::string(R"({"scope": "district", "actor": "admin"})"),
        std::string(R"({"actor": {"role": "parent", "user_id": "p"}})"),
        std::string(R"({"actor": {"role": "admin"}})"),
        std::string(R"({"actor": {"role": "admin", "user_id": "a\r\nforged line"}})"),
        std::string(R"({"actor": {"role": "admin", "user_id": ")") + std::string(129, 'x') +
            R"("}})",
        std::string(R"({"actor": {"role": "admin", "user_id": "a", "extra": 1}})")}) {
    audited_fixture fx;
    std::string message;
    EXPECT_EQ(thrown([&] { fx.run(request); }, &message), status::invalid_argument) << request;
    EXPECT_NE(message.find("actor"), std::string::npos) << message;
    EXPECT_TRUE(fx.seen_request.empty()) << request;  // nothing ran
    EXPECT_TRUE(fx.audit.entries.empty()) << request;
  }
}

TEST(audited_call, the_work_gets_the_request_without_the_actor_and_one_row_is_written) {
  audited_fixture fx;
  const call_result result =
      fx.run(std::string(R"({"scope": "district", "student_id": 1001, )") + admin + "}");
  EXPECT_EQ(result.json, "{\"done\":true}");
  EXPECT_EQ(fx.seen_request, R"({"scope":"district","student_id":1001})");
  EXPECT_EQ(fx.seen_actor.user_id, "a-1");
  ASSERT_EQ(fx.audit.entries.size(), 1U);
  const audit_entry &row = fx.audit.entries[0];
  EXPECT_EQ(row.action, "sweep");
  EXPECT_EQ(row.role, "admin");
  EXPECT_EQ(row.user_id, "a-1");
  EXPECT_EQ(row.student_id, 1001);
  EXPECT_EQ(row.outcome, "ok");
  EXPECT_EQ(row.page, "");
  EXPECT_EQ(row.call_key.size(), 32U);
}

TEST(audited_call, a_failing_call_is_audited_with_its_status_and_keeps_its_failure) {
  audited_fixture fx;
  EXPECT_EQ(thrown([&] { fx.run(std::string("{") + admin + "}", status::not_found); }),
            status::not_found);
  ASSERT_EQ(fx.audit.entries.size(), 1U);
  EXPECT_EQ(fx.audit.entries[0].outcome, "not_found");
  EXPECT_EQ(fx.audit.entries[0].student_id, 0);

  fx.audit.fail = true;  // and when the row cannot be written either, the call's own failure
  EXPECT_EQ(thrown([&] { fx.run(std::string("{") + admin + "}", status::upstream); }),
            status::upstream);
  EXPECT_NE(fx.log.all().find("could not be written"), std::string::npos);
}

TEST(audited_call, no_trace_no_result) {
  audited_fixture fx;
  fx.audit.fail = true;
  std::string message;
  EXPECT_EQ(thrown([&] { fx.run(std::string("{") + admin + "}"); }, &message), status::database);
  EXPECT_NE(message.find("withheld"), std::string::npos);
  EXPECT_FALSE(fx.seen_request.empty());  // it did run: the sentence says so
}

TEST(audited_call, system_and_school_level_staff_actors) {
  audited_fixture fx;
  fx.run(R"({"actor": {"role": "system", "user_id": "cron@web-1"}})");
  fx.run(R"({"actor": {"role": "staff", "user_id": "s-1", "school_codes": ["3", 10]}})");
  ASSERT_EQ(fx.audit.entries.size(), 2U);
  EXPECT_EQ(fx.audit.entries[0].role, "system");
  EXPECT_EQ(fx.seen_actor.school_codes, (std::vector<std::string>{"3", "10"}));
}

}  // namespace
}  // namespace ssrlink::test
