#include "credential_expiry.hpp"

#include "../model/credentials.hpp"

namespace ssrlink::core {
namespace {

// What to do, said the same way in every warning.
constexpr const char *what_to_do =
    " A TOMS LEA coordinator must regenerate the credentials in TOMS (Credentialing) and enter "
    "the new User Name and Secret Key in ssrlink. Only the most recently generated pair is "
    "valid and it is shared with every other vendor that uses it, so give the new pair to those "
    "vendors too.";

}  // namespace

int days_left(day_point expires_on, day_point today) {
  return static_cast<int>((expires_on - today).count());
}

day_point day_of(time_point now) {
  return std::chrono::floor<std::chrono::days>(now);
}

std::string scope_label(std::string_view scope) {
  if (scope == district_scope) {
    return "the district";
  }
  return "school " + std::string(scope);
}

std::optional<std::string> expiry_warning(std::string_view scope, day_point expires_on,
                                          day_point today) {
  const int left = days_left(expires_on, today);
  if (left > expiry_warning_days) {
    return std::nullopt;
  }
  const std::string subject = "The TOMS credentials for " + scope_label(scope);
  const std::string date = format_day(expires_on);
  if (left < 0) {
    return subject + " expired on " + date +
           "; score reports for its students cannot be fetched until new credentials are "
           "entered." +
           what_to_do;
  }
  if (left == 0) {
    return subject + " expire today (" + date +
           "); after today score reports for its students cannot be fetched." + what_to_do;
  }
  return subject + " expire in " + std::to_string(left) + (left == 1 ? " day" : " days") + ", on " +
         date + "; after that score reports for its students cannot be fetched." + what_to_do;
}

}  // namespace ssrlink::core
