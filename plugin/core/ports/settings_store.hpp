// Port: where the district's settings live (the plugin's table ssrlink_settings), one row per
// setting (settings/district_settings.hpp says what each holds).
#pragma once

#include <map>
#include <string>

#include "../time.hpp"

namespace ssrlink::core {

class settings_store {
 public:
  virtual ~settings_store() = default;
  // Every stored setting: name → its value as JSON text. Thread-safe; throws failure(database).
  virtual std::map<std::string, std::string> load() = 0;
  // Inserts or replaces every row given, in one transaction, stamped with the actor's user_id
  // and `now`. Thread-safe; throws failure(database).
  virtual void save(const std::map<std::string, std::string> &rows, const std::string &updated_by,
                    time_point now) = 0;
};

}  // namespace ssrlink::core
