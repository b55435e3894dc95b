// Report links as ETS sends them, for the report page's tests and benchmark.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/model/report_link.hpp"
#include "core/time.hpp"

namespace ssrlink::test {

using namespace ssrlink::core;
using namespace std::chrono_literals;

inline time_point at(const std::string &text) {
  time_point t;
  if (!parse_utc(text, t)) {
    throw std::invalid_argument("bad time in test: " + text);
  }
  return t;
}

// A report link as ETS would send it, valid for 30 minutes from `issued`.
inline report_link make_link(std::string test, std::string year, std::string language,
                             std::string format, std::string subject, time_point issued,
                             const std::string &host = "reports.s3.amazonaws.com") {
  report_link l;
  l.test = std::move(test);
  l.name = l.test + " report";
  l.year = std::move(year);
  l.grade = "05";
  l.subject = std::move(subject);
  l.language = std::move(language);
  l.format = std::move(format);
  l.status = "Final";
  l.url = "https://" + host + "/" + l.test + "-" + l.language + "-" + l.format + "-" + l.subject +
          "?X-Amz-Signature=SIGNATURE";
  l.expires_at = issued + 30min;
  return l;
}

}  // namespace ssrlink::test
