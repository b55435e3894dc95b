// core::student_directory over the ssrlink_student, ssrlink_contact and ssrlink_portal_link
// views: a page costs two round trips, the binding (who may act for the student, no flag) and,
// for an entitled viewer only, the facts (flags, SSID, the contact acted as).
#pragma once

#include <memory>

#include "core/ports/student_directory.hpp"
#include "odbc/connection_pool.hpp"

namespace ssrlink::odbc {

class odbc_student_directory final : public core::student_directory {
 public:
  explicit odbc_student_directory(std::shared_ptr<connection_pool> pool);
  std::optional<core::student_binding> find_binding(const core::binding_query &query) override;
  std::optional<core::student_facts> find_student(const core::student_query &query) override;

 private:
  std::shared_ptr<connection_pool> pool_;
};

}  // namespace ssrlink::odbc
