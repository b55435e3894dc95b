// check-mapping: runs every contract check a DBA needs over the ssrlink_* views and reports what
// to fix (the rules are in mapping_verdicts.hpp). The request is {"student_id": n} (optional:
// the student whose statements are EXPLAINed); the result is the report as JSON (docs/abi.md,
// ssrlink_check_mapping). A report is a success also when checks fail: "ok" says which.
#pragma once

#include <string_view>

#include "../call_result.hpp"
#include "mapping_inspector.hpp"

namespace ssrlink::core {

class mapping_check_service {
 public:
  explicit mapping_check_service(mapping_inspector &inspector);

  // `request_json` without "actor" (the audit wrapper takes it). Throws core::failure.
  call_result check(std::string_view request_json);

 private:
  mapping_inspector &inspector_;
};

}  // namespace ssrlink::core
