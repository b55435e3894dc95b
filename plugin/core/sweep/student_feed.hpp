// Port: the students a sweep checks and their guardians, read from the host's tables through the
// DBA's views (adapters/odbc/sweep implements it). Read only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../model/student.hpp"
#include "sweep_records.hpp"

namespace ssrlink::core {

class student_feed {
 public:
  virtual ~student_feed() = default;

  // Ranges of at most `batch_size` students in the scope (one school, or the district when
  // `school` is empty), in student_id order.
  virtual std::vector<student_range> plan_ranges(const std::optional<std::string> &school,
                                                 unsigned batch_size) = 0;
  // Every row of the students view with an ID in the range, for the whole district, in
  // student_id order, a student on two rows twice. Not filtered by school: a student who moved
  // has a row at each school in a badly mapped view, and the sweep must see both rows to skip the
  // student (range_check applies the school itself).
  virtual std::vector<sweep_student> students(const student_range &range) = 0;
  // Every non-deleted contact of the student, in sequence order.
  virtual std::vector<contact_facts> contacts(std::int64_t student_id) = 0;
};

}  // namespace ssrlink::core
