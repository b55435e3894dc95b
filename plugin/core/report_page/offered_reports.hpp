// Port owned by the report page: "this guardian was offered these reports". The notification
// log keeps it as viewed_at (adapters/odbc/sweep implements it), so staff can follow up with the
// parents who have not looked yet.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../time.hpp"

namespace ssrlink::core {

class offered_reports {
 public:
  virtual ~offered_reports() = default;

  // The page showed the reports `report_keys` (sweep/report_identity.hpp) to contact
  // `contact_sequence` of the student: stamps viewed_at on those log rows not viewed yet. The
  // log is kept per student and report, so any guardian seeing it counts; the contact is passed
  // so the page need not change if the log ever tracks guardians apart.
  virtual void record_offered(std::int64_t student_id, int contact_sequence,
                              const std::vector<std::string> &report_keys, time_point now) = 0;
};

}  // namespace ssrlink::core
