#include "page_answer.hpp"

namespace ssrlink::core {

std::string_view to_string(page_outcome outcome) {
  switch (outcome) {
    case page_outcome::reports:
      return "reports";
    case page_outcome::no_reports:
      return "no_reports";
    case page_outcome::denied:
      return "denied";
    case page_outcome::not_found:
      return "not_found";
    case page_outcome::no_ssid:
      return "no_ssid";
    case page_outcome::not_configured:
      return "not_configured";
    case page_outcome::ets_error:
      return "ets_error";
  }
  return "ets_error";
}

const report_links &page_answer::reports() const {
  static const report_links none;
  return shown ? shown->links : none;
}

}  // namespace ssrlink::core
