#include "probe_report.hpp"

#include <boost/json/array.hpp>

namespace ssrlink::core {
namespace {

// One line of the text: control characters (a tab, a newline a server put in a header name)
// become spaces.
std::string clean(std::string_view text) {
  std::string out(text);
  for (char &c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      c = ' ';
    }
  }
  return out;
}

boost::json::array strings(const std::vector<std::string> &values) {
  boost::json::array out;
  for (const auto &value : values) {
    out.emplace_back(clean(value));
  }
  return out;
}

void list_lines(std::string &out, std::string_view heading,
                const std::vector<std::string> &values) {
  out.append("   ").append(heading).append(values.empty() ? " none\n" : "\n");
  for (const auto &value : values) {
    out.append("     ").append(clean(value)).append("\n");
  }
}

}  // namespace

std::string first_mismatch(const ets_probe_report &report) {
  if (report.steps.empty()) {
    return "nothing was asked of ETS";
  }
  for (const auto &step : report.steps) {
    if (!step.first_mismatch.empty()) {
      return clean(step.name) + ": " + clean(step.first_mismatch);
    }
  }
  return {};
}

boost::json::object probe_report_json(const ets_probe_report &report, std::string_view scope) {
  boost::json::object out;
  out["matched"] = report.matched();
  out["scope"] = clean(scope);
  out["profile"] = boost::json::object{{"name", clean(report.profile_name)},
                                       {"source", clean(report.profile_source)}};
  out["first_mismatch"] = first_mismatch(report);
  boost::json::array steps;
  for (const auto &step : report.steps) {
    boost::json::array headers;
    for (const auto &header : step.headers) {
      headers.emplace_back(
          boost::json::object{{"name", clean(header.name)}, {"value", clean(header.value)}});
    }
    steps.emplace_back(boost::json::object{{"name", clean(step.name)},
                                           {"request", clean(step.request)},
                                           {"http_status", step.http_status},
                                           {"transport_failure", clean(step.transport_failure)},
                                           {"headers", std::move(headers)},
                                           {"shape", strings(step.shape)},
                                           {"found", strings(step.found)},
                                           {"missing", strings(step.missing)},
                                           {"unknown", strings(step.unknown)},
                                           {"first_mismatch", clean(step.first_mismatch)},
                                           {"verdict", clean(step.verdict)}});
  }
  out["steps"] = std::move(steps);
  out["text"] = probe_report_text(report, scope);
  return out;
}

std::string probe_report_text(const ets_probe_report &report, std::string_view scope) {
  std::string out = "ssrlink ETS probe\n";
  out.append("Wire profile: ").append(clean(report.profile_name));
  out.append(" (").append(clean(report.profile_source)).append(")\n");
  out.append("Credentials: ").append(clean(scope)).append("\n");
  out.append("Values are redacted: this report holds no SSID, name, token, secret or link.\n");
  int number = 0;
  for (const auto &step : report.steps) {
    out.append("\n").append(std::to_string(++number)).append(". ").append(clean(step.name));
    out.append(": ").append(clean(step.request)).append("\n");
    if (!step.transport_failure.empty()) {
      out.append("   no answer: ").append(clean(step.transport_failure)).append("\n");
    } else {
      out.append("   HTTP ").append(std::to_string(step.http_status)).append("\n");
    }
    if (!step.headers.empty()) {
      out.append("   headers\n");
      for (const auto &header : step.headers) {
        out.append("     ").append(clean(header.name)).append(": ");
        out.append(clean(header.value)).append("\n");
      }
    }
    list_lines(out, "answer shape", step.shape);
    list_lines(out, "expected and found:", step.found);
    list_lines(out, "expected and missing:", step.missing);
    list_lines(out, "present, not in the profile:", step.unknown);
    out.append("   first difference: ");
    out.append(step.first_mismatch.empty() ? "none" : clean(step.first_mismatch)).append("\n");
    out.append("   ssrlink reads it as: ").append(clean(step.verdict)).append("\n");
  }
  const std::string mismatch = first_mismatch(report);
  out.append("\nResult: ");
  out.append(mismatch.empty()
                 ? "every answer matched the wire profile."
                 : "the answers differ from the wire profile; first difference: " + mismatch + ".");
  out.append("\n");
  return out;
}

}  // namespace ssrlink::core
