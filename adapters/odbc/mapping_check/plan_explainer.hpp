// EXPLAINs every statement the plugin runs against the views (odbc::view_statements) with sample
// values, and lists which base tables the plans read whole (query_plans.hpp). PostgreSQL and
// SQLite only; on other dialects the statements are reported as not checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/mapping_check/mapping_observations.hpp"
#include "odbc/connection.hpp"

namespace ssrlink::odbc {

// The values bound to the statements' markers: a student with a portal link when there is one.
struct plan_samples {
  std::int64_t student_id = 0;
  std::string user_id;
  std::int64_t contact_sequence = 1;
  std::string school_code;
};

// `requested`: the request's student_id; else a student with a portal link; else
// `first_student` (the lowest ID ssrlink_student holds); else 0.
plan_samples pick_samples(connection &c, std::optional<std::int64_t> requested,
                          std::optional<std::int64_t> first_student);

// Fills seen.statements (one per view_statements entry, in order), seen.plans_supported and
// seen.school_tables.
void explain_statements(connection &c, const plan_samples &samples,
                        core::mapping_observations &seen);

}  // namespace ssrlink::odbc
