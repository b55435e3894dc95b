// The audit rules for every call but the page: actor required, one row per call whatever
// happens, no result without a trace; the work gets the request parsed once.
#include "core/audit/audited_call.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/memory_audit_log.hpp"
#include "doubles/recording_logger.hpp"

namespace ssrlink::core {
namespace {

constexpr const char *admin = R"("actor": {"role": "admin", "user_id": "a-1"})";

struct audited_fixture {
  ssrlink::testing::manual_clock clock;
  ssrlink::testing::memory_audit_log audit;
  ssrlink::testing::recording_logger log;
  audited_calls calls{audit, clock, log};
  std::string seen_request;
  actor seen_actor;

  // A service that still takes its request as text.
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
  // A service that takes the parsed request.
  call_result run_parsed(const std::string &request, status answer = status::ok) {
    return calls.run("sweep", "The sweep request", request,
                     [&](const boost::json::object &rest, const actor &who) {
                       seen_request = boost::json::serialize(rest);
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
    for (const bool parsed : {false, true}) {
      audited_fixture fx;
      std::string message;
      EXPECT_EQ(thrown([&] { parsed ? fx.run_parsed(request) : fx.run(request); }, &message),
                status::invalid_argument)
          << request;
      EXPECT_NE(message.find("actor"), std::string::npos) << message;
      EXPECT_TRUE(fx.seen_request.empty()) << request;  // nothing ran
      EXPECT_TRUE(fx.audit.entries().empty()) << request;
    }
  }
}

TEST(audited_call, an_unknown_role_is_named_with_the_roles_there_are) {
  audited_fixture fx;
  std::string message;
  EXPECT_EQ(thrown([&] { fx.run(R"({"actor": {"role": "Admin", "user_id": "a"}})"); }, &message),
            status::invalid_argument);
  EXPECT_NE(message.find("\"actor.role\" must be one of admin, staff, system"), std::string::npos)
      << message;
}

TEST(audited_call, the_work_gets_the_request_without_the_actor_and_one_row_is_written) {
  audited_fixture fx;
  const call_result result =
      fx.run(std::string(R"({"scope": "district", "student_id": 1001, )") + admin + "}");
  EXPECT_EQ(result.json, "{\"done\":true}");
  EXPECT_EQ(fx.seen_request, R"({"scope":"district","student_id":1001})");
  EXPECT_EQ(fx.seen_actor.user_id, "a-1");
  const auto entries = fx.audit.entries();
  ASSERT_EQ(entries.size(), 1U);
  const audit_entry &row = entries[0];
  EXPECT_EQ(row.action, "sweep");
  EXPECT_EQ(row.role, "admin");
  EXPECT_EQ(row.user_id, "a-1");
  EXPECT_EQ(row.student_id, 1001);
  EXPECT_EQ(row.outcome, "ok");
  EXPECT_EQ(row.page, "");
  EXPECT_EQ(row.call_key.size(), 32U);
  EXPECT_EQ(row.at, fx.clock.now());
}

TEST(audited_call, the_parsed_form_hands_on_the_same_request_and_writes_the_same_row) {
  audited_fixture text;
  audited_fixture parsed;
  const std::string request =
      std::string(R"({"scope": "district", "student_id": 1001, "note": "é\u00e9", )") + admin + "}";
  text.run(request);
  parsed.run_parsed(request);
  EXPECT_EQ(parsed.seen_request, text.seen_request);
  EXPECT_EQ(parsed.seen_request.find("actor"), std::string::npos);
  EXPECT_EQ(parsed.seen_actor.user_id, "a-1");
  const auto text_rows = text.audit.entries();
  const auto parsed_rows = parsed.audit.entries();
  ASSERT_EQ(parsed_rows.size(), 1U);
  ASSERT_EQ(text_rows.size(), 1U);
  EXPECT_EQ(parsed_rows[0].role, text_rows[0].role);
  EXPECT_EQ(parsed_rows[0].user_id, text_rows[0].user_id);
  EXPECT_EQ(parsed_rows[0].student_id, 1001);
  EXPECT_EQ(parsed_rows[0].outcome, "ok");
}

TEST(audited_call, a_failing_call_is_audited_with_its_status_and_keeps_its_failure) {
  for (const bool parsed : {false, true}) {
    audited_fixture fx;
    const auto run = [&](status answer) {
      parsed ? fx.run_parsed(std::string("{") + admin + "}", answer)
             : fx.run(std::string("{") + admin + "}", answer);
    };
    EXPECT_EQ(thrown([&] { run(status::not_found); }), status::not_found);
    const auto entries = fx.audit.entries();
    ASSERT_EQ(entries.size(), 1U);
    EXPECT_EQ(entries[0].outcome, "not_found");
    EXPECT_EQ(entries[0].student_id, 0);

    // And when the row cannot be written either, the caller still gets the call's own failure.
    fx.audit.fail_every_write();
    EXPECT_EQ(thrown([&] { run(status::upstream); }), status::upstream);
    EXPECT_TRUE(fx.log.mentions("could not be written")) << fx.log.joined();
  }
}

TEST(audited_call, no_trace_no_result) {
  for (const bool parsed : {false, true}) {
    audited_fixture fx;
    fx.audit.fail_every_write();
    std::string message;
    EXPECT_EQ(thrown(
                  [&] {
                    parsed ? fx.run_parsed(std::string("{") + admin + "}")
                           : fx.run(std::string("{") + admin + "}");
                  },
                  &message),
              status::database);
    EXPECT_NE(message.find("withheld"), std::string::npos);
    EXPECT_FALSE(fx.seen_request.empty());  // it did run: the sentence says so
    EXPECT_FALSE(fx.log.at(log_level::error).empty()) << fx.log.joined();
  }
}

TEST(audited_call, system_and_school_level_staff_actors) {
  audited_fixture fx;
  fx.run(R"({"actor": {"role": "system", "user_id": "cron@web-1"}})");
  fx.run(R"({"actor": {"role": "staff", "user_id": "s-1", "school_codes": ["3", 10]}})");
  const auto entries = fx.audit.entries();
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(entries[0].role, "system");
  EXPECT_EQ(entries[1].role, "staff");
  EXPECT_EQ(fx.seen_actor.school_codes, (std::vector<std::string>{"3", "10"}));
}

TEST(audited_call, every_status_has_its_audit_name) {
  EXPECT_EQ(to_string(status::ok), "ok");
  EXPECT_EQ(to_string(status::invalid_argument), "invalid_argument");
  EXPECT_EQ(to_string(status::config), "config");
  EXPECT_EQ(to_string(status::database), "database");
  EXPECT_EQ(to_string(status::upstream), "upstream");
  EXPECT_EQ(to_string(status::denied), "denied");
  EXPECT_EQ(to_string(status::not_found), "not_found");
  EXPECT_EQ(to_string(status::internal), "internal");
  EXPECT_EQ(to_string(status::unavailable), "unavailable");
}

}  // namespace
}  // namespace ssrlink::core
