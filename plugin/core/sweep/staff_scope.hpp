// Which schools a staff member may see and act for in the notification log (the Manager,
// ssrlink_notifications_list and ssrlink_notification_queue). The log names students, so a
// school office sees only its own schools, by the school codes its actor carries, not by the
// host's good will (docs/abi.md, "Actors").
//
// Rules, in this order (the list):
//  1. Without school codes (an administrator, district staff, the host itself) the whole
//     district: the request's "school" filter stands as given.
//  2. With school codes, a "school" filter must be one of them: otherwise denied, naming the
//     school and nothing of its students.
//  3. With one school code and no filter, the list is that school's.
//  4. With several school codes and no filter: invalid_argument naming "school", one school at a
//     time (the list's filter holds one school).
// And for a notice queued by hand (notification_log.hpp, rule 3a):
//  5. With school codes, a student at none of them is answered as a report the log does not
//     have, so a school's staff cannot tell another school's students apart from unknown ones.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ssrlink::core {

struct staff_schools {
  // The actor's school codes; absent means district-wide (rule 1).
  std::optional<std::vector<std::string>> codes;
};

// Rules 1 to 4: the school filter the list runs with. Throws failure(denied) for rule 2 and
// failure(invalid_argument) for rule 4.
std::optional<std::string> scoped_school(const staff_schools &scope,
                                         const std::optional<std::string> &requested);

// Rule 5: whether the actor may act for a student of `school_code`.
bool may_act_for(const staff_schools &scope, const std::string &school_code);

}  // namespace ssrlink::core
