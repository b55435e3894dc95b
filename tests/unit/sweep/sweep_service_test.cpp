#include "core/sweep/sweep_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <functional>

#include "fakes.hpp"

namespace ssrlink::core::testing {
namespace {

using namespace std::chrono;

contact_facts contact(int sequence, bool rights, std::string email, std::string language = "00",
                      bool hidden = false) {
  contact_facts c;
  c.sequence = sequence;
  c.educational_rights = rights;
  c.email = std::move(email);
  c.language = std::move(language);
  c.hide_contact = hidden;
  return c;
}

sweep_student student(std::int64_t id, std::string ssid, std::string school = "1") {
  sweep_student s;
  s.student_id = id;
  s.ssid = std::move(ssid);
  s.school_code = std::move(school);
  s.school_name = "School " + s.school_code;
  return s;
}

class SweepService : public ::testing::Test {
 protected:
  SweepService() {
    clock.at = sys_days{2026y / November / 23} + hours(2);
    store.all_students = {student(1, "1000000001"),      student(2, ""),
                          student(3, "1000000003"),      student(4, "1000000004"),
                          student(5, "1000000005"),      student(6, "1000000006"),
                          student(7, "1000000007"),      student(8, "1000000008"),
                          student(9, "1000000009", "2"), student(10, "1000000010")};
    store.all_students[2].do_not_release = true;
    store.all_students[3].tag = "X";
    store.all_students[4].leave_date = sys_days{2026y / January / 15};
    store.all_contacts[1] = {contact(1, true, "ana@example.org", "01"), contact(2, true, ""),
                             contact(3, false, "aunt@example.org")};
    store.all_contacts[3] = {contact(1, true, "dnr@example.org")};
    store.all_contacts[6] = {contact(1, true, "six@example.org")};
    store.all_contacts[10] = {contact(1, true, "ten@example.org")};
    ets.answers["1000000001"] =
        reports({final_link("SB", "2026-27"), final_link("SB", "2026-27", "SPA"),
                 final_link("SB", "2025-26")});
    ets.answers["1000000003"] = reports({final_link("CAST", "2026-27")});
    ets.answers["1000000004"] = reports({final_link("SB", "2026-27")});
    ets.answers["1000000005"] = reports({final_link("SB", "2026-27")});
    ets.answers["1000000006"] = reports({preliminary_link("ELPAC", "2026-27")});
    ets.answers["1000000007"] = ets_failed(ets_error::enrollment_mismatch);
    ets.answers["1000000008"] = ets_failed(ets_error::no_test_data);
    ets.answers["1000000009"] = reports({final_link("SB", "2026-27")});
    ets.answers["1000000010"] = reports({final_link("SB", "2024-25")});
    resolver.schools_without_credentials = {"2"};
  }

  sweep_counts run(const std::string &json) {
    return service().run(parse_sweep_request(json, "w1"), {});
  }

  sweep_service service(unsigned batch = 3) {
    return sweep_service(store, ets, resolver, clock, log, {"w1", batch});
  }

  static constexpr const char *usual =
      R"({"scope": "district", "skip_tags": ["X"], "skip_leave_before": "2026-06-30"})";

  fake_store store;
  fake_ets ets;
  fake_resolver resolver;
  fixed_clock clock;
  quiet_logger log;
};

TEST_F(SweepService, FirstRunLogsEverythingAndNotifiesGuardiansWithRights) {
  const sweep_counts c = run(usual);
  EXPECT_EQ(c.students_checked, 8);  // 4 (tag X) and 5 (left in January) skipped
  EXPECT_EQ(c.no_ssid, 1);
  EXPECT_EQ(c.new_reports, 2);     // student 1's SB 2026-27, student 3's CAST 2026-27
  EXPECT_EQ(c.notices_queued, 2);  // student 1 contact 1, student 3 contact 1
  EXPECT_EQ(c.no_email, 1);        // student 1 contact 2: rights, no email
  EXPECT_EQ(c.errors, (std::map<std::string, std::int64_t>{{"enrollment_mismatch", 1},
                                                           {"no_credentials", 1}}));
  ASSERT_EQ(store.outbox.size(), 2u);
  // Answers come back in any order: find each notice by student.
  const auto row_of = [&](std::int64_t id) {
    return *std::find_if(store.outbox.begin(), store.outbox.end(),
                         [&](const fake_outbox_row &r) { return r.student_id == id; });
  };
  const fake_outbox_row ana = row_of(1);
  EXPECT_EQ(ana.student_id, 1);
  EXPECT_EQ(ana.row.contact_sequence, 1);
  EXPECT_EQ(ana.row.recipient, "ana@example.org");
  EXPECT_EQ(ana.row.language, "es");
  EXPECT_EQ(ana.row.report_key, "SB:2026-27");
  EXPECT_NE(ana.row.body_text.find("Test Scores > State Test Scores Reports"), std::string::npos);
  const fake_outbox_row dnr = row_of(3);
  EXPECT_EQ(dnr.student_id, 3);
  EXPECT_NE(dnr.row.body_text.find("contact the school"), std::string::npos);
  EXPECT_EQ(dnr.row.body_text.find("State Test Scores Reports"), std::string::npos);
  // Everything found is logged: the earlier year and the Preliminary result too, quietly.
  EXPECT_EQ(store.log.at({"1000000001", "SB:2025-26"}).notice, "none");
  EXPECT_EQ(store.log.at({"1000000001", "SB:2026-27"}).notice, "partial");
  EXPECT_EQ(store.log.at({"1000000006", "ELPAC:2026-27"}).status, "Preliminary");
  EXPECT_EQ(store.log.at({"1000000010", "SB:2024-25"}).notice, "none");
  EXPECT_FALSE(store.log.at({"1000000010", "SB:2024-25"}).emailed_at);
}

TEST_F(SweepService, RerunsNeverNotifyTwice) {
  run(usual);
  const sweep_counts same_day = run(usual);
  EXPECT_EQ(same_day.students_checked, 0);  // the day's run is done: nothing to claim
  clock.at += days(1);
  const sweep_counts next_day = run(usual);
  EXPECT_EQ(next_day.students_checked, 8);
  EXPECT_EQ(next_day.new_reports, 0);
  EXPECT_EQ(next_day.notices_queued, 0);
  EXPECT_EQ(store.outbox.size(), 2u);
}

TEST_F(SweepService, PreliminaryNotifiesOnlyOnceItIsFinal) {
  run(usual);
  EXPECT_EQ(store.outbox.size(), 2u);
  ets.answers["1000000006"] = reports({final_link("ELPAC", "2026-27")});
  clock.at += days(1);
  const sweep_counts c = run(usual);
  EXPECT_EQ(c.new_reports, 1);
  ASSERT_EQ(store.outbox.size(), 3u);
  EXPECT_EQ(store.outbox[2].row.recipient, "six@example.org");
  EXPECT_EQ(store.log.at({"1000000006", "ELPAC:2026-27"}).status, "Final");
}

TEST_F(SweepService, AReportThatDisappearsAndReturnsIsNotAnnouncedAgain) {
  run(usual);
  ets.answers["1000000003"] = ets_failed(ets_error::no_test_data);
  clock.at += days(1);
  run(usual);
  ets.answers["1000000003"] = reports({final_link("CAST", "2026-27")});
  clock.at += days(1);
  EXPECT_EQ(run(usual).notices_queued, 0);
  EXPECT_EQ(store.outbox.size(), 2u);
}

TEST_F(SweepService, PreviousYearNotifiesWhenAsked) {
  const sweep_counts c = run(
      R"({"scope": "district", "include_previous_year": true, "skip_tags": ["X"],
          "skip_leave_before": "2026-06-30"})");
  EXPECT_EQ(c.new_reports, 3);  // plus student 1's SB 2025-26; 2024-25 still quiet
}

TEST_F(SweepService, DryRunWritesNothingButCountsWhatItWouldDo) {
  const sweep_counts c = run(R"({"scope": "district", "dry_run": true, "skip_tags": ["X"],
              "skip_leave_before": "2026-06-30"})");
  EXPECT_EQ(c.new_reports, 2);
  EXPECT_EQ(c.notices_queued, 2);
  EXPECT_EQ(store.writes, 0);
  EXPECT_TRUE(store.outbox.empty());
  EXPECT_TRUE(store.log.empty());
  EXPECT_TRUE(store.leases.empty());
}

TEST_F(SweepService, SchoolScopeChecksThatSchoolOnly) {
  resolver.schools_without_credentials.clear();
  const sweep_counts c = run(R"({"scope": "2"})");
  EXPECT_EQ(c.students_checked, 1);
  EXPECT_EQ(c.new_reports, 1);
}

TEST_F(SweepService, AnIntegerSchoolScopeIsThatSchool) {
  resolver.schools_without_credentials.clear();
  const sweep_counts c = run(R"({"scope": 2})");
  EXPECT_EQ(c.students_checked, 1);
  EXPECT_EQ(c.new_reports, 1);
}

TEST_F(SweepService, StaffListTakesAnIntegerSchoolAndNamesBadBytes) {
  run(usual);
  sweep_service s = service();
  EXPECT_EQ(s.list_log(R"({"school": 2})").code, status::ok);
  EXPECT_EQ(s.list_log(R"({"school": "2"})").json, s.list_log(R"({"school": 2})").json);
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
  EXPECT_EQ(message_of([&] { s.list_log(R"({"school": -2})"); }),
            "\"school\" must not be negative (got -2).");
  EXPECT_EQ(message_of([&] { s.list_log(R"({"school": 2.5})"); }),
            "\"school\" must be a string or a whole number without a fraction or an exponent "
            "(got 2.5).");
  EXPECT_EQ(message_of([&] { s.list_log(R"({"school": false})"); }),
            "\"school\" must be a string or a whole number, not true or false.");
  // Latin-1 bytes: outside strings named by offset, inside by key; never "not valid JSON".
  const std::string outside = "{\"limit\": 2}\xA0";
  EXPECT_EQ(message_of([&] { s.list_log(outside); }),
            "The notification list request is not valid UTF-8 (the first bad byte is at offset "
            "12); nothing was done.");
  const std::string inside = "{\"tag\": \"\xE9t\xE9\"}";
  EXPECT_EQ(message_of([&] { s.list_log(inside); }),
            "The notification list request: \"tag\" is not valid UTF-8; nothing was done.");
  const std::string notice =
      "{\xA0\"student_id\": 1, \"contact_sequence\": 1, \"report_key\": \"SB:2026-27\"}";
  EXPECT_EQ(message_of([&] { s.queue_notice(notice); }),
            "The notice request is not valid UTF-8 (the first bad byte is at offset 1); nothing "
            "was done.");
}

TEST_F(SweepService, KeepsAtMostConcurrencyCallsInFlight) {
  store.all_students.clear();
  for (int i = 0; i < 60; ++i) {
    store.all_students.push_back(student(100 + i, std::to_string(3000000000 + i)));
    ets.answers[std::to_string(3000000000 + i)] = ets_failed(ets_error::no_test_data);
  }
  const sweep_counts c =
      sweep_service(store, ets, resolver, clock, log, {"w1", 25})
          .run(parse_sweep_request(R"({"scope": "district", "concurrency": 4})", "w1"), {});
  EXPECT_EQ(c.students_checked, 60);
  EXPECT_EQ(ets.calls(), 60);
  EXPECT_LE(ets.max_in_flight(), 4);
  EXPECT_GE(ets.max_in_flight(), 2);
  EXPECT_TRUE(c.errors.empty());
}

TEST_F(SweepService, MaxStudentsStopsAndALaterRunResumes) {
  const sweep_counts first = run(R"({"scope": "district", "max_students": 4})");
  EXPECT_EQ(first.students_checked, 4);
  const sweep_counts rest = run(R"({"scope": "district"})");
  // A batch cut short is given back, so a few of its students may be checked again; a batch
  // finished is not redone, and nothing is counted or sent twice.
  EXPECT_GE(first.students_checked + rest.students_checked, 10);
  EXPECT_LE(first.students_checked + rest.students_checked, 10 + 2);
  EXPECT_EQ(first.new_reports + rest.new_reports, 4);  // SB 2026-27 of students 1, 3, 4, 5
  EXPECT_EQ(store.outbox.size(), 2u);                  // 4 and 5 have no guardian on file
  for (const auto &[key, lease] : store.leases) {
    EXPECT_TRUE(std::get<2>(lease)) << key;
  }
}

// A clock that moves a minute every time it is read: a batch that takes "long".
class racing_clock final : public clock {
 public:
  explicit racing_clock(time_point start) : at_(start) {}
  time_point now() const override { return at_ += std::chrono::minutes(1); }

 private:
  mutable time_point at_;
};

TEST_F(SweepService, RenewsTheLeaseOfASlowBatch) {
  racing_clock slow(clock.at);
  sweep_service s(store, ets, resolver, slow, log, {"w1", 10});
  const sweep_counts c =
      s.run(parse_sweep_request(R"({"scope": "district", "lease_seconds": 600})", "w1"), {});
  EXPECT_EQ(c.students_checked, 10);
  EXPECT_GT(store.renewals, 0);
  for (const std::string &message : log.messages) {
    EXPECT_EQ(message.find("could not renew"), std::string::npos) << message;
  }
  for (const auto &[key, lease] : store.leases) {
    EXPECT_TRUE(std::get<2>(lease)) << key;  // finished, not lost to an expired lease
  }
}

TEST_F(SweepService, ReportsProgressAfterEveryBatch) {
  std::vector<std::string> progress;
  const sweep_counts c = service(4).run(parse_sweep_request(usual, "w1"),
                                        [&](const std::string &json) { progress.push_back(json); });
  ASSERT_EQ(progress.size(), 3u);  // 10 students in batches of 4
  const auto last = boost::json::parse(progress.back()).as_object();
  EXPECT_EQ(last.at("students_checked").as_int64(), c.students_checked);
  EXPECT_EQ(last.at("batches").as_int64(), 3);
  EXPECT_EQ(last.at("worker").as_string(), "w1");
}

TEST_F(SweepService, ResultJsonHasTheContractKeys) {
  const auto json = boost::json::parse(service().run(usual, {}).json).as_object();
  for (const char *key : {"students_checked", "new_reports", "notices_queued", "no_email",
                          "no_ssid", "errors", "elapsed_ms"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json.at("errors").as_object().at("enrollment_mismatch").as_int64(), 1);
}

TEST_F(SweepService, TransportFailuresAreCountedByFault) {
  ets.answers["1000000001"] = ets_failed(ets_error::processing_error, ets_fault::timed_out);
  EXPECT_EQ(run(usual).errors.at("timed_out"), 1);
}

TEST_F(SweepService, StaffListFiltersAndPages) {
  run(usual);
  sweep_service s = service();
  const auto all = boost::json::parse(s.list_log(R"({"limit": 2})").json).as_object();
  EXPECT_EQ(all.at("entries").as_array().size(), 2u);
  EXPECT_TRUE(all.at("more").as_bool());
  const auto no_email = boost::json::parse(s.list_log(R"({"no_email": true})").json).as_object();
  ASSERT_EQ(no_email.at("entries").as_array().size(), 1u);
  EXPECT_EQ(no_email.at("entries").as_array()[0].as_object().at("report_key").as_string(),
            "SB:2026-27");
  s.record_offered(3, 1, {"CAST:2026-27"});
  const auto unseen = boost::json::parse(s.list_log(R"({"not_viewed": true})").json).as_object();
  for (const auto &entry : unseen.at("entries").as_array()) {
    EXPECT_NE(entry.as_object().at("student_id").as_int64(), 3);
  }
  EXPECT_THROW(s.list_log(R"({"limit": 0})"), failure);
}

TEST_F(SweepService, QueueingByHandNeedsRightsAnEmailAndHappensOnce) {
  run(usual);
  sweep_service s = service();
  const auto status_of = [&](std::string_view json) {
    try {
      s.queue_notice(json);
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
  store.all_contacts[1][1].email = "dad@example.org";
  const std::string request =
      R"({"student_id": 1, "contact_sequence": 2, "report_key": "SB:2026-27"})";
  EXPECT_EQ(s.queue_notice(request).json, R"({"queued":true})");
  EXPECT_EQ(s.queue_notice(request).json, R"({"queued":false})");
  EXPECT_EQ(store.outbox.size(), 3u);
  EXPECT_EQ(store.outbox.back().row.recipient, "dad@example.org");
}

TEST(UsableEmail, AcceptsAddressesAndRefusesJunk) {
  EXPECT_TRUE(usable_email("ana@example.org"));
  EXPECT_FALSE(usable_email(""));
  EXPECT_FALSE(usable_email("   "));
  EXPECT_FALSE(usable_email("ana.example.org"));
  EXPECT_FALSE(usable_email("@example.org"));
  EXPECT_FALSE(usable_email("ana@"));
  EXPECT_FALSE(usable_email("a b@example.org"));
  EXPECT_FALSE(usable_email("a@b@c"));
  EXPECT_FALSE(usable_email("ana@example.org, eve@example.org"));
}

}  // namespace
}  // namespace ssrlink::core::testing
