#include "sweep_request.hpp"

#include <algorithm>

#include "../json/json_fields.hpp"

namespace ssrlink::core {

namespace {

// Scopes and worker names end up in lease keys (matched with LIKE), so they are kept to
// characters that are neither LIKE wildcards nor separators.
bool plain_name(std::string_view text, std::size_t max_length) {
  return !text.empty() && text.size() <= max_length &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  c == '-' || c == '.';
         });
}

}  // namespace

std::string default_worker_name(std::string_view host_name, long pid, std::uint32_t random) {
  std::string name;
  for (const char c : host_name.substr(0, 60)) {
    name += plain_name(std::string_view(&c, 1), 1) ? c : '-';
  }
  if (name.empty()) {
    name = "host";
  }
  return name + "-" + std::to_string(pid) + "-" + std::to_string(random);
}

std::optional<std::string> sweep_request::school() const {
  if (scope == district_scope) {
    return std::nullopt;
  }
  return scope;
}

sweep_request parse_sweep_request(std::string_view json, const std::string &default_worker,
                                  const sweep_defaults &defaults) {
  const boost::json::object object = parse_json_object(json, "The sweep request");
  json_fields fields(object, "", status::invalid_argument);
  sweep_request request;
  // "district", or a school code as a string or a JSON integer (json_fields.hpp, read_code).
  request.scope = fields.required_code("scope", max_code_bytes);
  if (!plain_name(request.scope, 16)) {
    fields.fail("scope", "\"district\" or a school code (letters and digits)");
  }
  request.dry_run = fields.optional_bool("dry_run").value_or(false);
  // The request's own value, else the district's default, else the contract's.
  request.include_previous_year = fields.optional_bool("include_previous_year")
                                      .value_or(defaults.include_previous_year.value_or(false));
  if (const std::optional<std::string> day = fields.optional_string("skip_leave_before")) {
    day_point parsed{};
    if (!parse_day(*day, parsed)) {
      fields.fail("skip_leave_before", "a date written YYYY-MM-DD");
    }
    request.skip_leave_before = parsed;
  } else {
    request.skip_leave_before = defaults.skip_leave_before;
  }
  if (auto tags = fields.optional_string_array("skip_tags")) {
    request.skip_tags = std::move(*tags);
  } else if (defaults.skip_tags) {
    request.skip_tags = *defaults.skip_tags;
  }
  request.concurrency = static_cast<unsigned>(
      fields.optional_int("concurrency", 1, 256)
          .value_or(std::clamp<unsigned>(defaults.concurrency.value_or(16), 1, 256)));
  request.worker = fields.optional_string("worker").value_or(default_worker);
  if (!plain_name(request.worker, 100)) {
    fields.fail("worker", "1 to 100 letters, digits, '-' or '.'");
  }
  request.max_students = fields.optional_int("max_students", 1, std::int64_t{1} << 40);
  request.lease =
      std::chrono::seconds(fields.optional_int("lease_seconds", 1, 86400).value_or(300));
  request.when_due = fields.optional_bool("when_due").value_or(false);
  if (request.when_due && request.dry_run) {
    fields.fail("when_due",
                "cannot be combined with \"dry_run\": a dry run writes nothing, and a scheduled "
                "run records itself");
  }
  fields.reject_unknown();
  return request;
}

}  // namespace ssrlink::core
