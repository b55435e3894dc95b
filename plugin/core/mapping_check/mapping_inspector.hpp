// Port: what the database says about the DBA's mapping of the ssrlink_* views (the ODBC adapter
// in adapters/odbc/mapping_check implements it). Read only; it gathers facts and judges nothing,
// so the rules of mapping_check_service are tested without a database.
#pragma once

#include <cstdint>
#include <optional>

#include "mapping_observations.hpp"

namespace ssrlink::core {

class mapping_inspector {
 public:
  virtual ~mapping_inspector() = default;

  // Everything check-mapping judges. `sample_student_id`: the student whose statements are
  // EXPLAINed (the inspector picks one from the data when empty). Throws core::failure when the
  // database cannot be reached at all; a view or column that cannot be read is an observation.
  virtual mapping_observations observe(std::optional<std::int64_t> sample_student_id) = 0;
};

}  // namespace ssrlink::core
