#include "credential_admin.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "../json/json_fields.hpp"
#include "connection_message.hpp"
#include "credential_expiry.hpp"
#include "probe_report.hpp"
#include "secret_mask.hpp"
#include "secret_wipe.hpp"

namespace ssrlink::core {
namespace {

bool is_printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// Pasted values often carry a stray space or newline; TOMS never puts one at either end.
std::string trim(std::string text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) {
    ++begin;
  }
  while (end > begin && is_space(text[end - 1])) {
    --end;
  }
  return text.substr(begin, end - begin);
}

// Rule 2.
std::string checked_scope(json_fields &fields, std::string scope) {
  if (scope.empty() || scope.size() > max_scope_length || !is_printable_ascii(scope)) {
    fields.fail("scope", "must be \"district\" or a school code: 1 to " +
                             std::to_string(max_scope_length) +
                             " printable characters without spaces");
  }
  return scope;
}

// Rules 5 and 6 of put, which a pair tested before it is saved meets too.
void check_pair(json_fields &fields, const std::string &username, const std::string &secret) {
  if (username.size() > max_username_length || has_control_character(username)) {  // rule 5
    fields.fail("username", "must be at most " + std::to_string(max_username_length) +
                                " characters, without control characters");
  }
  if (secret.empty() || secret.size() > max_secret_length ||
      has_control_character(secret)) {  // rule 6
    fields.fail("secret_key", "must be the Secret Key from TOMS: 1 to " +
                                  std::to_string(max_secret_length) +
                                  " characters, without control characters");
  }
}

boost::json::value warning_value(const std::optional<std::string> &warning) {
  if (warning) {
    return boost::json::value(*warning);
  }
  return nullptr;
}

call_result ok_json(const boost::json::object &object) {
  return call_result{status::ok, boost::json::serialize(object)};
}

// The district first, then schools in code order: the order an administrator scans.
void sort_for_listing(std::vector<stored_credentials> &rows) {
  std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
    const bool a_district = a.scope == district_scope;
    const bool b_district = b.scope == district_scope;
    if (a_district != b_district) {
      return a_district;
    }
    return a.scope < b.scope;
  });
}

}  // namespace

credential_admin::credential_admin(credential_store &store, credential_writes &writes,
                                   credential_resolution &resolution, ets_client &ets,
                                   const clock &clock, logger &log)
    : store_(store),
      writes_(writes),
      resolution_(resolution),
      ets_(ets),
      clock_(clock),
      log_(log) {}

call_result credential_admin::put(std::string_view request_json) {
  const auto request = parse_json_object(request_json, "The credentials request");  // rule 1
  json_fields fields(request, "", status::invalid_argument);
  const std::string scope = checked_scope(fields, fields.required_code("scope", max_scope_length));
  const std::string username = trim(fields.required_string("username"));  // rule 3
  auto secret_field = fields.optional_string("secret_key");
  const wiped_on_exit wipe_field(secret_field);
  std::string secret = secret_field ? trim(*secret_field) : std::string();
  const wiped_on_exit wipe_secret(secret);
  const auto expires_text = fields.optional_string("expires_on");
  fields.reject_unknown();

  if (username.empty()) {
    return remove(scope);  // rule 4
  }
  check_pair(fields, username, secret);  // rules 5 and 6
  const time_point now = clock_.now();
  const day_point today = day_of(now);
  day_point expires_on = today + std::chrono::days{default_lifetime_days};
  if (expires_text) {  // rule 7
    if (!parse_day(*expires_text, expires_on)) {
      fields.fail("expires_on",
                  "must be a date written YYYY-MM-DD, such as 2027-11-20 (the "
                  "Expiration Date TOMS shows beside the credentials)");
    }
    if (expires_on < today) {
      fields.fail("expires_on",
                  "is in the past; expired TOMS credentials no longer work. "
                  "Regenerate them in TOMS and enter the new pair with its "
                  "expiration date");
    }
  }

  stored_credentials row;
  row.scope = scope;
  row.username = username;
  row.expires_on = expires_on;
  row.updated_at = now;
  writes_.put(row, secret);
  resolution_.changed(scope);
  log_.log(log_level::info, "Saved new TOMS credentials for " + scope_label(scope) +
                                " (user name " + username + ", expiring on " +
                                format_day(expires_on) + ").");

  boost::json::object result;
  result["scope"] = scope;
  result["username"] = username;
  result["secret"] = mask_secret(secret);
  result["expires_on"] = format_day(expires_on);
  result["days_left"] = days_left(expires_on, today);
  result["warning"] = warning_value(expiry_warning(scope, expires_on, today));
  result["updated_at"] = format_utc(now);
  return ok_json(result);
}

call_result credential_admin::remove(const std::string &scope) {
  writes_.remove(scope);
  resolution_.changed(scope);
  log_.log(log_level::info, "Removed the TOMS credentials for " + scope_label(scope) + ".");
  boost::json::object result;
  result["scope"] = scope;
  result["removed"] = true;
  return ok_json(result);
}

call_result credential_admin::status(std::string_view request_json) {
  const auto request = parse_json_object(request_json, "The credentials status request");
  json_fields fields(request, "", status::invalid_argument);
  // Scopes are strings or, for hosts whose school codes are integers, JSON integers.
  std::optional<std::string> only = fields.optional_code("scope", max_scope_length);
  if (only) {
    only = checked_scope(fields, std::move(*only));
  }
  fields.reject_unknown();

  const day_point today = day_of(clock_.now());
  std::vector<stored_credentials> rows;
  if (only) {
    if (auto row = store_.get(*only)) {
      rows.push_back(std::move(*row));
    }
  } else {
    rows = store_.list();
  }
  sort_for_listing(rows);

  boost::json::array scopes;
  for (const auto &row : rows) {
    auto secret = resolution_.open_secret(row);
    const wiped_on_exit wipe_secret(secret);
    resolution_.note_expiry(row.scope, row.expires_on, today);
    boost::json::object entry;
    entry["scope"] = row.scope;
    entry["username"] = row.username;
    if (secret) {
      entry["secret"] = mask_secret(*secret);
    } else {
      // Listing must still work when the key is wrong: that is how an admin finds out.
      entry["secret"] = nullptr;
      entry["seal_error"] =
          "The stored Secret Key cannot be opened with the current seal key file; restore the "
          "file from backup or enter the credentials again.";
    }
    entry["expires_on"] = format_day(row.expires_on);
    entry["days_left"] = days_left(row.expires_on, today);
    entry["warning"] = warning_value(expiry_warning(row.scope, row.expires_on, today));
    entry["updated_at"] = format_utc(row.updated_at);
    scopes.push_back(std::move(entry));
  }
  boost::json::object result;
  result["scopes"] = std::move(scopes);
  return ok_json(result);
}

stored_credentials credential_admin::stored_row(const std::string &scope) {
  auto row = store_.get(scope);
  if (!row) {
    throw failure(status::not_found,
                  "No TOMS credentials are stored for " + scope_label(scope) +
                      "; enter its User Name and Secret Key first." +
                      (scope == district_scope
                           ? std::string()
                           : " (Students of a school without its own pair use the district's.)"));
  }
  return std::move(*row);
}

call_result credential_admin::test_connection(std::string_view request_json) {
  const auto request = parse_json_object(request_json, "The test connection request");
  json_fields fields(request, "", status::invalid_argument);
  const std::string scope = checked_scope(fields, fields.required_code("scope", max_scope_length));
  const std::optional<std::string> username = fields.optional_string("username");
  auto secret_field = fields.optional_string("secret_key");
  const wiped_on_exit wipe_field(secret_field);
  fields.reject_unknown();
  if (username || secret_field) {
    if (!username) {
      fields.fail("username", "is needed with \"secret_key\" to test a pair before saving it");
    }
    std::string secret = secret_field ? trim(*secret_field) : std::string();
    const wiped_on_exit wipe_secret(secret);
    return test_unsaved(fields, scope, trim(*username), secret);
  }

  const auto row = stored_row(scope);
  const day_point today = day_of(clock_.now());
  auto resolved = resolution_.resolve(row, today);
  const wiped_on_exit wipe_secret(resolved.pair.secret_key);
  const auto result = ets_.check_credentials(resolved.pair);
  const auto warning = expiry_warning(scope, row.expires_on, today);
  const std::string message = connection_message(scope, result, warning, resolved.expired);

  log_.log(result.ok ? log_level::info : log_level::warning,
           "Test connection for " + scope_label(scope) + ": " + message);
  boost::json::object out;
  out["ok"] = result.ok;
  out["message"] = message;
  return ok_json(out);
}

call_result credential_admin::test_unsaved(json_fields &fields, const std::string &scope,
                                           const std::string &username, const std::string &secret) {
  if (username.empty()) {
    fields.fail("username", "must be the TOMS User Name to test");
  }
  check_pair(fields, username, secret);
  // No set_id: the pair is nobody's credential set, so no token of it is cached or shared, and
  // check_credentials asks ETS afresh anyway.
  ets_credentials pair{scope, username, secret, std::string()};
  const wiped_on_exit wipe_pair(pair.secret_key);
  const auto result = ets_.check_credentials(pair);
  std::string message = connection_message(scope, result, std::nullopt, false);
  message += ' ';
  message += not_saved_sentence;
  log_.log(result.ok ? log_level::info : log_level::warning,
           "Test connection for " + scope_label(scope) + " (a pair not saved, user name " +
               username + "): " + message);
  boost::json::object out;
  out["ok"] = result.ok;
  out["message"] = message;
  out["saved"] = false;
  return ok_json(out);
}

call_result credential_admin::probe(std::string_view request_json) {
  const auto request = parse_json_object(request_json, "The ETS probe request");
  json_fields fields(request, "", status::invalid_argument);
  const std::string scope = checked_scope(fields, fields.required_code("scope", max_scope_length));
  const std::optional<std::string> ssid = fields.optional_string("ssid");
  if (ssid && (ssid->size() != 10 || !std::all_of(ssid->begin(), ssid->end(),
                                                  [](char c) { return c >= '0' && c <= '9'; }))) {
    fields.fail("ssid", "must be a Statewide Student ID: ten digits");
  }
  fields.reject_unknown();

  const auto row = stored_row(scope);
  auto resolved = resolution_.resolve(row, day_of(clock_.now()));
  const wiped_on_exit wipe_secret(resolved.pair.secret_key);
  const ets_probe_report report = ets_.probe(resolved.pair, ssid);
  // The report is redacted by the adapter that made it; the log gets its verdict only.
  const std::string mismatch = first_mismatch(report);
  log_.log(report.matched() ? log_level::info : log_level::warning,
           "ETS probe for " + scope_label(scope) + ": " +
               (report.matched() ? "every answer matched the wire profile"
                                 : "first difference: " + mismatch));
  return ok_json(probe_report_json(report, scope_label(scope)));
}

}  // namespace ssrlink::core
