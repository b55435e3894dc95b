#include "notification_log.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../error.hpp"
#include "../json/json_fields.hpp"
#include "duplicate_rows.hpp"
#include "notice_plan.hpp"

namespace ssrlink::core {

namespace {

// Bounds of the staff list's paging: an offset no log reaches, and pages a browser can show.
constexpr std::int64_t max_offset = std::int64_t{1} << 40;
constexpr std::int64_t max_limit = 1000;
constexpr std::int64_t default_limit = 100;

boost::json::value optional_time(const std::optional<time_point> &t) {
  return t ? boost::json::value(format_utc(*t)) : boost::json::value(nullptr);
}

log_filter parse_filter(std::string_view request_json) {
  const boost::json::object object =
      parse_json_object(request_json, "The notification list request");
  json_fields fields(object, "", status::invalid_argument);
  log_filter filter;
  filter.school = fields.optional_code("school", max_code_bytes);  // string or integer
  filter.tag = fields.optional_string("tag");
  if (const std::optional<std::string> day = fields.optional_string("leave_before")) {
    day_point parsed{};
    if (!parse_day(*day, parsed)) {
      fields.fail("leave_before", "a date written YYYY-MM-DD");
    }
    filter.leave_before = parsed;
  }
  filter.not_viewed = fields.optional_bool("not_viewed").value_or(false);
  filter.no_email = fields.optional_bool("no_email").value_or(false);
  filter.offset = fields.optional_int("offset", 0, max_offset).value_or(0);
  filter.limit = fields.optional_int("limit", 1, max_limit).value_or(default_limit);
  fields.reject_unknown();
  return filter;
}

boost::json::object entry_json(const log_entry &row) {
  boost::json::object entry;
  entry["student_id"] = row.student_id;
  entry["ssid"] = row.ssid;
  entry["school"] = row.school_code;
  entry["report_key"] = row.report_key;
  entry["test"] = row.test;
  entry["year"] = row.year;
  entry["status"] = row.status;
  entry["notice"] = to_string(row.notice);
  entry["found_at"] = format_utc(row.found_at);
  entry["emailed_at"] = optional_time(row.emailed_at);
  entry["viewed_at"] = optional_time(row.viewed_at);
  return entry;
}

std::string nothing_queued(const std::string &what) {
  return what + "; nothing was queued.";
}

}  // namespace

notification_log::notification_log(report_log &log, student_feed &students, notice_outbox &outbox,
                                   const clock &clock)
    : log_(log), students_(students), outbox_(outbox), clock_(clock) {}

call_result notification_log::list(std::string_view request_json) {
  const log_filter filter = parse_filter(request_json);
  // One row more than asked says whether another page exists.
  log_filter probe = filter;
  ++probe.limit;
  std::vector<log_entry> rows = log_.list(probe);
  const bool more = static_cast<std::int64_t>(rows.size()) > filter.limit;
  if (more) {
    rows.pop_back();
  }
  boost::json::array entries;
  for (const log_entry &row : rows) {
    entries.push_back(entry_json(row));
  }
  boost::json::object out;
  out["entries"] = std::move(entries);
  out["offset"] = filter.offset;
  out["limit"] = filter.limit;
  out["more"] = more;
  return {status::ok, boost::json::serialize(out)};
}

call_result notification_log::queue(std::string_view request_json) {
  const boost::json::object object = parse_json_object(request_json, "The notice request");
  json_fields fields(object, "", status::invalid_argument);
  const std::int64_t student_id = fields.required_int("student_id", 1, INT64_MAX);
  const int sequence = static_cast<int>(fields.required_int("contact_sequence", 0, INT32_MAX));
  const std::string key = fields.required_string("report_key");
  fields.reject_unknown();

  const std::string student_text = std::to_string(student_id);
  const std::string contact_text = "Contact " + std::to_string(sequence);
  const std::optional<logged_report_row> logged = log_.find(student_id, key);
  if (!logged) {  // rule 1
    throw failure(status::not_found, nothing_queued("The report log has no report \"" + key +
                                                    "\" for student " + student_text));
  }
  const std::vector<sweep_student> students = students_.students({student_id, student_id});
  if (students.empty()) {  // rule 2
    throw failure(status::not_found, nothing_queued("Student " + student_text + " was not found"));
  }
  if (students.size() > 1) {  // rule 3
    throw failure(status::database, duplicate_rows_message("ssrlink_student", students.size(),
                                                           "student_id " + student_text,
                                                           "nothing was queued", "student"));
  }
  const sweep_student &student = students.front();
  const std::vector<contact_facts> contacts = students_.contacts(student_id);
  const auto is_chosen = [&](const contact_facts &c) { return c.sequence == sequence; };
  const auto chosen = std::find_if(contacts.begin(), contacts.end(), is_chosen);
  if (chosen == contacts.end()) {  // rule 4
    throw failure(status::not_found, nothing_queued("Student " + student_text + " has no contact " +
                                                    std::to_string(sequence)));
  }
  const auto rows = std::count_if(contacts.begin(), contacts.end(), is_chosen);
  if (rows > 1) {  // rule 5
    throw failure(status::database,
                  duplicate_rows_message("ssrlink_contact", static_cast<std::size_t>(rows),
                                         "student_id " + student_text + " and contact_sequence " +
                                             std::to_string(sequence),
                                         "nothing was queued", "contact"));
  }
  // Rules 6 and 7 are notice_plan's rules 2 and 3; the mailbox rule does not apply (see the
  // header): staff chose this contact.
  contact_notice notice =
      notice_for(student, {key, logged->test, logged->year, logged->status}, *chosen);
  switch (notice.verdict) {
    case contact_verdict::no_rights:  // rule 6
      throw failure(status::denied,
                    nothing_queued(contact_text + " does not hold educational rights"));
    case contact_verdict::no_usable_email:  // rule 7
      throw failure(status::invalid_argument,
                    nothing_queued(contact_text + " has no usable email address"));
    case contact_verdict::notice:
      break;
  }
  boost::json::object out;  // rule 8
  out["queued"] = outbox_.queue(student_id, notice.row, clock_.now());
  return {status::ok, boost::json::serialize(out)};
}

}  // namespace ssrlink::core
