// A report_page_service wired to the shared test doubles, with one student (ID 1001, SSID
// 1234567890, school 100, portal account "s-1") and its contact 1 (educational rights, linked to
// the parent-portal account "p-1"), whose facts each test may change. ETS answers every SSID with
// issued_links() until a test says otherwise. No settings source unless a test sets `settings`
// (then the district's instructions come from it).
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>

#include "core/report_page/report_page_service.hpp"
#include "doubles/counting_transaction_scope.hpp"
#include "doubles/fake_credential_resolver.hpp"
#include "doubles/fake_ets_client.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/memory_audit_log.hpp"
#include "doubles/memory_link_cache_store.hpp"
#include "doubles/memory_offered_reports.hpp"
#include "doubles/memory_student_directory.hpp"
#include "doubles/recording_logger.hpp"
#include "test_links.hpp"

namespace ssrlink::test {

using ssrlink::testing::credentials_for;
using ssrlink::testing::ets_failed;

struct service_fixture {
  // 18:00 UTC, so that links issued now expire on the same day in every time zone's reading.
  testing::manual_clock clock{at("2026-11-23T18:00:00Z")};
  testing::memory_student_directory directory;
  testing::fake_credential_resolver credentials;
  testing::fake_ets_client ets;
  testing::memory_link_cache_store store;
  testing::memory_audit_log audit;
  testing::memory_offered_reports offered;
  testing::recording_logger log;
  std::vector<std::string> link_hosts = {"*.s3.amazonaws.com", "caaspp-aws.ets.org"};
  link_cache_options cache_options;
  settings_source settings;
  // Set by a test: the cold page's writes go through `transactions` (rule 3).
  bool with_transactions = false;
  testing::counting_transaction_scope transactions;

  service_fixture() {
    student_facts s;
    s.student_id = 1001;
    s.school_code = "100";
    s.ssid = "1234567890";
    s.correspondence_language = "01";
    s.grade = 5;
    directory.students[1001] = s;
    contact_facts c;
    c.sequence = 1;
    c.email = "parent@example.org";
    c.language = "01";
    c.educational_rights = true;
    directory.contacts[1001].push_back(c);
    directory.portal_links.insert({"p-1", {1001, 1}});
    directory.portal_users[1001] = "s-1";
    credentials.district = credentials_for("district@2026-01-01");
    ets.answer_every_ssid(ets_reports_result{issued_links()});
  }

  // Two Smarter Balanced PDFs (English, Spanish) and an ELPAC one, issued now.
  report_links issued_links() const {
    return {make_link("SB", "2018-19", "ENG", "PDF", "ALL", clock.now()),
            make_link("SB", "2018-19", "SPA", "PDF", "ALL", clock.now()),
            make_link("ELPAC", "2018-19", "ENG", "PDF", "ALL", clock.now())};
  }

  report_page_service service() {
    return report_page_service({.students = directory,
                                .credentials = credentials,
                                .ets = ets,
                                .shared_cache = store,
                                .audit = audit,
                                .offered = offered,
                                .clock = clock,
                                .log = log,
                                .link_hosts = link_hosts,
                                .cache_options = cache_options,
                                .settings = settings,
                                .transactions = with_transactions ? &transactions : nullptr});
  }

  // Runs one request and parses the result JSON.
  boost::json::object run(const std::string &request) {
    auto svc = service();
    const call_result result = svc.handle(request);
    EXPECT_EQ(result.code, status::ok);
    return boost::json::parse(result.json).as_object();
  }
};

inline std::string request_as(const std::string &viewer_json, std::int64_t student_id = 1001,
                              const std::string &extra = "") {
  return "{\"student_id\": " + std::to_string(student_id) + ", \"viewer\": " + viewer_json + extra +
         "}";
}

inline std::string str(const boost::json::value &v) {
  return v.is_string() ? std::string(v.as_string()) : std::string();
}

}  // namespace ssrlink::test
