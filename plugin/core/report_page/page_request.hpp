// The host's ssrlink_reports request (contract-v1 §3), parsed strictly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "../i18n/ui_text.hpp"
#include "../render/page_renderer.hpp"

namespace ssrlink::core {

enum class viewer_role { admin, staff, teacher, parent, student };

// "admin", "staff", ... as the request and the audit log spell them.
std::string_view role_name(viewer_role role);

struct viewer {
  viewer_role role = viewer_role::staff;
  std::string user_id;
  bool permitted = false;                  // the host's "State Electronic Test Scores: Read"
  std::optional<int> contact_sequence;     // parents: the CON.SQ they signed in as
  std::optional<std::int64_t> student_id;  // students: who signed in
};

struct page_request {
  std::int64_t student_id = 0;
  report_page_kind page = report_page_kind::test_scores;
  ui_language language = ui_language::en;
  bool refresh = false;
  viewer who;
  std::string refresh_url = "?refresh=1";  // where the notice's "here" link points
};

std::string_view page_name(report_page_kind page);

// Throws failure(invalid_argument) naming the key for malformed JSON, unknown keys, wrong types
// and bad values. Semantic checks that need the student (a parent without contact_sequence) are
// the access policy's, so that they are denied and audited rather than rejected.
page_request parse_page_request(std::string_view json);

// True for a relative URL ("?refresh=1", "/page?x", "page") or an absolute https URL without
// user info, made of printable ASCII without quotes or angle brackets.
bool is_acceptable_refresh_url(std::string_view url);

}  // namespace ssrlink::core
