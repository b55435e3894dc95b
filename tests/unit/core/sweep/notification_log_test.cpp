// The staff side of the notification log: the list's filters, paging and exact JSON, and a
// notice queued by hand (its checks in order, each with its own sentence, and never twice).
#include "core/sweep/notification_log.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sweep_fixture.hpp"
#include "tzif_builder.hpp"

namespace ssrlink::testing {
namespace {

using namespace std::chrono;
using namespace ssrlink::core;

using NotificationLog = SweepFixture;

// The failure a call throws; ADD_FAILURE when it throws none.
failure failure_of(const std::function<void()> &call) {
  try {
    call();
  } catch (const failure &f) {
    return f;
  }
  ADD_FAILURE() << "accepted";
  return failure(status::ok, "");
}

TEST_F(NotificationLog, StaffListTakesAnIntegerSchoolAndNamesBadBytes) {
  run(usual);
  notification_log s = staff();
  EXPECT_EQ(s.list(R"({"school": 2})").code, status::ok);
  EXPECT_EQ(s.list(R"({"school": "2"})").json, s.list(R"({"school": 2})").json);
  const auto message_of = [](const std::function<void()> &call) {
    try {
      call();
    } catch (const failure &f) {
      EXPECT_EQ(f.code(), status::invalid_argument);
      return std::string(f.what());
    }
    ADD_FAILURE() << "accepted";
    return std::string();
  };
  EXPECT_EQ(message_of([&] { s.list(R"({"school": -2})"); }),
            "\"school\" must not be negative (got -2).");
  EXPECT_EQ(message_of([&] { s.list(R"({"school": 2.5})"); }),
            "\"school\" must be a string or a whole number without a fraction or an exponent "
            "(got 2.5).");
  EXPECT_EQ(message_of([&] { s.list(R"({"school": false})"); }),
            "\"school\" must be a string or a whole number, not true or false.");
  // Latin-1 bytes: outside strings named by offset, inside by key; never "not valid JSON".
  const std::string outside = "{\"limit\": 2}\xA0";
  EXPECT_EQ(message_of([&] { s.list(outside); }),
            "The notification list request is not valid UTF-8 (the first bad byte is at offset "
            "12); nothing was done.");
  const std::string inside = "{\"tag\": \"\xE9t\xE9\"}";
  EXPECT_EQ(message_of([&] { s.list(inside); }),
            "The notification list request: \"tag\" is not valid UTF-8; nothing was done.");
  const std::string notice =
      "{\xA0\"student_id\": 1, \"contact_sequence\": 1, \"report_key\": \"SB:2026-27\"}";
  EXPECT_EQ(message_of([&] { s.queue(notice); }),
            "The notice request is not valid UTF-8 (the first bad byte is at offset 1); nothing "
            "was done.");
}

TEST_F(NotificationLog, StaffListFiltersAndPages) {
  run(usual);
  notification_log s = staff();
  const auto all = boost::json::parse(s.list(R"({"limit": 2})").json).as_object();
  EXPECT_EQ(all.at("entries").as_array().size(), 2u);
  EXPECT_TRUE(all.at("more").as_bool());
  const auto no_email = boost::json::parse(s.list(R"({"no_email": true})").json).as_object();
  ASSERT_EQ(no_email.at("entries").as_array().size(), 1u);
  EXPECT_EQ(no_email.at("entries").as_array()[0].as_object().at("report_key").as_string(),
            "SB:2026-27");
  stores.views.record_offered(3, 1, {"CAST:2026-27"}, clock.now());
  const auto unseen = boost::json::parse(s.list(R"({"not_viewed": true})").json).as_object();
  for (const auto &entry : unseen.at("entries").as_array()) {
    EXPECT_NE(entry.as_object().at("student_id").as_int64(), 3);
  }
  EXPECT_THROW(s.list(R"({"limit": 0})"), failure);
}

TEST_F(NotificationLog, QueueingByHandNeedsRightsAnEmailAndHappensOnce) {
  run(usual);
  notification_log s = staff();
  const auto status_of = [&](std::string_view json) {
    try {
      s.queue(json);
    } catch (const failure &f) {
      return f.code();
    }
    return status::ok;
  };
  EXPECT_EQ(status_of(R"({"student_id": 1, "contact_sequence": 2, "report_key": "SB:2026-27"})"),
            status::invalid_argument);  // no email
  EXPECT_EQ(status_of(R"({"student_id": 1, "contact_sequence": 3, "report_key": "SB:2026-27"})"),
            status::denied);  // no educational rights
  EXPECT_EQ(status_of(R"({"student_id": 1, "contact_sequence": 9, "report_key": "SB:2026-27"})"),
            status::not_found);
  EXPECT_EQ(status_of(R"({"student_id": 1, "contact_sequence": 1, "report_key": "XX:1999-00"})"),
            status::not_found);
  stores.tables.contacts[1][1].email = "dad@example.org";
  const std::string request =
      R"({"student_id": 1, "contact_sequence": 2, "report_key": "SB:2026-27"})";
  EXPECT_EQ(s.queue(request).json, R"({"queued":true})");
  EXPECT_EQ(s.queue(request).json, R"({"queued":false})");
  EXPECT_EQ(stores.tables.outbox.size(), 3u);
  EXPECT_EQ(stores.tables.outbox.back().row.recipient, "dad@example.org");
}

// School staff (staff_scope.hpp): the list is their school's, and another school's student is
// answered as a report the log does not have (rule 3a), with nothing queued.
TEST_F(NotificationLog, SchoolStaffListAndQueueForTheirOwnSchoolOnly) {
  run(R"({"scope": "district"})");
  memory_log_row logged;
  logged.student_id = 9;
  logged.test = "SB";
  logged.year = "2026-27";
  logged.status = "Final";
  stores.tables.log[{"1000000009", "SB:2026-27"}] = logged;
  notification_log s = staff();
  const staff_schools school_1{std::vector<std::string>{"1"}};
  const staff_schools school_2{std::vector<std::string>{"2"}};
  const auto students_listed = [&](const staff_schools &scope) {
    const boost::json::value listed = boost::json::parse(s.list(R"({"limit": 1000})", scope).json);
    std::vector<std::int64_t> ids;
    for (const auto &e : listed.at("entries").as_array()) {
      ids.push_back(e.at("student_id").as_int64());
    }
    return ids;
  };
  const std::vector<std::int64_t> in_school_2 = students_listed(school_2);
  EXPECT_EQ(in_school_2, std::vector<std::int64_t>{9});
  const std::vector<std::int64_t> in_school_1 = students_listed(school_1);
  EXPECT_FALSE(in_school_1.empty());
  EXPECT_EQ(std::count(in_school_1.begin(), in_school_1.end(), 9), 0);
  EXPECT_EQ(failure_of([&] { s.list(R"({"school": "2"})", school_1); }).code(), status::denied);

  const std::string other_school = R"({"student_id": 9, "report_key": "SB:2026-27"})";
  const std::string unknown = R"({"student_id": 9, "report_key": "XX:1999-00"})";
  const std::size_t outbox_before = stores.tables.outbox.size();
  const failure refused = failure_of([&] { s.queue(other_school, school_1); });
  EXPECT_EQ(refused.code(), status::not_found);
  const failure missing = failure_of([&] { s.queue(unknown, school_2); });
  EXPECT_EQ(std::string(refused.what()),
            "The report log has no report \"SB:2026-27\" for student 9; nothing was queued.");
  EXPECT_EQ(missing.code(), status::not_found);
  EXPECT_EQ(stores.tables.outbox.size(), outbox_before);
}

// The list's JSON, byte for byte: the hosts parse it, and the staff page shows it as it is.
TEST_F(NotificationLog, ListJsonIsExactlyTheDocumentedShape) {
  memory_log_row row;
  row.student_id = 1;
  row.test = "SB";
  row.year = "2026-27";
  row.status = "Final";
  row.notice = notice_state::partial;
  row.found_at = clock.now();
  row.emailed_at = clock.now() + minutes(1);
  stores.tables.log[{"1000000001", "SB:2026-27"}] = row;
  row.status = "Preliminary";
  row.notice = notice_state::none;
  row.emailed_at.reset();
  row.viewed_at = clock.now() + hours(1);
  stores.tables.log[{"1000000001", "ELPAC:2026-27"}] = row;
  stores.tables.names[1] = {"Ana", "García"};
  EXPECT_EQ(staff().list("{}").json,
            R"({"entries":[)"
            R"({"student_id":1,"ssid":"1000000001","school":"1","first_name":"Ana",)"
            R"("last_name":"García","report_key":"ELPAC:2026-27",)"
            R"("test":"SB","year":"2026-27","status":"Preliminary","notice":"none",)"
            R"("found_at":"2026-11-23T02:00:00Z","emailed_at":null,)"
            R"("viewed_at":"2026-11-23T03:00:00Z"},)"
            R"({"student_id":1,"ssid":"1000000001","school":"1","first_name":"Ana",)"
            R"("last_name":"García","report_key":"SB:2026-27",)"
            R"("test":"SB","year":"2026-27","status":"Final","notice":"partial",)"
            R"("found_at":"2026-11-23T02:00:00Z","emailed_at":"2026-11-23T02:01:00Z",)"
            R"("viewed_at":null}],"offset":0,"limit":100,"more":false})");
  EXPECT_EQ(staff().list(R"({"offset": 1, "limit": 1})").json.substr(0, 12), R"({"entries":[)");
  EXPECT_EQ(staff().list(R"({"offset": 2})").json,
            R"({"entries":[],"offset":2,"limit":100,"more":false})");
}

TEST_F(NotificationLog, ListNamesEveryNoticeState) {
  for (const notice_state state :
       {notice_state::none, notice_state::queued, notice_state::partial, notice_state::no_email}) {
    stores.tables.log.clear();
    memory_log_row row;
    row.student_id = 1;
    row.notice = state;
    stores.tables.log[{"1000000001", "SB:2026-27"}] = row;
    const auto entries = boost::json::parse(staff().list("{}").json).at("entries").as_array();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].at("notice").as_string(), to_string(state));
    EXPECT_EQ(notice_state_from(to_string(state)), state);
  }
  EXPECT_EQ(to_string(notice_state::no_email), std::string_view("no_email"));
  EXPECT_FALSE(notice_state_from("No_email").has_value());
  EXPECT_FALSE(notice_state_from("").has_value());
}

TEST_F(NotificationLog, ListFiltersByTheStudentsSchoolTagAndLeaveDate) {
  run(R"({"scope": "district"})");
  const auto count = [&](std::string_view json) {
    return boost::json::parse(staff().list(json).json).at("entries").as_array().size();
  };
  EXPECT_EQ(count(R"({"tag": "X"})"), 1u);                    // student 4's SB 2026-27
  EXPECT_EQ(count(R"({"leave_before": "2026-06-30"})"), 1u);  // student 5's
  EXPECT_EQ(count(R"({"school": "2"})"), 0u);                 // school 2 has no credentials
  EXPECT_EQ(failure_of([&] { staff().list(R"({"leave_before": "30/06/2026"})"); }).code(),
            status::invalid_argument);
  EXPECT_EQ(failure_of([&] { staff().list(R"({"limit": 1001})"); }).code(),
            status::invalid_argument);
  EXPECT_EQ(failure_of([&] { staff().list(R"({"page": 1})"); }).code(), status::invalid_argument);
}

TEST_F(NotificationLog, QueueRefusalsSayWhyAndQueueNothing) {
  run(usual);
  const std::size_t before = stores.tables.outbox.size();
  const auto refused = [&](std::string_view json) {
    const failure f = failure_of([&] { staff().queue(json); });
    return std::make_pair(f.code(), std::string(f.what()));
  };
  EXPECT_EQ(refused(R"({"student_id": 1, "contact_sequence": 1, "report_key": "XX:1999-00"})"),
            std::make_pair(status::not_found,
                           std::string("The report log has no report \"XX:1999-00\" for student 1; "
                                       "nothing was queued.")));
  stores.tables.log[{"9999999999", "SB:2026-27"}].student_id = 99;
  EXPECT_EQ(refused(R"({"student_id": 99, "contact_sequence": 1, "report_key": "SB:2026-27"})"),
            std::make_pair(status::not_found,
                           std::string("Student 99 was not found; nothing was queued.")));
  EXPECT_EQ(refused(R"({"student_id": 1, "contact_sequence": 9, "report_key": "SB:2026-27"})"),
            std::make_pair(status::not_found,
                           std::string("Student 1 has no contact 9; nothing was queued.")));
  EXPECT_EQ(refused(R"({"student_id": 1, "contact_sequence": 3, "report_key": "SB:2026-27"})"),
            std::make_pair(status::denied,
                           std::string("Contact 3 does not hold educational rights; nothing "
                                       "was queued.")));
  EXPECT_EQ(refused(R"({"student_id": 1, "contact_sequence": 2, "report_key": "SB:2026-27"})"),
            std::make_pair(status::invalid_argument,
                           std::string("Contact 2 has no usable email address; nothing was "
                                       "queued.")));
  EXPECT_EQ(
      refused(R"({"student_id": 0, "contact_sequence": 1, "report_key": "SB:2026-27"})").first,
      status::invalid_argument);
  EXPECT_EQ(stores.tables.outbox.size(), before);
}

TEST_F(NotificationLog, ANoticeQueuedByHandFollowsTheSweepsRules) {
  run(usual);
  stores.tables.contacts[3].push_back(contact(2, true, "gran@example.org"));
  clock.advance(days(1));
  EXPECT_EQ(staff()
                .queue(R"({"student_id": 3, "contact_sequence": 2, "report_key": "CAST:2026-27"})")
                .json,
            R"({"queued":true})");
  const memory_outbox_row &queued = stores.tables.outbox.back();
  EXPECT_EQ(queued.student_id, 3);
  EXPECT_EQ(queued.row.contact_sequence, 2);
  EXPECT_EQ(queued.row.recipient, "gran@example.org");
  EXPECT_EQ(queued.row.language, "en");
  EXPECT_EQ(queued.row.report_key, "CAST:2026-27");
  // Student 3 is Do Not Release: the notice asks the guardian to contact the school.
  EXPECT_NE(queued.row.body_text.find("contact the school"), std::string::npos);
  EXPECT_EQ(queued.row.body_text.find("State Test Scores Reports"), std::string::npos);
  EXPECT_EQ(stores.tables.log.at({"1000000003", "CAST:2026-27"}).emailed_at, clock.now());
}

TEST_F(NotificationLog, ADuplicateStudentOrContactRowQueuesNothing) {  // rules 3 and 5
  run(usual);
  const std::size_t before = stores.tables.outbox.size();
  const auto refused = [&](std::string_view json) {
    const failure f = failure_of([&] { staff().queue(json); });
    return std::make_pair(f.code(), std::string(f.what()));
  };
  // Student 1 on a second row, of another school: which row's flags would the notice follow?
  stores.tables.students.push_back(student(1, "1000000001", "2"));
  EXPECT_EQ(refused(R"({"student_id": 1, "contact_sequence": 1, "report_key": "SB:2026-27"})"),
            std::make_pair(status::database,
                           std::string("The view ssrlink_student has 2 rows for student_id 1; "
                                       "nothing was queued. It must have one row per student: "
                                       "see docs/dba-guide.md, \"One row per student\", and run "
                                       "ssrlink-host check-mapping.")));
  stores.tables.students.pop_back();
  stores.tables.contacts[1].push_back(contact(2, true, "second@example.org"));
  EXPECT_EQ(refused(R"({"student_id": 1, "contact_sequence": 2, "report_key": "SB:2026-27"})"),
            std::make_pair(status::database,
                           std::string("The view ssrlink_contact has 2 rows for student_id 1 and "
                                       "contact_sequence 2; nothing was queued. It must have one "
                                       "row per contact: see docs/dba-guide.md, \"One row per "
                                       "contact\", and run ssrlink-host check-mapping.")));
  EXPECT_EQ(stores.tables.outbox.size(), before);
  // Another contact's sequence on two rows does not stop this one.
  EXPECT_EQ(
      staff().queue(R"({"student_id": 1, "contact_sequence": 1, "report_key": "SB:2025-26"})").json,
      R"({"queued":true})");
}

// The sweep tells a shared mailbox once (notice_plan.hpp, rule 5); staff naming the other
// contact are heard: the notice goes to that contact, once.
TEST_F(NotificationLog, ANoticeQueuedByHandGoesToTheChosenContactEvenOnASharedMailbox) {
  stores.tables.contacts[1] = {contact(1, true, "ana@example.org", "01"),
                               contact(2, true, "ANA@example.org")};
  run(usual);
  const auto to_student_1 = [&] {
    return std::count_if(stores.tables.outbox.begin(), stores.tables.outbox.end(),
                         [](const memory_outbox_row &r) { return r.student_id == 1; });
  };
  ASSERT_EQ(to_student_1(), 1);
  EXPECT_EQ(stores.tables.log.at({"1000000001", "SB:2026-27"}).notice, notice_state::queued);
  const std::string request =
      R"({"student_id": 1, "contact_sequence": 2, "report_key": "SB:2026-27"})";
  EXPECT_EQ(staff().queue(request).json, R"({"queued":true})");
  EXPECT_EQ(to_student_1(), 2);
  const memory_outbox_row &queued = stores.tables.outbox.back();
  EXPECT_EQ(queued.row.contact_sequence, 2);
  EXPECT_EQ(queued.row.recipient, "ANA@example.org");
  EXPECT_EQ(queued.row.language, "en");
  EXPECT_EQ(staff().queue(request).json, R"({"queued":false})");
}

// Rule L2: the JSON list keeps its order unless the Manager asks; the Manager gets its order and
// the fragment of the same rows. Rule L3: names in both.
TEST_F(NotificationLog, TheManagerGetsItsOrderAndTheFragment) {
  run(usual);
  stores.tables.names[1] = {"Ana", "Zamora"};
  stores.tables.names[3] = {"Bo", "Abbott"};
  stores.views.record_offered(1, 1, {"SB:2026-27"}, clock.now());
  const auto keys_of = [](const boost::json::object &list) {
    std::vector<std::pair<std::int64_t, std::string>> keys;
    for (const auto &entry : list.at("entries").as_array()) {
      keys.emplace_back(entry.at("student_id").as_int64(), entry.at("report_key").as_string());
    }
    return keys;
  };
  const auto plain = boost::json::parse(staff().list("{}").json).as_object();
  EXPECT_FALSE(plain.contains("html"));
  using key = std::pair<std::int64_t, std::string>;
  const std::vector<key> by_student = keys_of(plain);
  ASSERT_FALSE(by_student.empty());
  EXPECT_EQ(by_student.front(), key(1, "SB:2025-26"));
  EXPECT_TRUE(std::is_sorted(by_student.begin(), by_student.end()));
  EXPECT_EQ(plain.at("entries").as_array()[0].at("last_name").as_string(), "Zamora");

  const auto managed =
      boost::json::parse(
          staff().list(R"({"html": {"action_url": "/notice", "hidden": {"r": "m"}}})").json)
          .as_object();
  const std::vector<key> by_manager = keys_of(managed);
  EXPECT_EQ(by_manager.size(), by_student.size());
  // Viewed rows last; among the rest, never emailed first (student 3's CAST report: Do Not
  // Release, emailed all the same; student 1's SB 2025-26: not notifying, never emailed).
  EXPECT_EQ(by_manager.back(), key(1, "SB:2026-27"));
  EXPECT_NE(by_manager, by_student);
  const std::string html(managed.at("html").as_string());
  EXPECT_TRUE(html.starts_with("<section class=\"ssrlink ssrlink-manager\" lang=\"en\">"));
  EXPECT_NE(html.find("Zamora, Ana"), std::string::npos);
  EXPECT_NE(html.find("Abbott, Bo"), std::string::npos);
  EXPECT_EQ(html.find("Abbott, Bo") < html.find("Zamora, Ana"),
            std::find(by_manager.begin(), by_manager.end(), key(3, "CAST:2026-27")) <
                std::find(by_manager.begin(), by_manager.end(), key(1, "SB:2025-26")));
  std::size_t forms = 0;
  for (std::size_t at = html.find("action=\"/notice\""); at != std::string::npos;
       at = html.find("action=\"/notice\"", at + 1)) {
    ++forms;
  }
  EXPECT_EQ(forms, by_manager.size());
  const auto spanish = boost::json::parse(
      staff().list(R"({"html": {"action_url": "/notice", "language": "es"}})").json);
  EXPECT_NE(std::string(spanish.at("html").as_string()).find("lang=\"es\""), std::string::npos);
}

TEST_F(NotificationLog, TheManagersDaysAreTheDistrictsWhenItHasAZone) {
  memory_log_row row;
  row.student_id = 1;
  row.test = "SB";
  row.year = "2026-27";
  row.found_at = time_point(sys_days{2026y / November / 23} + hours(2));
  stores.tables.log[{"1000000001", "SB:2026-27"}] = row;
  const std::string request = R"({"html": {"action_url": "/notice"}})";
  const auto html_of = [&](notification_log service) {
    return std::string(boost::json::parse(service.list(request).json).at("html").as_string());
  };
  EXPECT_NE(html_of(staff()).find(">Nov 23, 2026</time>"), std::string::npos);
  tzif_spec pacific;
  pacific.offsets = {-28800};
  pacific.footer = "PST8";
  const notification_log zoned{stores.log, stores.students, stores.outbox, clock,
                               [&] { return time_zone::from_tzif(tzif(pacific)); }};
  EXPECT_NE(html_of(zoned).find(">Nov 22, 2026</time>"), std::string::npos);
}

TEST_F(NotificationLog, TheManagersRequestIsReadStrictly) {  // rule L1
  const auto message_of = [&](std::string_view json) {
    return std::string(failure_of([&] { staff().list(json); }).what());
  };
  EXPECT_EQ(message_of(R"({"html": true})"), "\"html\" must be a JSON object.");
  EXPECT_EQ(message_of(R"({"html": {}})"), "\"html.action_url\" is required.");
  EXPECT_EQ(message_of(R"j({"html": {"action_url": "javascript:alert(1)"}})j"),
            "\"html.action_url\" must be an http or https URL with a host, or a relative path "
            "such as \"/ssrlink/queue\".");
  EXPECT_EQ(message_of(R"({"html": {"action_url": "/q", "hidden": {"offset": "1"}}})"),
            "\"html.hidden.offset\" is a field the fragment writes itself; give the host's field "
            "another name.");
  EXPECT_EQ(message_of(R"({"leave_before": "30/06/2026"})"),
            "\"leave_before\" must be a date written YYYY-MM-DD.");
}

// Rule 12: without a sequence, every guardian the sweep would tell, once.
TEST_F(NotificationLog, SendNoticeWithoutASequenceTellsTheGuardiansTheSweepWould) {
  run(usual);
  const std::size_t before = stores.tables.outbox.size();
  const std::string request = R"({"student_id": 1, "report_key": "SB:2025-26"})";
  clock.advance(hours(1));
  EXPECT_EQ(staff().queue(request).json,
            R"({"queued":true,"notices":1,"already_queued":0,"manual_follow_up":1})");
  ASSERT_EQ(stores.tables.outbox.size(), before + 1);
  const memory_outbox_row &queued = stores.tables.outbox.back();
  EXPECT_EQ(queued.student_id, 1);
  EXPECT_EQ(queued.row.contact_sequence, 1);  // contact 2 has no email, contact 3 no rights
  EXPECT_EQ(queued.row.recipient, "ana@example.org");
  EXPECT_EQ(queued.row.language, "es");  // contact 1's language
  EXPECT_EQ(queued.row.report_key, "SB:2025-26");
  EXPECT_EQ(stores.tables.log.at({"1000000001", "SB:2025-26"}).emailed_at, clock.now());
  // A second click queues nothing new.
  EXPECT_EQ(staff().queue(request).json,
            R"({"queued":false,"notices":0,"already_queued":1,"manual_follow_up":1})");
  EXPECT_EQ(stores.tables.outbox.size(), before + 1);
  // The report the sweep already told contact 1 about: nothing new either.
  EXPECT_EQ(staff().queue(R"({"student_id": 1, "report_key": "SB:2026-27"})").json,
            R"({"queued":false,"notices":0,"already_queued":1,"manual_follow_up":1})");
}

TEST_F(NotificationLog, SendNoticeWithoutASequenceKeepsOneNoticePerMailboxAndEachOnesWords) {
  run(usual);
  stores.tables.contacts[3] = {contact(4, true, "dnr@example.org"),
                               contact(1, true, "DNR@example.org "), contact(2, false, "x@y.org"),
                               contact(3, true, "gran@example.org", "01")};
  const std::size_t before = stores.tables.outbox.size();
  EXPECT_EQ(staff().queue(R"({"student_id": 3, "report_key": "CAST:2026-27"})").json,
            R"({"queued":true,"notices":1,"already_queued":1,"manual_follow_up":0})");
  ASSERT_EQ(stores.tables.outbox.size(), before + 1);
  const memory_outbox_row &queued = stores.tables.outbox.back();
  // Contact 1 (first in sequence order) had the shared mailbox's notice from the sweep; contact
  // 4 shares it and gets none; contact 3 gets one, in Spanish, asking to contact the school
  // (student 3 is Do Not Release).
  EXPECT_EQ(queued.row.contact_sequence, 3);
  EXPECT_EQ(queued.row.language, "es");
  EXPECT_EQ(queued.row.body_text.find("State Test Scores Reports"), std::string::npos);
  for (const memory_outbox_row &row : stores.tables.outbox) {
    EXPECT_NE(row.row.contact_sequence, 4);
  }
}

TEST_F(NotificationLog, SendNoticeWithoutASequenceRefusesAsTheRulesSay) {  // rules 1-3, 9-11
  run(usual);
  const std::size_t before = stores.tables.outbox.size();
  const auto refused = [&](std::string_view json) {
    const failure f = failure_of([&] { staff().queue(json); });
    return std::make_pair(f.code(), std::string(f.what()));
  };
  EXPECT_EQ(refused(R"({"student_id": 1, "report_key": "XX:1999-00"})"),  // rule 1
            std::make_pair(status::not_found,
                           std::string("The report log has no report \"XX:1999-00\" for student 1; "
                                       "nothing was queued.")));
  stores.tables.log[{"9999999999", "SB:2026-27"}].student_id = 99;
  EXPECT_EQ(refused(R"({"student_id": 99, "report_key": "SB:2026-27"})"),  // rule 2
            std::make_pair(status::not_found,
                           std::string("Student 99 was not found; nothing was queued.")));
  stores.tables.students.push_back(student(1, "1000000001", "2"));
  EXPECT_EQ(refused(R"({"student_id": 1, "report_key": "SB:2025-26"})").first,  // rule 3
            status::database);
  stores.tables.students.pop_back();
  const std::vector<contact_facts> contacts = stores.tables.contacts[1];
  stores.tables.contacts[1].push_back(contact(3, true, "again@example.org"));
  EXPECT_EQ(refused(R"({"student_id": 1, "report_key": "SB:2025-26"})"),  // rule 9
            std::make_pair(status::database,
                           std::string("The view ssrlink_contact has 2 rows for student_id 1 and "
                                       "contact_sequence 3; nothing was queued. It must have one "
                                       "row per contact: see docs/dba-guide.md, \"One row per "
                                       "contact\", and run ssrlink-host check-mapping.")));
  stores.tables.contacts[1] = {contact(3, false, "aunt@example.org")};
  EXPECT_EQ(refused(R"({"student_id": 1, "report_key": "SB:2025-26"})"),  // rule 10
            std::make_pair(status::denied,
                           std::string("No contact of student 1 holds educational rights; nothing "
                                       "was queued.")));
  stores.tables.contacts[1] = {contact(2, true, " "), contact(3, false, "aunt@example.org"),
                               contact(5, true, "not an address")};
  EXPECT_EQ(refused(R"({"student_id": 1, "report_key": "SB:2025-26"})"),  // rule 11
            std::make_pair(status::invalid_argument,
                           std::string("No contact of student 1 with educational rights has a "
                                       "usable email address (2 to reach another way); nothing "
                                       "was queued.")));
  stores.tables.contacts[1].clear();
  EXPECT_EQ(refused(R"({"student_id": 1, "report_key": "SB:2025-26"})").first, status::denied);
  EXPECT_EQ(stores.tables.outbox.size(), before);
  stores.tables.contacts[1] = contacts;
  EXPECT_EQ(staff().queue(R"({"student_id": 1, "report_key": "SB:2025-26"})").code, status::ok);
}

}  // namespace
}  // namespace ssrlink::testing
