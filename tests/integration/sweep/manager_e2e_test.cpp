// The Manager end to end: ssrlink_notifications_list with "html" and ssrlink_notification_queue
// without a contact sequence, through the C ABI of the built library, on the reference tables
// (binding_district.hpp's families: SQLite ODBC driver and a real PostgreSQL), with a real sweep
// over fake-ets filling the log first. This file's district changes the families a little:
//   student 6's names are hostile HTML (the fragment must escape what the database holds);
//   student 3's only contact has no email (a notice for it needs follow-up another way).
// The host clock is the real one, so the fixture's reports (2018-19, 2019-20) are earlier years:
// the sweep logs them without notices, and staff send them from the Manager.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "binding_district.hpp"
#include "html_search.hpp"

namespace ssrlink::e2e::binding {
namespace {

// District office staff: the whole district (core/sweep/staff_scope.hpp, rule 1).
constexpr const char *staff_actor = R"("actor": {"role": "staff", "user_id": "manager-staff"})";
// A school office of Washington Middle (school 2: students 3 and 6).
constexpr const char *school_2_actor =
    R"("actor": {"role": "staff", "user_id": "office-2", "school_codes": ["2"]})";

// One statement each: the SQLite driver runs one per call.
constexpr const char *hostile_names_sql =
    "UPDATE STU SET FN = '<script>alert(1)</script>', LN = 'O''Hara & \"Sons\"' WHERE ID = 6";
constexpr const char *no_email_sql = "UPDATE CON SET EM = '' WHERE PID = 3";
// The sweep found every report within a second or so; one found_at for all makes the names the
// order's tie-break (the JSON shows found_at to the second only).
constexpr const char *same_found_at_sql =
    "UPDATE ssrlink_report_log SET found_at = (SELECT MIN(found_at) FROM ssrlink_report_log)";

using ssrlink::testing::contains;
using ssrlink::testing::count;

std::string text_of(const boost::json::value &v) {
  return v.is_string() ? std::string(v.as_string()) : std::string();
}

class Manager : public ::testing::TestWithParam<backend> {
 protected:
  // A district of this file's own per backend, swept once through the C ABI.
  static district &d() {
    return own_district(GetParam(), "manager_" + backend_name(GetParam()), [](district &made) {
      made.execute(hostile_names_sql);
      made.execute(no_email_sql);
      const answer swept =
          made.call(ssrlink_sweep, R"({"actor": {"role": "system", "user_id": "manager-cron"},)"
                                   R"( "scope": "district"})");
      EXPECT_EQ(swept.status, SSRLINK_OK) << swept.text;
      made.execute(same_found_at_sql);
    });
  }

  static answer list(const std::string &fields) {
    return d().call(ssrlink_notifications_list,
                    std::string("{") + staff_actor + (fields.empty() ? "" : ", " + fields) + "}");
  }

  static answer queue(const std::string &fields) {
    return d().call(ssrlink_notification_queue,
                    std::string("{") + staff_actor + ", " + fields + "}");
  }

  static std::string audit_after(std::int64_t since) {
    std::string out;
    for (const std::string &row :
         d().rows("SELECT action, student_id, outcome FROM ssrlink_audit WHERE id > " +
                  std::to_string(since) + " AND user_id = 'manager-staff' ORDER BY id")) {
      out += row + ";";
    }
    return out;
  }

  static std::int64_t last_audit_id() {
    const auto found = d().rows("SELECT COALESCE(MAX(id), 0) FROM ssrlink_audit");
    return found.size() == 1 ? std::stoll(found[0]) : -1;
  }
};

// The Manager order (sweep_records.hpp) of two entries, from the JSON alone.
auto manager_key(const boost::json::object &e) {
  return std::make_tuple(!e.at("viewed_at").is_null(), !e.at("emailed_at").is_null(),
                         text_of(e.at("emailed_at")), text_of(e.at("found_at")),
                         text_of(e.at("last_name")), text_of(e.at("first_name")),
                         e.at("student_id").as_int64(), text_of(e.at("report_key")));
}

TEST_P(Manager, ListsTheLogAsAnAccessibleTableInTheManagerOrderWithNames) {
  // Student 1's parent opens the page: student 1's reports are viewed.
  const answer page = d().page(x, R"({"role": "parent", "user_id": "fam-x", "permitted": true})");
  ASSERT_EQ(page.status, SSRLINK_OK) << page.text;

  const std::int64_t since = last_audit_id();
  const answer a = list(R"("limit": 1000, "html": {"action_url": "/staff/ssrlink/notice",)"
                        R"( "hidden": {"route": "manager", "token": "\"><x>"}})");
  ASSERT_EQ(a.status, SSRLINK_OK) << a.text;
  const boost::json::array &entries = a.json.at("entries").as_array();
  ASSERT_GE(entries.size(), 6U) << a.text;
  for (std::size_t i = 1; i < entries.size(); ++i) {
    EXPECT_LE(manager_key(entries[i - 1].as_object()), manager_key(entries[i].as_object())) << i;
  }
  // Viewed rows last: student 1's.
  EXPECT_EQ(entries.back().at("student_id").as_int64(), x);
  EXPECT_FALSE(entries.back().at("viewed_at").is_null());
  EXPECT_TRUE(entries.front().at("viewed_at").is_null());
  std::map<std::int64_t, std::string> names;
  for (const auto &e : entries) {
    names[e.at("student_id").as_int64()] =
        text_of(e.at("last_name")) + ", " + text_of(e.at("first_name"));
  }
  EXPECT_EQ(names[x], "Xavier, Xia");
  EXPECT_EQ(names[z], "Zeller, Zeno");
  EXPECT_EQ(names[sibling], "O'Hara & \"Sons\", <script>alert(1)</script>");

  const std::string html(a.json.at("html").as_string());
  EXPECT_TRUE(html.starts_with("<section class=\"ssrlink ssrlink-manager\" lang=\"en\">"));
  EXPECT_TRUE(contains(html, "<caption>"));
  EXPECT_TRUE(contains(html, "<th scope=\"row\" data-label=\"Student\">Xavier, Xia</th>"));
  EXPECT_TRUE(contains(html,
                       "O&#39;Hara &amp; &quot;Sons&quot;, &lt;script&gt;alert(1)&lt;/"
                       "script&gt;"))
      << html;
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "\"><x>"));
  // One Send notice form per row, in the JSON's order.
  EXPECT_EQ(count(html,
                  "<form class=\"ssrlink-manager-send\" method=\"post\" "
                  "action=\"/staff/ssrlink/notice\">"),
            entries.size());
  std::size_t at = 0;
  for (const auto &e : entries) {
    const std::string fields = "name=\"student_id\" value=\"" +
                               std::to_string(e.at("student_id").as_int64()) +
                               "\"><input type=\"hidden\" name=\"report_key\" value=\"" +
                               text_of(e.at("report_key")) + "\">";
    const std::size_t found = html.find(fields, at);
    ASSERT_NE(found, std::string::npos) << fields;
    at = found + 1;
  }
  EXPECT_EQ(count(html, "name=\"token\" value=\"&quot;&gt;&lt;x&gt;\""), entries.size() + 1);
  EXPECT_EQ(audit_after(since), "notifications_list|0|ok;");

  // Spanish, and the JSON-only list as before: no html, student order, names too.
  const answer es = list(R"("html": {"action_url": "/n", "language": "es"})");
  ASSERT_EQ(es.status, SSRLINK_OK) << es.text;
  EXPECT_TRUE(contains(std::string(es.json.at("html").as_string()), "Enviar aviso"));
  const answer plain = list(R"("limit": 1000)");
  ASSERT_EQ(plain.status, SSRLINK_OK) << plain.text;
  EXPECT_FALSE(plain.json.contains("html"));
  const boost::json::array &by_student = plain.json.at("entries").as_array();
  EXPECT_EQ(by_student.size(), entries.size());
  EXPECT_EQ(by_student.front().at("student_id").as_int64(), x);
  EXPECT_EQ(text_of(by_student.front().at("first_name")), "Xia");
}

TEST_P(Manager, SendNoticeFromARowQueuesForTheGuardiansTheSweepWould) {
  const answer before = list(R"("limit": 1000, "html": {"action_url": "/n"})");
  ASSERT_EQ(before.status, SSRLINK_OK) << before.text;
  // The form's fields, as the host posts them: student 2's first row.
  std::string key;
  for (const auto &e : before.json.at("entries").as_array()) {
    if (e.at("student_id").as_int64() == y && e.at("emailed_at").is_null()) {
      key = text_of(e.at("report_key"));
      break;
    }
  }
  ASSERT_FALSE(key.empty()) << before.text;
  const std::string form = R"("student_id": 2, "report_key": ")" + key + "\"";
  const std::int64_t since = last_audit_id();
  const answer sent = queue(form);
  ASSERT_EQ(sent.status, SSRLINK_OK) << sent.text;
  EXPECT_EQ(sent.text, R"({"queued":true,"notices":1,"already_queued":0,"manual_follow_up":0})");
  EXPECT_EQ(d().rows("SELECT recipient, contact_sequence, kind FROM ssrlink_outbox WHERE "
                     "student_id = 2 AND report_key = '" +
                     key + "'"),
            std::vector<std::string>{"ann@example.org|1|notice"});
  const answer again = queue(form);
  ASSERT_EQ(again.status, SSRLINK_OK) << again.text;
  EXPECT_EQ(again.text, R"({"queued":false,"notices":0,"already_queued":1,"manual_follow_up":0})");
  EXPECT_EQ(d().count("ssrlink_outbox WHERE student_id = 2 AND report_key = '" + key + "'"), 1);

  // Student 1: two guardians with rights, one notice each; the one without rights hears nothing.
  const answer both = queue(R"("student_id": 1, "report_key": ")" + key + "\"");
  ASSERT_EQ(both.status, SSRLINK_OK) << both.text;
  EXPECT_EQ(both.text, R"({"queued":true,"notices":2,"already_queued":0,"manual_follow_up":0})");
  EXPECT_EQ(
      d().rows("SELECT recipient FROM ssrlink_outbox WHERE student_id = 1 AND report_key = '" +
               key + "' ORDER BY contact_sequence"),
      (std::vector<std::string>{"mia@example.org", "leo@example.org"}));

  // Student 3's only guardian has no email: refused, saying so, nothing queued.
  const answer none = queue(R"("student_id": 3, "report_key": ")" + key + "\"");
  EXPECT_EQ(none.status, SSRLINK_INVALID_ARGUMENT) << none.text;
  EXPECT_TRUE(contains(none.error(), "1 to reach another way")) << none.text;
  EXPECT_EQ(d().count("ssrlink_outbox WHERE student_id = 3"), 0);
  // A report the log does not have.
  EXPECT_EQ(queue(R"("student_id": 2, "report_key": "XX:1999-00")").status, SSRLINK_NOT_FOUND);

  EXPECT_EQ(audit_after(since),
            "notification_queue|2|ok;notification_queue|2|ok;notification_queue|1|ok;"
            "notification_queue|3|invalid_argument;notification_queue|2|not_found;");

  // Emailed now: student 2's row moves behind the rows never emailed.
  const answer after = list(R"("limit": 1000, "html": {"action_url": "/n"})");
  ASSERT_EQ(after.status, SSRLINK_OK) << after.text;
  const boost::json::array &entries = after.json.at("entries").as_array();
  std::size_t sent_at = entries.size();
  std::size_t last_unsent = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto &e = entries[i];
    if (e.at("student_id").as_int64() == y && text_of(e.at("report_key")) == key) {
      sent_at = i;
      EXPECT_FALSE(e.at("emailed_at").is_null());
    } else if (e.at("viewed_at").is_null() && e.at("emailed_at").is_null()) {
      last_unsent = i;
    }
  }
  ASSERT_LT(sent_at, entries.size());
  EXPECT_GT(sent_at, last_unsent);
}

// A school office sees and acts for its own school only, whatever the request asks.
TEST_P(Manager, SchoolStaffSeeAndActForTheirOwnSchoolOnly) {
  const answer mine = d().call(ssrlink_notifications_list,
                               std::string("{") + school_2_actor + R"(, "limit": 1000})");
  ASSERT_EQ(mine.status, SSRLINK_OK) << mine.text;
  const boost::json::array &entries = mine.json.at("entries").as_array();
  ASSERT_FALSE(entries.empty()) << mine.text;
  for (const auto &e : entries) {
    EXPECT_EQ(text_of(e.at("school")), "2") << e;
  }
  const answer other = d().call(ssrlink_notifications_list,
                                std::string("{") + school_2_actor + R"(, "school": "1"})");
  EXPECT_EQ(other.status, SSRLINK_DENIED) << other.text;

  // Student 2 is at school 1: office 2 is told what it would be told of a report that does not
  // exist, and nothing is queued.
  const answer all = list(R"("limit": 1000)");
  std::string key;
  for (const auto &e : all.json.at("entries").as_array()) {
    if (e.at("student_id").as_int64() == y) {
      key = text_of(e.at("report_key"));
    }
  }
  ASSERT_FALSE(key.empty()) << all.text;
  const std::string outbox = "SELECT COUNT(*) FROM ssrlink_outbox WHERE student_id = 2";
  const std::vector<std::string> before = d().rows(outbox);
  const answer refused = d().call(
      ssrlink_notification_queue,
      std::string("{") + school_2_actor + R"(, "student_id": 2, "report_key": ")" + key + "\"}");
  EXPECT_EQ(refused.status, SSRLINK_NOT_FOUND) << refused.text;
  const answer unknown =
      d().call(ssrlink_notification_queue,
               std::string("{") + school_2_actor + R"(, "student_id": 2, "report_key": "XX:1"})");
  EXPECT_EQ(unknown.status, SSRLINK_NOT_FOUND);
  EXPECT_EQ(text_of(refused.json.at("error")),
            "The report log has no report \"" + key + "\" for student 2; nothing was queued.");
  EXPECT_EQ(d().rows(outbox), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, Manager, ::testing::Values(backend::sqlite, backend::postgresql),
                         [](const ::testing::TestParamInfo<backend> &instance) {
                           return backend_name(instance.param);
                         });

}  // namespace
}  // namespace ssrlink::e2e::binding
