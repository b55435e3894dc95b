// The expiry warning in the host's log: the same sentence status shows (credential_expiry.hpp),
// logged at most once a day per scope however often pairs are resolved or listed, so a sweep
// of thousands of students leaves one line, not thousands.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "../ports/logger.hpp"
#include "../time.hpp"

namespace ssrlink::core {

class logged_expiry_warnings {
 public:
  // `log` must outlive this.
  explicit logged_expiry_warnings(logger &log);

  // Logs the scope's warning (level warning) when there is one and none was logged for the
  // scope today. Thread-safe.
  void note(std::string_view scope, day_point expires_on, day_point today);

  // The scope's pair was replaced or removed: a warning about the old pair must not hold back
  // one about the new pair. Thread-safe.
  void forget(std::string_view scope);

 private:
  logger &log_;
  std::mutex mutex_;
  std::map<std::string, day_point, std::less<>> warned_on_;  // scope → day last warned
};

}  // namespace ssrlink::core
