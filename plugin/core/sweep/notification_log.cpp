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
#include "manager_html.hpp"
#include "manager_request.hpp"
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

struct list_request {
  log_filter filter;
  std::optional<manager_form> html;
};

// Rule L1.
list_request parse_list_request(std::string_view request_json) {
  const boost::json::object object =
      parse_json_object(request_json, "The notification list request");
  json_fields fields(object, "", status::invalid_argument);
  list_request request;
  log_filter &filter = request.filter;
  filter.school = fields.optional_code("school", max_code_bytes);  // string or integer
  filter.tag = fields.optional_string("tag");
  if (const std::optional<std::string> day = fields.optional_string("leave_before")) {
    day_point parsed{};
    if (!parse_day(*day, parsed)) {
      fields.fail("leave_before", "must be a date written YYYY-MM-DD");
    }
    filter.leave_before = parsed;
  }
  filter.not_viewed = fields.optional_bool("not_viewed").value_or(false);
  filter.no_email = fields.optional_bool("no_email").value_or(false);
  filter.offset = fields.optional_int("offset", 0, max_offset).value_or(0);
  filter.limit = fields.optional_int("limit", 1, max_limit).value_or(default_limit);
  if (const boost::json::object *html = fields.optional_object("html")) {
    request.html = parse_manager_form(*html);
    filter.order = log_order::manager;  // rule L2
  }
  fields.reject_unknown();
  return request;
}

boost::json::object entry_json(const log_entry &row) {
  boost::json::object entry;
  entry["student_id"] = row.student_id;
  entry["ssid"] = row.ssid;
  entry["school"] = row.school_code;
  entry["first_name"] = row.first_name;  // rule L3
  entry["last_name"] = row.last_name;
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

int contact_sequence_of(const contact_facts &contact) {
  return contact.sequence;
}

}  // namespace

notification_log::notification_log(report_log &log, student_feed &students, notice_outbox &outbox,
                                   const clock &clock, display_zone zone)
    : log_(log), students_(students), outbox_(outbox), clock_(clock), zone_(std::move(zone)) {}

call_result notification_log::list(std::string_view request_json, const staff_schools &scope) {
  list_request request = parse_list_request(request_json);  // rule L1
  request.filter.school = scoped_school(scope, request.filter.school);
  const log_filter &filter = request.filter;
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
  if (request.html) {  // rule L2
    manager_view view{std::move(*request.html), filter, std::move(rows), more, std::nullopt};
    if (zone_) {
      view.zone = zone_();
    }
    out["html"] = render_manager(view);
  }
  return {status::ok, boost::json::serialize(out)};
}

call_result notification_log::queue(std::string_view request_json, const staff_schools &scope) {
  const boost::json::object object = parse_json_object(request_json, "The notice request");
  json_fields fields(object, "", status::invalid_argument);
  const std::int64_t student_id = fields.required_int("student_id", 1, INT64_MAX);
  const std::optional<std::int64_t> sequence =
      fields.optional_int("contact_sequence", 0, INT32_MAX);
  const std::string key = fields.required_string("report_key");
  fields.reject_unknown();
  const checked_report report = checked(student_id, key, scope);            // rules 1 to 3a
  return sequence ? queue_for_contact(report, static_cast<int>(*sequence))  // rules 4 to 8
                  : queue_for_all(report);                                  // rules 9 to 12
}

notification_log::checked_report notification_log::checked(std::int64_t student_id,
                                                           const std::string &key,
                                                           const staff_schools &scope) {
  const std::string student_text = std::to_string(student_id);
  const std::string no_such_report =
      nothing_queued("The report log has no report \"" + key + "\" for student " + student_text);
  const std::optional<logged_report_row> logged = log_.find(student_id, key);
  if (!logged) {  // rule 1
    throw failure(status::not_found, no_such_report);
  }
  std::vector<sweep_student> students = students_.students({student_id, student_id});
  if (students.empty()) {  // rule 2
    throw failure(status::not_found, nothing_queued("Student " + student_text + " was not found"));
  }
  if (students.size() > 1) {  // rule 3
    throw failure(status::database, duplicate_rows_message("ssrlink_student", students.size(),
                                                           "student_id " + student_text,
                                                           "nothing was queued", "student"));
  }
  if (!may_act_for(scope, students.front().school_code)) {  // rule 3a
    throw failure(status::not_found, no_such_report);
  }
  return {std::move(students.front()), {key, logged->test, logged->year, logged->status}};
}

call_result notification_log::queue_for_contact(const checked_report &report, int sequence) {
  const std::int64_t student_id = report.student.student_id;
  const std::string student_text = std::to_string(student_id);
  const std::string contact_text = "Contact " + std::to_string(sequence);
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
  contact_notice notice = notice_for(report.student, report.report, *chosen);
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

call_result notification_log::queue_for_all(const checked_report &report) {
  const std::int64_t student_id = report.student.student_id;
  const std::string student_text = std::to_string(student_id);
  std::vector<contact_facts> contacts = students_.contacts(student_id);
  // Sequence order, as the port promises and notice_plan's first-contact rule relies on.
  std::stable_sort(
      contacts.begin(), contacts.end(),
      [](const contact_facts &a, const contact_facts &b) { return a.sequence < b.sequence; });
  const std::vector<key_run> duplicates = duplicate_runs(contacts, contact_sequence_of);
  if (!duplicates.empty()) {  // rule 9
    const key_run &first = duplicates.front();
    throw failure(status::database,
                  duplicate_rows_message("ssrlink_contact", first.size,
                                         "student_id " + student_text + " and contact_sequence " +
                                             std::to_string(contacts[first.begin].sequence),
                                         "nothing was queued", "contact"));
  }
  if (std::none_of(contacts.begin(), contacts.end(),
                   [](const contact_facts &c) { return c.educational_rights; })) {  // rule 10
    throw failure(status::denied, nothing_queued("No contact of student " + student_text +
                                                 " holds educational rights"));
  }
  // Staff asked for this report's notice, so it notifies whatever the sweep decided then.
  const report_write plan = plan_notices(report.student, {report.report, true, true}, contacts);
  if (plan.notices.empty()) {  // rule 11
    throw failure(status::invalid_argument,
                  nothing_queued("No contact of student " + student_text +
                                 " with educational rights has a usable email address (" +
                                 std::to_string(plan.missing_email) + " to reach another way)"));
  }
  std::int64_t fresh = 0;  // rule 12
  std::int64_t already = 0;
  const time_point now = clock_.now();
  for (const outbox_row &row : plan.notices) {
    ++(outbox_.queue(student_id, row, now) ? fresh : already);
  }
  boost::json::object out;
  out["queued"] = fresh > 0;
  out["notices"] = fresh;
  out["already_queued"] = already;
  out["manual_follow_up"] = static_cast<std::int64_t>(plan.missing_email);
  return {status::ok, boost::json::serialize(out)};
}

}  // namespace ssrlink::core
