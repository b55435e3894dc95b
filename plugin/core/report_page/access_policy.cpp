#include "access_policy.hpp"

namespace ssrlink::core {

access_decision decide_access(const viewer &who, std::int64_t requested_student_id,
                              const student_facts *facts) {
  const bool privileged = who.role == viewer_role::admin || who.role == viewer_role::staff;
  if (who.role != viewer_role::admin && !who.permitted) {
    return {access_verdict::not_permitted, "no_permission"};
  }
  if (facts == nullptr || facts->student_id != requested_student_id) {
    return {access_verdict::not_found, "unknown_student"};
  }
  if (who.role == viewer_role::parent) {
    if (!who.contact_sequence) {
      return {access_verdict::not_permitted, "parent_without_contact_sequence"};
    }
    if (!facts->contact || facts->contact->sequence != *who.contact_sequence) {
      return {access_verdict::not_permitted, "parent_not_linked"};
    }
  }
  if (who.role == viewer_role::student) {
    if (!who.student_id) {
      return {access_verdict::not_permitted, "student_without_student_id"};
    }
    if (*who.student_id != facts->student_id) {
      return {access_verdict::not_permitted, "other_student"};
    }
  }
  if (!privileged) {
    if (facts->do_not_release) {
      return {access_verdict::inaccessible, "do_not_release"};
    }
    if (facts->hide_contact) {
      return {access_verdict::inaccessible, "hide_contact_student"};
    }
    if (who.role == viewer_role::parent && facts->contact && facts->contact->hide_contact) {
      return {access_verdict::inaccessible, "hide_contact_contact"};
    }
  }
  if (facts->ssid.empty()) {
    return {access_verdict::no_ssid, "no_ssid"};
  }
  return {access_verdict::allow, "allowed"};
}

}  // namespace ssrlink::core
