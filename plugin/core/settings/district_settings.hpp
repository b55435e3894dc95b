// The district's settings (ssrlink_settings_get / ssrlink_settings_put, docs/abi.md), kept in the
// database so every host process sees the same: the instructions parents and students read on
// their page, who gets the sweep's completion summary, the sweep's default options, and when the
// sweep runs on its own (ssrlink_sweep with "when_due").
//
// Rules of a put's "settings" object (in this order; each refusal is failure(invalid_argument)
// naming the key, e.g. "settings.schedule.time"):
//  1. It is a JSON object whose keys are among parent_instructions, summary_recipients,
//     sweep_defaults and schedule; a key given replaces that setting whole, the others stay.
//  2. parent_instructions: an object of language tag ("en", "es", "vi", ... : 2 to 8 letters,
//     digits or '-') → plain text of at most max_instruction_chars characters (code points),
//     valid UTF-8 without control characters other than newline, tab and carriage return.
//  3. summary_recipients: an array of at most max_summary_recipients email addresses, each at
//     most 254 bytes with one '@', a dot in the domain and no space or control character.
//  4. sweep_defaults: an object with any of include_previous_year (bool), skip_leave_before
//     ("YYYY-MM-DD"), skip_tags (array of strings), concurrency (1 to 256); nothing else.
//  5. schedule: an object with enabled (bool), days (an array of "sun".."sat", no repeats;
//     not empty when enabled is true, so the defaults, which name no day, read back), time
//     ("HH:MM", 24-hour) and time_zone (an IANA name such as "America/Los_Angeles", which must
//     be known to this machine's time zone database: settings/time_zone_name.hpp); nothing
//     else. All four are required: the schedule is replaced whole.
#pragma once

#include <array>
#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../time.hpp"

namespace ssrlink::core {

inline constexpr std::size_t max_instruction_chars = 2000;
inline constexpr std::size_t max_summary_recipients = 50;

// The sweep request's options a request may leave out (sweep_request.hpp).
struct sweep_defaults {
  std::optional<bool> include_previous_year;
  std::optional<day_point> skip_leave_before;
  std::optional<std::vector<std::string>> skip_tags;
  std::optional<unsigned> concurrency;

  bool operator==(const sweep_defaults &) const = default;
};

// When the sweep runs on its own, in the district's time zone.
struct sweep_schedule {
  bool enabled = false;
  std::array<bool, 7> days{};  // [0] Sunday … [6] Saturday
  int minute_of_day = 150;     // "02:30"
  std::string time_zone = "America/Los_Angeles";

  bool operator==(const sweep_schedule &) const = default;
};

struct district_settings {
  std::map<std::string, std::string> parent_instructions;  // language tag → plain text
  std::vector<std::string> summary_recipients;
  sweep_defaults sweep;
  sweep_schedule schedule;

  bool operator==(const district_settings &) const = default;
};

// How the page and the sweep read the settings in force without depending on the service that
// caches them (settings_service::current, wired in the composition root). Thread-safe, never
// throws.
using settings_source = std::function<district_settings()>;

// The stored rows: one per setting name, its value as JSON text (the settings_store port).
using settings_rows = std::map<std::string, std::string>;

// A put's "settings" object checked by the rules above → the rows to write (only the keys
// given). Throws failure(invalid_argument) naming the key.
settings_rows validated_settings(const boost::json::object &settings);

// The stored rows read back, by the same rules 2 to 5 as a put. A row that no longer reads
// (edited by hand, or written by a newer ssrlink) keeps its default and is named in
// `unreadable`, so one bad row never hides the others. A row of a name this version does not
// know is left alone.
district_settings settings_from_rows(const settings_rows &rows,
                                     std::vector<std::string> *unreadable = nullptr);

// {"parent_instructions", "summary_recipients", "sweep_defaults", "schedule"}: every setting,
// defaults included, in the shape a put takes.
boost::json::object settings_json(const district_settings &settings);

}  // namespace ssrlink::core
