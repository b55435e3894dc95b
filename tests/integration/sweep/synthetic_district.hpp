// A synthetic district for the sweep's multi-process tests and its benchmark: the host tables
// (SCL, STU, CON) as SQL for psql, the matching fake-ets fixture, and what a complete sweep must
// produce. Student g (1..N) follows fixed rules by g % 10 so that every case is present in any
// slice of the district:
//   0 no SSID                      1 only a Preliminary ELPAC result this year
//   2 Do Not Release student       3 hidden-contact (HCI) student
//   4 SSID unknown to ETS          5 Final results from two years ago only
//   6..9 ordinary: this year's SB (PDF in English and Spanish, HTML per subject) and last
//        year's CAST
// Contacts: 1 has rights, an email and language (g % 6) as CALPADS "00".."05"; 2 has rights, no
// email when g % 4 == 0, and is a hidden contact when g % 7 == 0; 3 has an email but no rights.
#pragma once

#include <cstdint>
#include <string>

namespace ssrlink::sweep::testing {

inline const std::string ets_user = "sweep-user";
inline const std::string ets_secret = "sweep-secret-key-0001";

struct synthetic_district {
  std::int64_t students = 0;
  std::string this_year;  // "2026-27": the administration year containing today
  std::string last_year;  // "2025-26"
  int latency_ms = 0;     // added to every report answer by fake-ets

  static synthetic_district of(std::int64_t students, int latency_ms = 0);

  std::string host_sql() const;      // inserts for SCL, STU and CON (PostgreSQL)
  std::string fixture_json() const;  // fake-ets fixture

  // What one complete, non-dry sweep (include_previous_year false) must produce.
  std::int64_t with_ssid() const;         // students ETS is asked about
  std::int64_t notifying() const;         // students with a newly Final report this year
  std::int64_t expected_notices() const;  // outbox rows
  std::int64_t expected_no_email() const;
  std::int64_t preliminary_only() const;
  std::int64_t hidden() const;  // notifying students whose every notice says "contact the school"
};

}  // namespace ssrlink::sweep::testing
