// The host's ssrlink_reports request (docs/abi.md, "ssrlink_reports"), parsed strictly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../i18n/ui_text.hpp"
#include "../render/page_renderer.hpp"

namespace ssrlink::core {

enum class viewer_role { admin, staff, teacher, parent, student };

// "admin", "staff", ... as the request and the audit log spell them.
std::string_view role_name(viewer_role role);

// Who asks, as the host says. Nothing here is trusted on its own: the access policy binds the
// viewer to the student through the data (portal accounts, educational rights, school codes).
struct viewer {
  viewer_role role = viewer_role::staff;
  std::string user_id;                     // the host's account ID: an identifier, <= 128 bytes
  bool permitted = false;                  // the host's "State Electronic Test Scores: Read"
  std::optional<int> contact_sequence;     // parents: optionally, the contact they act as
  std::optional<std::int64_t> student_id;  // students: who signed in
  // Teachers (required) and school-level staff: the schools they work at. Absent for staff
  // means district level.
  std::optional<std::vector<std::string>> school_codes;
};

struct page_request {
  std::int64_t student_id = 0;  // 0 only on a family request
  // A parent's request without student_id: the family page (report_page_service), one page per
  // student linked to the account. Never set for another role.
  bool family = false;
  report_page_kind page = report_page_kind::test_scores;
  ui_language language = ui_language::en;
  bool refresh = false;
  viewer who;
  std::string refresh_url = "?refresh=1";  // where the notice's "here" link points
};

std::string_view page_name(report_page_kind page);

// Throws failure(invalid_argument) naming the key for malformed JSON, unknown keys, wrong types
// and bad values. `student_id` is required, except from a viewer whose role is "parent": without
// it (or with null) the request is the family page (`family` set, student_id 0). Semantic checks
// that need the student (a parent without contact_sequence) are the access policy's, so that they
// are denied and audited rather than rejected.
page_request parse_page_request(std::string_view json);

// True for a relative URL ("?refresh=1", "/page?x", "page") or an absolute https URL without
// user info, made of printable ASCII without quotes or angle brackets.
bool is_acceptable_refresh_url(std::string_view url);

}  // namespace ssrlink::core
