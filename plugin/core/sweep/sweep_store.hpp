// Port: what the sweep keeps in the database (adapters/odbc/sweep implements it). Students are
// read in batches of student_id ranges; batches are shared between processes through leases;
// each student's new reports and their notices are written in one transaction.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
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
const char *notice_state_name(notice_state state);

struct report_write {
  detected_report change;
  notice_state notice = notice_state::none;
  std::vector<outbox_row> notices;
  std::size_t missing_email = 0;  // guardians with rights but no usable email
};

// Filters and paging of the staff list.
struct log_filter {
  std::optional<std::string> school;
  std::optional<std::string> tag;
  std::optional<day_point> leave_before;
  bool not_viewed = false;
  bool no_email = false;
  std::int64_t offset = 0;
  std::int64_t limit = 100;
};

struct log_entry {
  std::int64_t student_id = 0;
  std::string ssid;
  std::string school_code;
  std::string report_key;
  std::string test;
  std::string year;
  std::string status;
  std::string notice;
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

class sweep_store {
 public:
  virtual ~sweep_store() = default;

  // Ranges of at most `batch_size` students in the scope, in student_id order (read only).
  virtual std::vector<student_range> plan_ranges(const std::optional<std::string> &school,
                                                 unsigned batch_size) = 0;
  // Creates the run's leases unless another process already did (one transaction, so a run is
  // either fully planned or not at all). Returns true when this call created them.
  virtual bool create_leases(const std::string &run_key, const std::vector<student_range> &ranges,
                             time_point now) = 0;
  // Claims one batch of the run that is not done and whose lease has expired or belongs to
  // `worker` already (a restarted worker resumes its own batches at once). Checked by row count,
  // so a batch is never held by two live leases.
  virtual std::optional<claimed_batch> claim_batch(const std::string &run_key,
                                                   const std::string &worker, time_point now,
                                                   std::chrono::seconds lease) = 0;
  // Marks the batch done, if this worker still holds it; false when the lease was lost.
  virtual bool finish_batch(const claimed_batch &batch, const std::string &worker,
                            time_point now) = 0;
  // The earliest expiry among the run's batches not done yet (all held by other workers' live
  // leases once claim_batch found nothing); nullopt when every batch is done.
  virtual std::optional<time_point> pending_until(const std::string &run_key) = 0;
  // Pushes the lease's expiry to now + lease while this worker still holds it (a batch taking
  // longer than expected, e.g. ETS timing out); false when the lease was lost.
  virtual bool renew_batch(const claimed_batch &batch, const std::string &worker, time_point now,
                           std::chrono::seconds lease) = 0;
  // Gives the batch back unfinished (max_students reached).
  virtual void release_batch(const claimed_batch &batch, const std::string &worker) = 0;

  virtual std::vector<sweep_student> students(const student_range &range,
                                              const std::optional<std::string> &school) = 0;
  // Log rows of the students in the range, by SSID.
  virtual std::map<std::string, logged_statuses> logged(const student_range &range) = 0;
  virtual logged_statuses logged_for(const std::string &ssid) = 0;
  virtual std::vector<contact_facts> contacts(std::int64_t student_id) = 0;

  // Writes the log rows and outbox rows of one student in one transaction. false (and nothing
  // written) when another process wrote one of these rows first.
  virtual bool record(const sweep_student &student, const std::vector<report_write> &writes,
                      time_point now) = 0;

  // Staff and report page services.
  virtual std::vector<log_entry> list_log(const log_filter &filter) = 0;
  virtual std::optional<logged_report_row> find_logged(std::int64_t student_id,
                                                       const std::string &report_key) = 0;
  // Inserts the notice unless one exists for (student, contact, report_key) and stamps
  // emailed_at; false when it already existed.
  virtual bool queue_notice(std::int64_t student_id, const outbox_row &row, time_point now) = 0;
  virtual void mark_viewed(std::int64_t student_id, const std::vector<std::string> &report_keys,
                           time_point now) = 0;
};

}  // namespace ssrlink::core
