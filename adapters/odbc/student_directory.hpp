// core::student_directory over the ssrlink_student and ssrlink_contact views: one statement
// (a LEFT JOIN) per page request, so a page costs one round trip.
#pragma once

#include <memory>

#include "core/ports/student_directory.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_student_directory final : public core::student_directory {
 public:
  explicit odbc_student_directory(std::shared_ptr<connection_pool> pool);
  std::optional<core::student_facts> find_student(const core::student_query &query) override;

 private:
  std::shared_ptr<connection_pool> pool_;
};

}  // namespace ssrlink::odbc
