#include "settings_service.hpp"

#include <boost/json/serialize.hpp>
#include <exception>
#include <vector>

#include "../error.hpp"
#include "../json/json_fields.hpp"

namespace ssrlink::core {
namespace {

constexpr std::string_view what_request = "The settings request";

call_result answer(const district_settings &settings) {
  boost::json::object result;
  result["settings"] = settings_json(settings);
  return {status::ok, boost::json::serialize(result)};
}

// The settings of `given` (the rows a put wrote) laid over `base`: each row replaces its setting
// whole.
district_settings overlaid(district_settings base, const settings_rows &given) {
  const district_settings read = settings_from_rows(given);
  if (given.contains("parent_instructions")) {
    base.parent_instructions = read.parent_instructions;
  }
  if (given.contains("summary_recipients")) {
    base.summary_recipients = read.summary_recipients;
  }
  if (given.contains("sweep_defaults")) {
    base.sweep = read.sweep;
  }
  if (given.contains("schedule")) {
    base.schedule = read.schedule;
  }
  return base;
}

std::string joined(const std::vector<std::string> &names) {
  std::string text;
  for (const std::string &name : names) {
    text += text.empty() ? "" : ", ";
    text += name;
  }
  return text;
}

}  // namespace

settings_service::settings_service(settings_store &store, const clock &clock, logger &log)
    : store_(store), clock_(clock), log_(log) {}

call_result settings_service::get(std::string_view request_json) {
  const boost::json::object request = parse_json_object(request_json, what_request);
  json_fields(request, "", status::invalid_argument).reject_unknown();
  // Read from the store, not the cache: the one who asks may be about to change them, and a
  // database that fails is an error here, not a reason to show the defaults.
  const std::lock_guard lock(mutex_);
  const time_point now = clock_.now();
  remember(read_store(), now);
  return answer(cached_);
}

call_result settings_service::put(std::string_view request_json, const std::string &actor_user) {
  const boost::json::object request = parse_json_object(request_json, what_request);
  json_fields fields(request, "", status::invalid_argument);
  const boost::json::object &given = fields.required_object("settings");
  fields.reject_unknown();
  const settings_rows rows = validated_settings(given);  // rules 1 to 5: a refusal writes nothing
  // One put at a time in this process, so the cache ends with the value the store kept.
  const std::lock_guard lock(mutex_);
  const time_point now = clock_.now();
  if (!rows.empty()) {
    store_.save(rows, actor_user, now);
  }
  // Visible at once in this process: the settings in force with the rows just written laid over.
  const district_settings base = fresh_locked(now);
  remember(overlaid(base, rows), now);
  return answer(cached_);
}

district_settings settings_service::current() {
  const std::lock_guard lock(mutex_);
  return fresh_locked(clock_.now());
}

district_settings settings_service::fresh_locked(time_point now) {
  if (loaded_ && now - cached_at_ < settings_cache_ttl && now >= cached_at_) {
    return cached_;
  }
  try {
    remember(read_store(), now);
  } catch (const failure &e) {
    fall_back(now, e.detail().empty() ? e.what() : std::string(e.what()) + " (" + e.detail() + ")");
  } catch (const std::exception &e) {
    fall_back(now, e.what());
  }
  return cached_;
}

district_settings settings_service::read_store() {
  std::vector<std::string> unreadable;
  district_settings settings = settings_from_rows(store_.load(), &unreadable);
  if (!unreadable.empty()) {
    log_.log(log_level::warning,
             "The stored setting(s) " + joined(unreadable) +
                 " of ssrlink_settings could not be read (edited by hand, or written by a newer "
                 "ssrlink); the defaults are used instead. Save them again with "
                 "ssrlink_settings_put.");
  }
  return settings;
}

void settings_service::fall_back(time_point now, const std::string &why) {
  // The last good settings (or the defaults) stay in force until the TTL ends, so this is logged
  // once per TTL, not once per page.
  log_.log(log_level::warning,
           "The district's settings could not be read; the last ones read (or the defaults) are "
           "used for the next " +
               std::to_string(settings_cache_ttl.count()) + " s: " + why);
  cached_at_ = now;
  loaded_ = true;
}

void settings_service::remember(district_settings settings, time_point now) {
  cached_ = std::move(settings);
  cached_at_ = now;
  loaded_ = true;
}

}  // namespace ssrlink::core
