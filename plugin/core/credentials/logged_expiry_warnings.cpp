#include "logged_expiry_warnings.hpp"

#include "credential_expiry.hpp"

namespace ssrlink::core {

logged_expiry_warnings::logged_expiry_warnings(logger &log) : log_(log) {}

void logged_expiry_warnings::note(std::string_view scope, day_point expires_on, day_point today) {
  const auto warning = expiry_warning(scope, expires_on, today);
  if (!warning) {
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    const auto it = warned_on_.find(scope);
    if (it != warned_on_.end() && it->second == today) {
      return;
    }
    warned_on_.insert_or_assign(std::string(scope), today);
  }
  // Logged outside the lock: the host's logger may be slow, and nothing here needs it held.
  log_.log(log_level::warning, *warning);
}

void logged_expiry_warnings::forget(std::string_view scope) {
  const std::lock_guard lock(mutex_);
  const auto it = warned_on_.find(scope);
  if (it != warned_on_.end()) {
    warned_on_.erase(it);
  }
}

}  // namespace ssrlink::core
