#include "access_policy.hpp"

#include <algorithm>

namespace ssrlink::core {
namespace {

bool district_wide(const viewer &who) {
  return who.role == viewer_role::admin ||
         (who.role == viewer_role::staff && !who.school_codes.has_value());
}

bool works_at(const viewer &who, const std::string &school_code) {
  return who.school_codes && std::find(who.school_codes->begin(), who.school_codes->end(),
                                       school_code) != who.school_codes->end();
}

// Rule 3: the lowest linked contact with educational rights (the named one, when named).
std::optional<int> acting_contact(const viewer &who, const student_binding &binding) {
  for (const linked_contact &contact : binding.linked_contacts) {
    if (contact.educational_rights &&
        (!who.contact_sequence || *who.contact_sequence == contact.sequence)) {
      return contact.sequence;
    }
  }
  return std::nullopt;
}

// For the audit reason only: linked (to the named contact, when named) but without rights?
bool linked_at_all(const viewer &who, const student_binding &binding) {
  return std::any_of(binding.linked_contacts.begin(), binding.linked_contacts.end(),
                     [&](const linked_contact &contact) {
                       return !who.contact_sequence || *who.contact_sequence == contact.sequence;
                     });
}

entitlement refused(access_reason reason) {
  return {{access_verdict::not_permitted, reason}, std::nullopt};
}

}  // namespace

std::string_view to_string(access_reason reason) {
  switch (reason) {
    case access_reason::entitled:
      return "entitled";
    case access_reason::allowed:
      return "allowed";
    case access_reason::no_permission:
      return "no_permission";
    case access_reason::unknown_student:
      return "unknown_student";
    case access_reason::parent_not_linked:
      return "parent_not_linked";
    case access_reason::parent_without_educational_rights:
      return "parent_without_educational_rights";
    case access_reason::other_student:
      return "other_student";
    case access_reason::other_student_account:
      return "other_student_account";
    case access_reason::teacher_other_school:
      return "teacher_other_school";
    case access_reason::staff_other_school:
      return "staff_other_school";
    case access_reason::parent_contact_gone:
      return "parent_contact_gone";
    case access_reason::do_not_release:
      return "do_not_release";
    case access_reason::hide_contact_student:
      return "hide_contact_student";
    case access_reason::hide_contact_contact:
      return "hide_contact_contact";
    case access_reason::no_ssid:
      return "no_ssid";
  }
  return "unknown";
}

binding_kind binding_kind_for(const viewer &who) {
  switch (who.role) {
    case viewer_role::parent:
      return binding_kind::parent_account;
    case viewer_role::student:
      return binding_kind::student_account;
    case viewer_role::admin:
    case viewer_role::staff:
    case viewer_role::teacher:
      break;
  }
  return binding_kind::school;
}

entitlement decide_entitlement(const viewer &who, std::int64_t requested_student_id,
                               const student_binding *binding) {
  if (who.role != viewer_role::admin && !who.permitted) {
    return refused(access_reason::no_permission);
  }
  if (binding == nullptr || binding->student_id != requested_student_id) {
    if (district_wide(who)) {
      return {{access_verdict::not_found, access_reason::unknown_student}, std::nullopt};
    }
    return refused(access_reason::unknown_student);
  }
  if (who.role == viewer_role::parent) {
    const std::optional<int> contact = acting_contact(who, *binding);
    if (!contact) {
      return refused(linked_at_all(who, *binding) ? access_reason::parent_without_educational_rights
                                                  : access_reason::parent_not_linked);
    }
    return {{access_verdict::allow, access_reason::entitled}, contact};
  }
  if (who.role == viewer_role::student) {
    if (!who.student_id || *who.student_id != binding->student_id) {
      return refused(access_reason::other_student);
    }
    if (!binding->portal_user.empty() && binding->portal_user != who.user_id) {
      return refused(access_reason::other_student_account);
    }
    return {{access_verdict::allow, access_reason::entitled}, std::nullopt};
  }
  if (who.role == viewer_role::teacher && !works_at(who, binding->school_code)) {
    return refused(access_reason::teacher_other_school);
  }
  if (who.role == viewer_role::staff && who.school_codes && !works_at(who, binding->school_code)) {
    return refused(access_reason::staff_other_school);
  }
  return {{access_verdict::allow, access_reason::entitled}, std::nullopt};
}

access_decision decide_access(const viewer &who, const student_facts &facts) {
  const bool privileged = who.role == viewer_role::admin || who.role == viewer_role::staff;
  if (who.role == viewer_role::parent && !facts.contact) {
    // The contact was deleted between the binding and this read: no longer entitled.
    return {access_verdict::not_permitted, access_reason::parent_contact_gone};
  }
  if (!privileged) {
    if (facts.do_not_release) {
      return {access_verdict::inaccessible, access_reason::do_not_release};
    }
    if (facts.hide_contact) {
      return {access_verdict::inaccessible, access_reason::hide_contact_student};
    }
    if (who.role == viewer_role::parent && facts.contact && facts.contact->hide_contact) {
      return {access_verdict::inaccessible, access_reason::hide_contact_contact};
    }
  }
  if (facts.ssid.empty()) {
    return {access_verdict::no_ssid, access_reason::no_ssid};
  }
  return {access_verdict::allow, access_reason::allowed};
}

}  // namespace ssrlink::core
