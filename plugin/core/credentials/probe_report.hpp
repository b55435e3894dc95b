// The ETS probe's report (ssrlink_ets_probe) as the host gets it: JSON for programs and the same
// report as plain text for a person, who reads it and sends it on to the SIS vendor.
//
// Every text in an ets_probe_report was redacted by the adapter that made it (field names,
// JSON types, array lengths, statuses, safe header values); these functions add nothing from
// ETS's answers, and still replace any control character, so a hostile header name cannot
// break a line of the text or forge one.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "../model/ets_probe.hpp"

namespace ssrlink::core {

// "token: HTTP 404 where 200 was expected", naming the first step that stopped matching; ""
// when every step matched. A report without steps did not probe: it says so.
std::string first_mismatch(const ets_probe_report &report);

// {"matched", "scope", "profile": {"name", "source"}, "first_mismatch", "steps": [{"name",
// "request", "http_status", "transport_failure", "headers": [{"name", "value"}], "shape",
// "found", "missing", "unknown", "first_mismatch", "verdict"}], "text"}.
boost::json::object probe_report_json(const ets_probe_report &report, std::string_view scope);

// The report as text: a heading with the profile and the scope, one numbered section per step,
// and the verdict last, in lines of plain ASCII or UTF-8 without control characters.
std::string probe_report_text(const ets_probe_report &report, std::string_view scope);

}  // namespace ssrlink::core
