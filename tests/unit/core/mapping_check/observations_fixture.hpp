// Hand-made observations for the rule tests: a mapping that passes every check, which each test
// spoils in one way.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/mapping_check/mapping_observations.hpp"
#include "core/mapping_check/mapping_verdicts.hpp"

namespace ssrlink::core::testing {

inline view_observation view(std::string name, std::initializer_list<const char *> columns) {
  view_observation v;
  v.name = std::move(name);
  for (const char *column : columns) {
    v.columns.push_back({column, true, {}});
  }
  v.rows_read = true;
  v.definition = "SELECT x.ID AS student_id FROM X x";
  return v;
}

inline student_row student(std::string id, std::string ssid = "2000000001") {
  return {id, "1", std::move(ssid), "00", "3", "0", "0", "", std::nullopt, ""};
}

inline contact_row contact(std::string id, std::string sequence) {
  return {std::move(id), std::move(sequence), "p@example.org", "1", "01", "0"};
}

inline mapping_observations clean_mapping() {
  mapping_observations seen;
  seen.dialect = "postgresql";
  seen.plans_supported = true;
  seen.student_view =
      view("ssrlink_student", {"student_id", "school_code", "ssid", "correspondence_language",
                               "grade", "do_not_release", "hide_contact", "tag", "leave_date",
                               "portal_user", "first_name", "last_name"});
  seen.contact_view = view("ssrlink_contact", {"student_id", "contact_sequence", "email",
                                               "educational_rights", "language", "hide_contact"});
  seen.school_view = view("ssrlink_school", {"school_code", "name", "cds"});
  seen.link_view = view("ssrlink_portal_link", {"user_id", "student_id", "contact_sequence"});
  for (const char *id : {"1001", "1002", "1003"}) {
    seen.students.add(student(id));
    seen.contacts.add(contact(id, "1"));
    seen.links.add({std::string("parent-") + id, id, "1"});
  }
  seen.schools.add({"1", "Lincoln", "01612340100018"});
  seen.orphans_checked = true;
  seen.school_tables = {"scl"};
  statement_observation facts;
  facts.name = "page_facts";
  facts.purpose = "every entitled page";
  facts.sql = "SELECT ...";
  facts.parameters = {"contact_sequence", "student_id"};
  facts.explained = true;
  facts.plan = {"Index Scan on stu s using stu_pkey  Index Cond: (id = 1001)"};
  seen.statements.push_back(facts);
  return seen;
}

inline const check_verdict &find(const mapping_report &report, std::string_view check,
                                 std::string_view view_name) {
  for (const check_verdict &v : report.checks) {
    if (v.check == check && v.view == view_name) {
      return v;
    }
  }
  throw std::logic_error("no such check");
}

}  // namespace ssrlink::core::testing
