// The score-report endpoint's 200 answer: one student's list of report links, and the counts of
// what was skipped and why. The largest and most hostile input ssrlink reads, so it is its own
// file, fuzzed on its own (tests/fuzz/reports_response_fuzz.cpp). Non-2xx answers are not read
// here: they go to map_error (wire_errors.cpp).
#include <algorithm>

#include "wire.hpp"
#include "wire_json.hpp"

namespace ssrlink::ets::wire {
namespace {

using internal::bad_response;
using internal::string_field;
namespace json = internal::json;

// The item places a report cannot do without, in item_counts::missing order, and where each
// goes in a report_link.
std::string *required_target(core::report_link &link, std::size_t i) {
  std::string *const into[required_report_fields] = {&link.url, &link.format, &link.language,
                                                     &link.test, &link.year};
  return into[i];
}

}  // namespace

bool worth_logging(const item_counts &counts) {
  return counts.kept != counts.received || counts.unreadable_expiry != 0;
}

std::string describe(const profile &p, const item_counts &counts) {
  const auto n = [](std::size_t v) { return std::to_string(v); };
  std::string out = n(counts.kept) + " of " + n(counts.received) + " items kept";
  if (counts.beyond_cap != 0) {
    out +=
        "; " + n(counts.beyond_cap) + " beyond the cap of " + n(max_report_items) + " not examined";
  }
  if (counts.not_an_object != 0 || counts.missing_field != 0) {
    out += "; skipped:";
    if (counts.not_an_object != 0) {
      // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
      // " " + std::string, which inserts at the front of a temporary.
      out.append(" ").append(n(counts.not_an_object)).append(" not an object");
    }
    if (counts.missing_field != 0) {
      out += counts.not_an_object != 0 ? "," : "";
      out.append(" ").append(n(counts.missing_field)).append(" missing a required field (");
      bool first = true;
      for (std::size_t i = 0; i < required_report_fields; ++i) {
        if (counts.missing[i] != 0) {
          out += first ? "" : ", ";
          out += dotted(p.reports.item[i]) + " " + n(counts.missing[i]);
          first = false;
        }
      }
      out += ")";
    }
  }
  if (counts.unreadable_expiry != 0) {
    out += "; " + n(counts.unreadable_expiry) + " with an unreadable " +
           dotted(p.reports[item_field::expires_at]) + " (30 minutes assumed)";
  }
  return out;
}

reports_outcome parse_reports_response(const profile &p, std::string_view body,
                                       std::string_view ssid, core::time_point now) {
  // Rule 1. One arena for the document: freed at once on return, and far cheaper than one heap
  // allocation per value when a hostile answer holds many.
  json::monotonic_resource arena;
  const auto v = internal::parse_json(body, &arena);
  if (!v || !v->is_object()) {
    return bad_response(200, "report response is not a JSON object: " + body_excerpt(body));
  }
  const json::object &o = v->get_object();
  // Rule 2. Neither SSID goes into the detail: it reaches the log.
  const json::value *s = internal::find(o, p.reports.ssid);
  if (s == nullptr || s->is_null()) {
    return bad_response(200, "report response has no ssid");
  }
  if (!s->is_string() || s->get_string() != ssid) {
    return bad_response(200, "report response names a different SSID");
  }
  // Rule 3.
  const json::value *list = internal::find(o, p.reports.reports);
  if (list == nullptr || !list->is_array()) {
    return bad_response(200, "report response has no reports array: " + body_excerpt(body));
  }
  const json::array &items = list->get_array();
  // Rule 4.
  if (items.empty()) {
    return core::ets_failure{core::ets_error::no_test_data, core::ets_fault::answered, 200,
                             "HTTP 200 with an empty reports array"};
  }
  reports_page page;
  page.counts.received = items.size();
  // Rule 5.
  const std::size_t examined = std::min(items.size(), max_report_items);
  page.counts.beyond_cap = items.size() - examined;
  for (std::size_t index = 0; index < examined; ++index) {
    const json::value &item = items[index];
    // Rule 6.
    if (!item.is_object()) {
      ++page.counts.not_an_object;
      continue;
    }
    const json::object &r = item.get_object();
    core::report_link link;
    bool complete = true;
    for (std::size_t i = 0; i < required_report_fields; ++i) {
      auto value = string_field(r, p.reports.item[i]);
      if (!value || value->empty()) {
        ++page.counts.missing[i];
        complete = false;
      } else {
        *required_target(link, i) = std::move(*value);
      }
    }
    if (!complete) {
      ++page.counts.missing_field;
      continue;
    }
    // Rule 7.
    link.name = string_field(r, p.reports[item_field::report_name]).value_or("");
    link.grade = string_field(r, p.reports[item_field::grade]).value_or("");
    link.subject = string_field(r, p.reports[item_field::subject]).value_or("");
    link.status = string_field(r, p.reports[item_field::status]).value_or("");
    link.expires_at = now + default_link_lifetime;
    if (const auto at = string_field(r, p.reports[item_field::expires_at])) {
      core::time_point parsed;
      if (core::parse_utc(*at, parsed)) {
        link.expires_at = parsed;
      } else {
        ++page.counts.unreadable_expiry;
      }
    }
    page.reports.push_back(std::move(link));
  }
  page.counts.kept = page.reports.size();
  // Rule 8.
  if (page.reports.empty()) {
    return bad_response(200, "report response has no usable report: " + describe(p, page.counts));
  }
  return page;
}

}  // namespace ssrlink::ets::wire
