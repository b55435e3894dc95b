// The district the sweep's unit tests share: ten students in two schools (school "2" without
// credentials), their guardians and what ETS answers for each, over the memory sweep stores and
// the shared doubles. The credential resolver stays here: the shared one cannot say "this school
// has none" while the district has a pair.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "core/credentials/credential_resolver.hpp"
#include "core/sweep/notification_log.hpp"
#include "core/sweep/sweep_service.hpp"
#include "doubles/fake_ets_client.hpp"
#include "doubles/manual_clock.hpp"
#include "doubles/memory_sweep_stores.hpp"
#include "doubles/recording_logger.hpp"

namespace ssrlink::testing {

// The district's pair for every school but those listed.
class school_gap_resolver final : public core::credential_resolver {
 public:
  std::set<std::string, std::less<>> schools_without_credentials;

  std::optional<core::resolved_credentials> for_school(std::string_view school) override {
    if (schools_without_credentials.count(school) != 0) {
      return std::nullopt;
    }
    core::resolved_credentials resolved;
    resolved.pair = {"district", "user", "secret-secret-secret", "district@1"};
    return resolved;
  }
};

inline core::contact_facts contact(int sequence, bool rights, std::string email,
                                   std::string language = "00", bool hidden = false) {
  core::contact_facts c;
  c.sequence = sequence;
  c.educational_rights = rights;
  c.email = std::move(email);
  c.language = std::move(language);
  c.hide_contact = hidden;
  return c;
}

inline core::sweep_student student(std::int64_t id, std::string ssid, std::string school = "1") {
  core::sweep_student s;
  s.student_id = id;
  s.ssid = std::move(ssid);
  s.school_code = std::move(school);
  s.school_name = "School " + s.school_code;
  return s;
}

inline core::report_link final_link(std::string test, std::string year,
                                    std::string language = "ENG") {
  core::report_link l;
  l.test = std::move(test);
  l.year = std::move(year);
  l.language = std::move(language);
  l.format = "PDF";
  l.subject = "ALL";
  l.status = "Final";
  return l;
}

inline core::report_link preliminary_link(std::string test, std::string year) {
  core::report_link l = final_link(std::move(test), std::move(year));
  l.status = "Preliminary";
  return l;
}

inline core::ets_reports_result reports(core::report_links links) {
  return {std::move(links)};
}

class SweepFixture : public ::testing::Test {
 protected:
  SweepFixture() {
    using namespace std::chrono;
    clock.set(manual_clock::default_start + hours(2));
    auto &t = stores.tables;
    t.students = {student(1, "1000000001"), student(2, ""),           student(3, "1000000003"),
                  student(4, "1000000004"), student(5, "1000000005"), student(6, "1000000006"),
                  student(7, "1000000007"), student(8, "1000000008"), student(9, "1000000009", "2"),
                  student(10, "1000000010")};
    t.students[2].do_not_release = true;
    t.students[3].tag = "X";
    t.students[4].leave_date = sys_days{2026y / January / 15};
    t.contacts[1] = {contact(1, true, "ana@example.org", "01"), contact(2, true, ""),
                     contact(3, false, "aunt@example.org")};
    t.contacts[3] = {contact(1, true, "dnr@example.org")};
    t.contacts[6] = {contact(1, true, "six@example.org")};
    t.contacts[10] = {contact(1, true, "ten@example.org")};
    ets.answer("1000000001",
               reports({final_link("SB", "2026-27"), final_link("SB", "2026-27", "SPA"),
                        final_link("SB", "2025-26")}));
    ets.answer("1000000003", reports({final_link("CAST", "2026-27")}));
    ets.answer("1000000004", reports({final_link("SB", "2026-27")}));
    ets.answer("1000000005", reports({final_link("SB", "2026-27")}));
    ets.answer("1000000006", reports({preliminary_link("ELPAC", "2026-27")}));
    ets.answer("1000000007", ets_failed(core::ets_error::enrollment_mismatch));
    ets.answer("1000000008", ets_failed(core::ets_error::no_test_data));
    ets.answer("1000000009", reports({final_link("SB", "2026-27")}));
    ets.answer("1000000010", reports({final_link("SB", "2024-25")}));
    resolver.schools_without_credentials = {"2"};
  }

  core::sweep_counts run(const std::string &json) {
    return service().run(core::parse_sweep_request(json, "w1"), {});
  }

  core::sweep_service service(unsigned batch = 3) { return service_on(clock, batch); }

  core::sweep_service service_on(const core::clock &on, unsigned batch) {
    return {stores.ports(), [this] { return settings; }, ets, resolver, on, log, {"w1", batch}};
  }

  core::notification_log staff() { return {stores.log, stores.students, stores.outbox, clock}; }

  static constexpr const char *usual =
      R"({"scope": "district", "skip_tags": ["X"], "skip_leave_before": "2026-06-30"})";

  core::district_settings settings;  // what the settings source gives the sweep
  memory_sweep_stores stores;
  fake_ets_client ets;
  school_gap_resolver resolver;
  manual_clock clock;
  recording_logger log;
};

}  // namespace ssrlink::testing
