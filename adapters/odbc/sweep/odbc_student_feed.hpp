// core::student_feed over ODBC: reads ssrlink_student, ssrlink_school and ssrlink_contact, the
// DBA's views of the host's tables (sql/<dialect>/migrations), with the sweep_* statements of
// odbc/view_statements.hpp. Read only. Rows pass through in student_id order, duplicates
// included: the view contract (one row per student) is checked by the core.
#pragma once

#include "core/sweep/student_feed.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_student_feed final : public core::student_feed {
 public:
  // `pool` must outlive this object.
  explicit odbc_student_feed(connection_pool &pool) : pool_(pool) {}

  std::vector<core::student_range> plan_ranges(const std::optional<std::string> &school,
                                               unsigned batch_size) override;
  std::vector<core::sweep_student> students(const core::student_range &range) override;
  std::vector<core::contact_facts> contacts(std::int64_t student_id) override;

 private:
  connection_pool &pool_;
};

}  // namespace ssrlink::odbc
