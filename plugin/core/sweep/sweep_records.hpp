// The records the sweep and the staff tools exchange with their ports (student_feed,
// batch_leases, report_log, notice_outbox): plain values, no behaviour.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../model/student.hpp"
#include "../time.hpp"
#include "report_identity.hpp"

namespace ssrlink::core {

// One slice of a run: students with first_id <= student_id <= last_id.
struct student_range {
  std::int64_t first_id = 0;
  std::int64_t last_id = 0;
  bool operator==(const student_range &) const = default;
};

// A slice this worker holds until `expires_at`.
struct claimed_batch {
  std::string lease_key;
  student_range range;
  time_point claimed_at{};
};

struct sweep_student {
  std::int64_t student_id = 0;
  std::string school_code;
  std::string school_name;  // from ssrlink_school; may be empty
  std::string ssid;
  bool do_not_release = false;
  bool hide_contact = false;
  std::string tag;
  std::optional<day_point> leave_date;
};

// One outbox row to write.
struct outbox_row {
  int contact_sequence = 0;
  std::string recipient;
  std::string language;
  std::string subject;
  std::string body_text;
  std::string body_html;
  std::string report_key;
};

// What became of a newly Final report's notices, kept on its log row for staff.
enum class notice_state {
  none,      // not notifying (Preliminary, an earlier year, a dry run)
  queued,    // every guardian with educational rights has a notice in the outbox
  partial,   // some guardians with rights had no usable email
  no_email,  // no guardian with rights had a usable email: manual follow-up
};
// The name the log keeps and the staff list shows: "none", "queued", "partial", "no_email".
const char *to_string(notice_state state);
// The state a logged name stands for; nullopt for any other text (a row written before the log
// kept notice states holds NULL, which the stores read as none).
std::optional<notice_state> notice_state_from(std::string_view name);

struct report_write {
  detected_report change;
  notice_state notice = notice_state::none;
  std::vector<outbox_row> notices;
  std::size_t missing_email = 0;  // guardians with rights but no usable email
};

// One student's log writes with their notices: a share of report_log::record_all.
struct student_writes {
  sweep_student student;
  std::vector<report_write> writes;
};

// Filters and paging of the staff list.
// The order of the staff list. `student`: student_id, then report_key (the JSON list's order
// since ABI 1.0). `manager`: what staff follow up first, as Aeries's Manager sorts it: not
// viewed before viewed, never emailed before emailed, then emailed_at, found_at, last_name,
// first_name, student_id and report_key, ascending.
enum class log_order { student, manager };

struct log_filter {
  std::optional<std::string> school;
  std::optional<std::string> tag;
  std::optional<day_point> leave_before;
  bool not_viewed = false;
  bool no_email = false;
  std::int64_t offset = 0;
  std::int64_t limit = 100;
  log_order order = log_order::student;
};

struct log_entry {
  std::int64_t student_id = 0;
  std::string ssid;
  std::string school_code;
  std::string first_name;  // ssrlink_student.first_name; empty when none or not in the feed
  std::string last_name;   // ssrlink_student.last_name; likewise
  std::string report_key;
  std::string test;
  std::string year;
  std::string status;  // "Final", "Preliminary", or ETS's raw value (report_identity.hpp)
  notice_state notice = notice_state::none;
  time_point found_at{};
  std::optional<time_point> emailed_at;
  std::optional<time_point> viewed_at;
};

struct logged_report_row {
  std::int64_t student_id = 0;
  std::string ssid;
  std::string test;
  std::string year;
  std::string status;
};

}  // namespace ssrlink::core
