#include "synthetic_district.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>

#include "core/sweep/school_year.hpp"

namespace ssrlink::sweep::testing {

namespace {

bool notifies(std::int64_t g) {
  return g % 10 >= 6 || g % 10 == 2 || g % 10 == 3;
}

boost::json::object report(const std::string &type, const std::string &year,
                           const std::string &subject, const std::string &language,
                           const std::string &format, const std::string &status) {
  return {{"reportType", type},         {"reportName", type + " report"},
          {"administrationYear", year}, {"grade", "05"},
          {"subject", subject},         {"language", language},
          {"format", format},           {"status", status}};
}

}  // namespace

synthetic_district synthetic_district::of(std::int64_t students, int latency_ms) {
  synthetic_district d;
  d.students = students;
  d.latency_ms = latency_ms;
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  d.this_year = core::administration_year(today);
  d.last_year = core::administration_year(today - std::chrono::days(366));
  return d;
}

std::string synthetic_district::host_sql() const {
  const std::string n = std::to_string(students);
  // School 1's name carries markup: the notices must escape it.
  return "INSERT INTO SCL (SC, NM, CDS) VALUES (1, 'Lincoln <High> & Annex', '01234560000001'), "
         "(2, 'Roosevelt Middle', '01234560000002');\n"
         "INSERT INTO STU (ID, SC, GR, CID, CL, DNR, HCI) SELECT g, 1 + g % 2, 5, "
         "CASE WHEN g % 10 = 0 THEN NULL ELSE CAST(5000000000 + g AS VARCHAR(10)) END, '00', "
         "CASE WHEN g % 10 = 2 THEN 'Y' ELSE '' END, CASE WHEN g % 10 = 3 THEN 'Y' ELSE '' END "
         "FROM generate_series(1, " +
         n +
         ") g;\n"
         "INSERT INTO CON (PID, SQ, EM, ED, CL, HCI) "
         "SELECT g, 1, 'g1-' || g || '@example.org', 'Y', '0' || (g % 6), '' "
         "FROM generate_series(1, " +
         n +
         ") g "
         "UNION ALL SELECT g, 2, CASE WHEN g % 4 = 0 THEN '' ELSE 'g2-' || g || '@example.org' "
         "END, "
         "'Y', '01', CASE WHEN g % 7 = 0 THEN 'Y' ELSE '' END FROM generate_series(1, " +
         n +
         ") g "
         "UNION ALL SELECT g, 3, 'g3-' || g || '@example.org', '', '00', '' "
         "FROM generate_series(1, " +
         n + ") g;\n";
}

std::string synthetic_district::fixture_json() const {
  boost::json::object students_json;
  const std::string two_years_ago =
      std::to_string(std::stoi(last_year.substr(0, 4)) - 1) + "-" + last_year.substr(2, 2);
  for (std::int64_t g = 1; g <= students; ++g) {
    const int kind = static_cast<int>(g % 10);
    if (kind == 0 || kind == 4) {
      continue;  // no SSID at all, or an SSID ETS does not know
    }
    boost::json::array reports;
    if (kind == 1) {
      reports.push_back(report("ELPAC", this_year, "ALL", "ENG", "PDF", "Preliminary"));
    } else if (kind == 5) {
      reports.push_back(report("SB", two_years_ago, "ALL", "ENG", "PDF", "Final"));
    } else {
      reports.push_back(report("SB", this_year, "ALL", "ENG", "PDF", "Final"));
      reports.push_back(report("SB", this_year, "ALL", "SPA", "PDF", "Final"));
      reports.push_back(report("SB", this_year, "ELA", "ENG", "HTML", "Final"));
      reports.push_back(report("SB", this_year, "MATH", "ENG", "HTML", "Final"));
      reports.push_back(report("CAST", last_year, "ALL", "ENG", "PDF", "Final"));
    }
    boost::json::object student{{"reports", std::move(reports)}};
    if (latency_ms > 0) {
      student["fault"] = boost::json::object{{"kind", "latency"}, {"ms", latency_ms}};
    }
    students_json[std::to_string(5000000000 + g)] = std::move(student);
  }
  boost::json::object fixture{
      {"token_lifetime_seconds", 3600},
      {"credentials",
       boost::json::array{boost::json::object{
           {"username", ets_user}, {"secret_key", ets_secret}, {"superseded", false}}}},
      {"students", std::move(students_json)}};
  return boost::json::serialize(fixture);
}

std::int64_t synthetic_district::with_ssid() const {
  return students - students / 10;
}

std::int64_t synthetic_district::notifying() const {
  std::int64_t n = 0;
  for (std::int64_t g = 1; g <= students; ++g) {
    n += notifies(g) ? 1 : 0;
  }
  return n;
}

std::int64_t synthetic_district::expected_notices() const {
  std::int64_t n = 0;
  for (std::int64_t g = 1; g <= students; ++g) {
    n += notifies(g) ? (g % 4 == 0 ? 1 : 2) : 0;
  }
  return n;
}

std::int64_t synthetic_district::expected_no_email() const {
  std::int64_t n = 0;
  for (std::int64_t g = 1; g <= students; ++g) {
    n += notifies(g) && g % 4 == 0 ? 1 : 0;
  }
  return n;
}

std::int64_t synthetic_district::preliminary_only() const {
  std::int64_t n = 0;
  for (std::int64_t g = 1; g <= students; ++g) {
    n += g % 10 == 1 ? 1 : 0;
  }
  return n;
}

std::int64_t synthetic_district::hidden() const {
  std::int64_t n = 0;
  for (std::int64_t g = 1; g <= students; ++g) {
    n += g % 10 == 2 || g % 10 == 3 ? 1 : 0;
  }
  return n;
}

}  // namespace ssrlink::sweep::testing
