#include "district_settings.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string_view>

#include "../error.hpp"
#include "../json/json_fields.hpp"
#include "setting_text.hpp"
#include "time_zone_name.hpp"

namespace ssrlink::core {
namespace {

constexpr std::array<std::string_view, 7> day_names = {"sun", "mon", "tue", "wed",
                                                       "thu", "fri", "sat"};

std::string key_of(std::string_view setting) {
  return "settings." + std::string(setting);
}

[[noreturn]] void refuse(const std::string &key, std::string_view must_be) {
  std::string message;
  message += '"';
  message += key;
  message += "\" ";
  message += must_be;
  message += '.';
  throw failure(status::invalid_argument, message);
}

void read_parent_instructions(const boost::json::value &value, district_settings &out) {
  const std::string key = key_of("parent_instructions");
  if (!value.is_object()) {
    refuse(key, "must be a JSON object of language tag to text, such as {\"en\": \"...\"}");
  }
  std::map<std::string, std::string> texts;
  for (const auto &[tag, text] : value.as_object()) {
    if (!is_language_tag(tag)) {
      refuse(key, "must have language tags as its keys (2 to 8 letters, digits or '-')");
    }
    const std::string text_key = key + "." + std::string(tag);
    if (!text.is_string()) {
      refuse(text_key, "must be a string");
    }
    if (const std::string problem = instruction_problem(text.as_string(), max_instruction_chars);
        !problem.empty()) {
      refuse(text_key, problem);
    }
    texts.emplace(std::string(tag), std::string(text.as_string()));
  }
  out.parent_instructions = std::move(texts);
}

void read_summary_recipients(const boost::json::value &value, district_settings &out) {
  const std::string key = key_of("summary_recipients");
  if (!value.is_array()) {
    refuse(key, "must be an array of email addresses");
  }
  if (value.as_array().size() > max_summary_recipients) {
    refuse(key, "must hold at most " + std::to_string(max_summary_recipients) + " addresses");
  }
  std::vector<std::string> recipients;
  for (const boost::json::value &item : value.as_array()) {
    const std::string item_key = key + "[" + std::to_string(recipients.size()) + "]";
    if (!item.is_string()) {
      refuse(item_key, "must be a string");
    }
    if (!is_email_address(item.as_string())) {
      refuse(item_key,
             "must be an email address: at most 254 bytes, one '@' with a name before it and a "
             "domain with a dot after it, and no space or control character");
    }
    recipients.emplace_back(item.as_string());
  }
  out.summary_recipients = std::move(recipients);
}

void read_sweep_defaults(const boost::json::value &value, district_settings &out) {
  if (!value.is_object()) {
    refuse(key_of("sweep_defaults"), "must be a JSON object");
  }
  json_fields fields(value.as_object(), key_of("sweep_defaults") + ".", status::invalid_argument);
  sweep_defaults defaults;
  defaults.include_previous_year = fields.optional_bool("include_previous_year");
  if (const std::optional<std::string> day = fields.optional_string("skip_leave_before")) {
    day_point parsed{};
    if (!parse_day(*day, parsed)) {
      fields.fail("skip_leave_before", "must be a date written YYYY-MM-DD");
    }
    defaults.skip_leave_before = parsed;
  }
  defaults.skip_tags = fields.optional_string_array("skip_tags");
  if (const auto concurrency = fields.optional_int("concurrency", 1, 256)) {
    defaults.concurrency = static_cast<unsigned>(*concurrency);
  }
  fields.reject_unknown();
  out.sweep = std::move(defaults);
}

// "HH:MM", 24-hour → minutes since midnight, or -1.
int minute_of_day(std::string_view text) {
  const auto digit = [&](std::size_t at) {
    return text[at] >= '0' && text[at] <= '9' ? text[at] - '0' : -100;
  };
  if (text.size() != 5 || text[2] != ':') {
    return -1;
  }
  const int hours = digit(0) * 10 + digit(1);
  const int minutes = digit(3) * 10 + digit(4);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
    return -1;
  }
  return hours * 60 + minutes;
}

void read_schedule(const boost::json::value &value, district_settings &out) {
  if (!value.is_object()) {
    refuse(key_of("schedule"), "must be a JSON object with enabled, days, time and time_zone");
  }
  json_fields fields(value.as_object(), key_of("schedule") + ".", status::invalid_argument);
  sweep_schedule schedule;
  const std::optional<bool> enabled = fields.optional_bool("enabled");
  if (!enabled) {
    fields.fail("enabled", "is required (true or false)");
  }
  schedule.enabled = *enabled;
  const auto days = fields.optional_string_array("days");
  if (!days) {
    fields.fail("days", "is required (an array of \"sun\" ... \"sat\")");
  }
  for (const std::string &day : *days) {
    const auto *found = std::find(day_names.begin(), day_names.end(), day);
    if (found == day_names.end()) {
      fields.fail("days",
                  "must name days as \"sun\", \"mon\", \"tue\", \"wed\", \"thu\", "
                  "\"fri\" or \"sat\"");
    }
    bool &chosen = schedule.days.at(static_cast<std::size_t>(found - day_names.begin()));
    if (chosen) {
      fields.fail("days", "must not name a day twice");
    }
    chosen = true;
  }
  if (days->empty() && schedule.enabled) {
    fields.fail("days", "must name at least one day when the schedule is enabled");
  }
  schedule.minute_of_day = minute_of_day(fields.required_string("time"));
  if (schedule.minute_of_day < 0) {
    fields.fail("time", "must be HH:MM, 24-hour (such as \"02:30\")");
  }
  schedule.time_zone = fields.required_string("time_zone");
  if (!is_plain_time_zone_name(schedule.time_zone)) {
    fields.fail("time_zone",
                "must be an IANA time zone name such as \"America/Los_Angeles\" (letters, "
                "digits, '/', '_', '-' and '+')");
  }
  if (!is_known_time_zone(schedule.time_zone)) {
    fields.fail("time_zone",
                "must be a time zone this machine knows (its time zone database, package "
                "tzdata, has no such zone), such as \"America/Los_Angeles\"");
  }
  fields.reject_unknown();
  out.schedule = std::move(schedule);
}

boost::json::value parent_instructions_json(const district_settings &s) {
  boost::json::object texts;
  for (const auto &[tag, text] : s.parent_instructions) {
    texts[tag] = text;
  }
  return texts;
}

boost::json::value summary_recipients_json(const district_settings &s) {
  boost::json::array recipients;
  for (const std::string &address : s.summary_recipients) {
    recipients.emplace_back(address);
  }
  return recipients;
}

boost::json::value sweep_defaults_json(const district_settings &s) {
  boost::json::object defaults;
  if (s.sweep.include_previous_year) {
    defaults["include_previous_year"] = *s.sweep.include_previous_year;
  }
  if (s.sweep.skip_leave_before) {
    defaults["skip_leave_before"] = format_day(*s.sweep.skip_leave_before);
  }
  if (s.sweep.skip_tags) {
    boost::json::array tags;
    for (const std::string &tag : *s.sweep.skip_tags) {
      tags.emplace_back(tag);
    }
    defaults["skip_tags"] = std::move(tags);
  }
  if (s.sweep.concurrency) {
    defaults["concurrency"] = *s.sweep.concurrency;
  }
  return defaults;
}

boost::json::value schedule_json(const district_settings &s) {
  boost::json::array days;
  for (std::size_t day = 0; day < day_names.size(); ++day) {
    if (s.schedule.days.at(day)) {
      days.emplace_back(day_names.at(day));
    }
  }
  const int minute = s.schedule.minute_of_day;
  std::string time(5, ':');
  time[0] = static_cast<char>('0' + minute / 600);
  time[1] = static_cast<char>('0' + minute / 60 % 10);
  time[3] = static_cast<char>('0' + minute % 60 / 10);
  time[4] = static_cast<char>('0' + minute % 10);
  return boost::json::object{{"enabled", s.schedule.enabled},
                             {"days", std::move(days)},
                             {"time", time},
                             {"time_zone", s.schedule.time_zone}};
}

// One setting: its name (the key and the row), how it is read (rules 2 to 5: throws naming the
// key, and changes `out` only when the whole value is good) and how it is written.
struct setting {
  std::string_view name;
  void (*read)(const boost::json::value &, district_settings &out);
  boost::json::value (*write)(const district_settings &);
};

// In the order of the rules.
constexpr std::array<setting, 4> settings_known = {{
    {"parent_instructions", read_parent_instructions, parent_instructions_json},
    {"summary_recipients", read_summary_recipients, summary_recipients_json},
    {"sweep_defaults", read_sweep_defaults, sweep_defaults_json},
    {"schedule", read_schedule, schedule_json},
}};

}  // namespace

settings_rows validated_settings(const boost::json::object &settings) {
  for (const auto &entry : settings) {  // rule 1
    const bool known = std::any_of(settings_known.begin(), settings_known.end(),
                                   [&](const setting &s) { return s.name == entry.key(); });
    if (!known) {
      throw failure(status::invalid_argument,
                    "Unknown key \"" + key_of(entry.key()) +
                        "\"; the settings are parent_instructions, summary_recipients, "
                        "sweep_defaults and schedule (docs/abi.md).");
    }
  }
  settings_rows rows;
  for (const setting &s : settings_known) {  // rules 2 to 5
    if (const boost::json::value *value = settings.if_contains(s.name)) {
      district_settings read;
      s.read(*value, read);
      rows.emplace(std::string(s.name), boost::json::serialize(s.write(read)));
    }
  }
  return rows;
}

district_settings settings_from_rows(const settings_rows &rows,
                                     std::vector<std::string> *unreadable) {
  district_settings settings;
  for (const setting &s : settings_known) {
    const auto row = rows.find(std::string(s.name));
    if (row == rows.end()) {
      continue;  // never saved: the default
    }
    boost::system::error_code ec;
    const boost::json::value value = boost::json::parse(row->second, ec);
    bool read = false;
    if (!ec) {
      try {
        s.read(value, settings);
        read = true;
      } catch (const failure &) {
        // A value the rules refuse now: the default stays.
      }
    }
    if (!read && unreadable != nullptr) {
      unreadable->emplace_back(s.name);
    }
  }
  return settings;
}

boost::json::object settings_json(const district_settings &settings) {
  boost::json::object json;
  for (const setting &s : settings_known) {
    json[s.name] = s.write(settings);
  }
  return json;
}

}  // namespace ssrlink::core
