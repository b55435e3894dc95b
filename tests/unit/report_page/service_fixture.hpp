// A report_page_service wired to the in-memory fakes, with one student (ID 1001, SSID
// 1234567890, school 100, portal account "s-1") and its contact 1 (educational rights, linked to
// the parent-portal account "p-1"), whose facts each test may change.
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>

#include "core/report_page/report_page_service.hpp"
#include "fakes.hpp"

namespace ssrlink::test {

struct service_fixture {
  fake_clock clock;
  fake_directory directory;
  fake_credentials credentials;
  fake_ets ets;
  memory_cache_store store;
  memory_audit_log audit;
  capture_logger log;
  std::vector<std::string> link_hosts = {"*.s3.amazonaws.com", "caaspp-aws.ets.org"};

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
    ets.answer.value = report_links{
        make_link("SB", "2018-19", "ENG", "PDF", "ALL", clock.now()),
        make_link("SB", "2018-19", "SPA", "PDF", "ALL", clock.now()),
        make_link("ELPAC", "2018-19", "ENG", "PDF", "ALL", clock.now()),
    };
  }

  link_cache_options cache_options;

  report_page_service service() {
    return report_page_service(report_page_dependencies{
        directory, credentials, ets, store, audit, clock, log, link_hosts, cache_options, {}});
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
