#include "connection_message.hpp"

#include "credential_expiry.hpp"

namespace ssrlink::core {
namespace {

constexpr const char *not_checked = " The credentials themselves were not checked.";

std::string http_note(int http_status) {
  if (http_status == 0) {
    return {};
  }
  return " (HTTP " + std::to_string(http_status) + ")";
}

}  // namespace

std::string connection_message(std::string_view scope, const ets_token_result &result,
                               const std::optional<std::string> &warning, bool expired) {
  const std::string label = scope_label(scope);
  if (result.ok) {
    std::string message =
        "Connected: ETS accepted the TOMS credentials for " + label + " and issued a token.";
    if (warning) {
      message += " " + *warning;
    }
    return message;
  }
  const ets_failure &f = result.failure;
  switch (f.fault) {
    case ets_fault::unreachable:
      return "Could not reach ETS (the connection was refused, the name did not resolve, or it "
             "was cut off). Check that this server may open outbound HTTPS connections to the "
             "ETS address in the configuration (firewall, proxy, DNS), then test again." +
             std::string(not_checked);
    case ets_fault::timed_out:
      return "ETS did not answer within the configured timeout. ETS may be slow or down, or a "
             "firewall may be silently dropping the traffic; test again in a few minutes, and "
             "if it keeps happening check outbound HTTPS access to ETS." +
             std::string(not_checked);
    case ets_fault::tls:
      return "The secure connection to ETS failed: its certificate could not be verified. "
             "Check this server's date and time, its CA certificates (or the configured "
             "ets.ca_file), and that no proxy intercepts HTTPS traffic." +
             std::string(not_checked);
    case ets_fault::rate_limited:
      return "ETS is busy and asked ssrlink to slow down" + http_note(f.http_status) +
             "; test again in a few minutes." + std::string(not_checked);
    case ets_fault::answered:
      if (f.error == ets_error::not_authorized) {
        std::string message = "ETS refused the TOMS credentials for " + label + ".";
        if (expired && warning) {
          message += " " + *warning;
        } else {
          message +=
              " The User Name or Secret Key is wrong, or the pair has been superseded: only the "
              "most recently generated pair is valid, and another vendor or coordinator may "
              "have regenerated it in TOMS. Get the current pair from your TOMS LEA "
              "coordinator (or regenerate it in TOMS and give it to every vendor that uses it) "
              "and enter it here.";
        }
        return message;
      }
      break;
    case ets_fault::bad_response:
      break;
  }
  return "ETS answered, but not with a token" + http_note(f.http_status) +
         ", so the credentials could not be confirmed. Test again later; if it keeps happening, "
         "check the ETS address in the configuration and contact CalTAC.";
}

}  // namespace ssrlink::core
