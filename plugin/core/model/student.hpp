// What the core learns about one student (and, for a parent, the contact they signed in as) in
// one database round trip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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

struct student_query {
  std::int64_t student_id = 0;
  std::optional<int> contact_sequence;  // the parent's CON.SQ, when the viewer is a parent
};

}  // namespace ssrlink::core
