// The staff side of the report log: listing it, queueing a notice by hand, and the report page's
// "a parent was offered these reports".
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <climits>
#include <cstdint>

#include "../json/json_fields.hpp"
#include "notice_template.hpp"
#include "sweep_service.hpp"

namespace ssrlink::core {

namespace {

boost::json::value optional_time(const std::optional<time_point> &t) {
  return t ? boost::json::value(format_utc(*t)) : boost::json::value(nullptr);
}

}  // namespace

call_result sweep_service::list_log(std::string_view request_json) {
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
  filter.offset = fields.optional_int("offset", 0, std::int64_t{1} << 40).value_or(0);
  filter.limit = fields.optional_int("limit", 1, 1000).value_or(100);
  fields.reject_unknown();

  // One row more than asked says whether another page exists.
  log_filter probe = filter;
  ++probe.limit;
  std::vector<log_entry> rows = store_.list_log(probe);
  const bool more = static_cast<std::int64_t>(rows.size()) > filter.limit;
  if (more) {
    rows.pop_back();
  }
  boost::json::array entries;
  for (const log_entry &row : rows) {
    boost::json::object entry;
    entry["student_id"] = row.student_id;
    entry["ssid"] = row.ssid;
    entry["school"] = row.school_code;
    entry["report_key"] = row.report_key;
    entry["test"] = row.test;
    entry["year"] = row.year;
    entry["status"] = row.status;
    entry["notice"] = row.notice;
    entry["found_at"] = format_utc(row.found_at);
    entry["emailed_at"] = optional_time(row.emailed_at);
    entry["viewed_at"] = optional_time(row.viewed_at);
    entries.push_back(std::move(entry));
  }
  boost::json::object out;
  out["entries"] = std::move(entries);
  out["offset"] = filter.offset;
  out["limit"] = filter.limit;
  out["more"] = more;
  return {status::ok, boost::json::serialize(out)};
}

call_result sweep_service::queue_notice(std::string_view request_json) {
  const boost::json::object object = parse_json_object(request_json, "The notice request");
  json_fields fields(object, "", status::invalid_argument);
  const std::int64_t student_id = fields.required_int("student_id", 1, INT64_MAX);
  const int sequence = static_cast<int>(fields.required_int("contact_sequence", 0, INT32_MAX));
  const std::string key = fields.required_string("report_key");
  fields.reject_unknown();

  const std::optional<logged_report_row> logged = store_.find_logged(student_id, key);
  if (!logged) {
    throw failure(status::not_found, "The report log has no report \"" + key + "\" for student " +
                                         std::to_string(student_id) + "; nothing was queued.");
  }
  const std::vector<sweep_student> students =
      store_.students({student_id, student_id}, std::nullopt);
  if (students.empty()) {
    throw failure(status::not_found,
                  "Student " + std::to_string(student_id) + " was not found; nothing was queued.");
  }
  const sweep_student &student = students.front();
  for (const contact_facts &contact : store_.contacts(student_id)) {
    if (contact.sequence != sequence) {
      continue;
    }
    if (!contact.educational_rights) {
      throw failure(status::denied, "Contact " + std::to_string(sequence) +
                                        " does not hold educational rights; nothing was queued.");
    }
    if (!usable_email(contact.email)) {
      throw failure(status::invalid_argument,
                    "Contact " + std::to_string(sequence) +
                        " has no usable email address; nothing was queued.");
    }
    notice_facts facts{logged->test, logged->year, student.school_name,
                       student.do_not_release || student.hide_contact || contact.hide_contact
                           ? notice_kind::contact_school
                           : notice_kind::portal};
    notice_text text = compose_notice(contact.language, facts);
    const bool queued = store_.queue_notice(
        student_id,
        {sequence, contact.email, std::move(text.language), std::move(text.subject),
         std::move(text.body_text), std::move(text.body_html), key},
        clock_.now());
    boost::json::object out;
    out["queued"] = queued;
    return {status::ok, boost::json::serialize(out)};
  }
  throw failure(status::not_found, "Student " + std::to_string(student_id) + " has no contact " +
                                       std::to_string(sequence) + "; nothing was queued.");
}

void sweep_service::record_offered(std::int64_t student_id, int /*contact_sequence*/,
                                   const std::vector<std::string> &report_keys) {
  // The log is per student and report: any guardian seeing the report counts as viewed. The
  // contact is accepted so the page need not change if the log ever tracks guardians apart.
  if (!report_keys.empty()) {
    store_.mark_viewed(student_id, report_keys, clock_.now());
  }
}

}  // namespace ssrlink::core
