// Port: the host's student and contact records, read through the ssrlink_* views.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "../model/student.hpp"

namespace ssrlink::core {

class student_directory {
 public:
  virtual ~student_directory() = default;
  // Who may act for the student (no flag): one round trip. nullopt when no non-deleted student
  // has that ID. Throws failure(database) with a sentence naming the view or column, and the
  // migration that adds it, when the database cannot answer. Thread-safe.
  virtual std::optional<student_binding> find_binding(const binding_query &query) = 0;
  // The student's facts, flags included: asked only once the viewer is entitled. One round
  // trip; nullopt when no non-deleted student has that ID. Throws like find_binding.
  virtual std::optional<student_facts> find_student(const student_query &query) = 0;
  // The family page: every non-deleted student that ssrlink_portal_link ties to the account
  // through a non-deleted contact (with or without educational rights: each student's own page
  // rules decide what is shown), once each, ascending by student_id. No flag is read. One round
  // trip; throws like find_binding.
  virtual std::vector<linked_student> linked_students(const std::string &user_id) = 0;
};

}  // namespace ssrlink::core
