// Every call other than a page view names its actor and leaves exactly one audit row, through the
// C ABI on SQLite and on PostgreSQL: refused without an actor (and then not audited, as nobody
// can be named), and audited with action, actor and outcome when it runs, failures included.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "binding_district.hpp"

namespace ssrlink::e2e::binding {
namespace {

struct actor_call {
  const char *action;  // the C function without "ssrlink_"
  capability function;
  std::string fields;  // the request's fields besides "actor"
};

// One request per call, each one that succeeds on the shared district.
std::vector<actor_call> every_call(const district &d) {
  return {
      {"credentials_put", ssrlink_credentials_put,
       R"("scope": "7", "username": "school-user", "secret_key": "school-secret-key-0001")"},
      {"credentials_status", ssrlink_credentials_status, ""},
      {"test_connection", ssrlink_test_connection, R"("scope": "district")"},
      {"credentials_reseal", ssrlink_credentials_reseal,
       R"("new_seal_key_file": ")" + (d.dir() / "seal-next.key").string() + "\""},
      {"sweep", ssrlink_sweep, R"("scope": "district")"},
      {"notifications_list", ssrlink_notifications_list, R"("limit": 5)"},
      {"notification_queue", ssrlink_notification_queue,
       R"("student_id": 1, "contact_sequence": 9, "report_key": "SB:2018-19")"},
  };
}

std::string request(const std::string &actor_json, const std::string &fields) {
  return "{" + actor_json + (fields.empty() ? "" : ", " + fields) + "}";
}

class ActorAudit : public ::testing::TestWithParam<backend> {
 protected:
  static district &d() { return shared_district(GetParam()); }

  // The audit rows of `user_id`: action|role|user_id|student_id|page|outcome, call_key set.
  static std::vector<std::string> rows_of(const std::string &user_id) {
    return d().rows(
        "SELECT action, role, user_id, student_id, page, outcome, "
        "CASE WHEN call_key IS NULL THEN 'no key' ELSE 'key' END "
        "FROM ssrlink_audit WHERE user_id = '" +
        user_id + "'");
  }
};

TEST_P(ActorAudit, WithoutAnActorEveryCallIsRefusedAndNotAudited) {
  for (const actor_call &c : every_call(d())) {
    SCOPED_TRACE(c.action);
    const std::int64_t before = d().count("ssrlink_audit");
    const answer a = d().call(c.function, "{" + c.fields + "}");
    EXPECT_EQ(a.status, SSRLINK_INVALID_ARGUMENT) << a.text;
    EXPECT_NE(a.error().find("\"actor\""), std::string::npos) << a.text;
    EXPECT_EQ(d().count("ssrlink_audit"), before);
  }
}

TEST_P(ActorAudit, AMalformedActorIsRefusedAndNotAudited) {
  const std::int64_t before = d().count("ssrlink_audit");
  const answer parent_actor = d().call(
      ssrlink_credentials_status, request(R"("actor": {"role": "parent", "user_id": "p"})", ""));
  EXPECT_EQ(parent_actor.status, SSRLINK_INVALID_ARGUMENT) << parent_actor.text;
  EXPECT_NE(parent_actor.error().find("actor.role"), std::string::npos) << parent_actor.text;
  const answer no_user =
      d().call(ssrlink_sweep, request(R"("actor": {"role": "system"})", R"("scope": "district")"));
  EXPECT_EQ(no_user.status, SSRLINK_INVALID_ARGUMENT) << no_user.text;
  EXPECT_NE(no_user.error().find("actor.user_id"), std::string::npos) << no_user.text;
  EXPECT_EQ(d().count("ssrlink_audit"), before);
}

TEST_P(ActorAudit, EveryCallWithAnActorWritesExactlyOneRow) {
  for (const actor_call &c : every_call(d())) {
    SCOPED_TRACE(c.action);
    // A staff member of school 1 for the notification log, the host's own job for the rest.
    const bool by_staff = std::string(c.action).rfind("notification", 0) == 0;
    const std::string user = "actor-" + std::string(c.action);
    const std::string actor =
        by_staff
            ? R"("actor": {"role": "staff", "user_id": ")" + user + R"(", "school_codes": ["1"]})"
            : R"("actor": {"role": "system", "user_id": ")" + user + R"("})";
    const answer a = d().call(c.function, request(actor, c.fields));
    // notification_queue names a contact that does not exist: a failing call, audited too.
    const bool fails = std::string(c.action) == "notification_queue";
    EXPECT_EQ(a.status, fails ? SSRLINK_NOT_FOUND : SSRLINK_OK) << a.text;
    const std::string expected = std::string(c.action) + "|" + (by_staff ? "staff" : "system") +
                                 "|" + user + "|" + (fails ? "1" : "0") + "||" +
                                 (fails ? "not_found" : "ok") + "|key";
    EXPECT_EQ(rows_of(user), std::vector<std::string>{expected});
  }
}

TEST_P(ActorAudit, FailingCallsAreAuditedWithTheirStatus) {
  struct failing {
    const char *action;
    capability function;
    std::string fields;
    int status;
    const char *outcome;
  };
  const failing calls[] = {
      {"test_connection", ssrlink_test_connection, R"("scope": "77")", SSRLINK_NOT_FOUND,
       "not_found"},
      {"credentials_put", ssrlink_credentials_put, R"("scope": "district")",
       SSRLINK_INVALID_ARGUMENT, "invalid_argument"},
      {"notifications_list", ssrlink_notifications_list, R"("limit": "many")",
       SSRLINK_INVALID_ARGUMENT, "invalid_argument"},
  };
  for (const failing &c : calls) {
    SCOPED_TRACE(c.action);
    const std::string user = "failing-" + std::string(c.action);
    const answer a =
        d().call(c.function,
                 request(R"("actor": {"role": "admin", "user_id": ")" + user + R"("})", c.fields));
    EXPECT_EQ(a.status, c.status) << a.text;
    EXPECT_FALSE(a.error().empty()) << a.text;
    EXPECT_EQ(rows_of(user), std::vector<std::string>{std::string(c.action) + "|admin|" + user +
                                                      "|0||" + c.outcome + "|key"});
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ActorAudit,
                         ::testing::Values(backend::sqlite, backend::postgresql),
                         [](const ::testing::TestParamInfo<backend> &instance) {
                           return backend_name(instance.param);
                         });

}  // namespace
}  // namespace ssrlink::e2e::binding
