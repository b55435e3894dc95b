// What the core learns about one student (and, for a parent, the contact they signed in as) in
// one database round trip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ssrlink::core {

struct contact_facts {
  int sequence = 0;
  bool hide_contact = false;  // CON.HCI
  bool educational_rights = false;
  std::string email;
  std::string language;  // CON.CL, CALPADS code
};

struct student_facts {
  std::int64_t student_id = 0;
  std::string school_code;              // STU.SC
  std::string ssid;                     // STU.CID; empty when none assigned
  std::string correspondence_language;  // STU.CL, CALPADS code ("00" English, "01" Spanish, ...)
  int grade = 0;                        // -1 TK, 0 K
  bool do_not_release = false;          // STU.DNR
  bool hide_contact = false;            // STU.HCI
  // Present only when the query named a contact and that contact is a non-deleted CON row of
  // this student; absent means "not linked".
  std::optional<contact_facts> contact;
};

// One contact of the student that the data ties to a parent-portal account.
struct linked_contact {
  int sequence = 0;
  bool educational_rights = false;
};

// What the data says about who may act for a student. It is read BEFORE any flag of the
// student, and holds none, so a viewer who is not entitled to the student learns nothing about
// its Do Not Release or Hide Contact Info flags.
struct student_binding {
  std::int64_t student_id = 0;
  std::string school_code;  // ssrlink_student.school_code
  std::string portal_user;  // ssrlink_student.portal_user; read for student viewers only
  // Parent viewers: the student's non-deleted contacts that ssrlink_portal_link ties to the
  // viewer's account, ascending by sequence (empty: not linked).
  std::vector<linked_contact> linked_contacts;
};

// Which binding to read: the views each kind needs differ, so a database mapped before portal
// accounts existed still serves staff and teachers, and fails parents and students clearly.
enum class binding_kind {
  school,           // ssrlink_student.school_code only: admins, staff, teachers
  parent_account,   // plus ssrlink_portal_link and ssrlink_contact for `user_id`
  student_account,  // plus ssrlink_student.portal_user
};

// One student a parent-portal account is linked to (ssrlink_portal_link through a non-deleted
// contact of a non-deleted student), for the family page: the names tell siblings apart.
struct linked_student {
  std::int64_t student_id = 0;
  std::string first_name;  // ssrlink_student.first_name; may be empty
  std::string last_name;   // ssrlink_student.last_name; may be empty
};

struct binding_query {
  std::int64_t student_id = 0;
  binding_kind kind = binding_kind::school;
  std::string user_id;  // the portal account, for parent_account
};

struct student_query {
  std::int64_t student_id = 0;
  std::optional<int> contact_sequence;  // the contact the binding tied a parent viewer to
};

}  // namespace ssrlink::core
