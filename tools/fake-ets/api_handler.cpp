#include "api_handler.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <stdexcept>

#include "documents.hpp"
#include "fault_reply.hpp"
#include "query_string.hpp"
#include "text_util.hpp"
#include "token_request.hpp"
#include "wire_shape.hpp"

namespace ssrlink::fake_ets {
namespace {

constexpr std::string_view api_base = "/api/v1";
constexpr std::string_view not_authorized_message = "You are not authorized to make this request";

reply answer(response message) {
  reply out;
  out.message = std::move(message);
  return out;
}

reply method_not_allowed(const wire_profile &profile, std::string_view allowed) {
  reply out = answer(json_error(profile, 405, "METHOD_NOT_ALLOWED", "Use " + std::string(allowed)));
  out.message.set(http::field::allow, allowed);
  return out;
}

reply ok_json(const boost::json::object &body) {
  return answer(json_response(200, boost::json::serialize(body)));
}

// The token after the profile's prefix ("Bearer " by default, any case) in its header.
std::optional<std::string> presented_token(const wire_profile &profile, const request &req) {
  const auto header = req[profile.reports.authorization_header];
  const std::string_view prefix = profile.reports.authorization_prefix;
  if (header.size() <= prefix.size()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return std::nullopt;
    }
  }
  return std::string(header.substr(prefix.size()));
}

// Control bodies: an empty body means `{}`.
std::optional<boost::json::object> json_object_body(const request &req) {
  if (req.body().empty()) {
    return boost::json::object{};
  }
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(req.body(), ec);
  if (ec || !value.is_object()) {
    return std::nullopt;
  }
  return std::move(value.get_object());
}

std::string string_member(const boost::json::object &object, std::string_view name) {
  const auto *value = object.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string{};
}

// `{}` clears; anything else must be a valid fault object.
std::optional<fault_spec> fault_or_clear(const boost::json::object &object) {
  if (object.empty()) {
    return std::nullopt;
  }
  return parse_fault(object);
}

document_facts facts_of(const std::string &ssid, const boost::json::object &report) {
  return {ssid,
          string_member(report, "reportType"),
          string_member(report, "reportName"),
          string_member(report, "administrationYear"),
          string_member(report, "grade"),
          string_member(report, "subject"),
          string_member(report, "language"),
          string_member(report, "format"),
          string_member(report, "status")};
}

reply access_denied(std::string_view why) {
  response res{http::status::forbidden, 11};
  res.set(http::field::content_type, "application/xml");
  res.body() =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>" +
      std::string(why) + "</Message></Error>\n";
  return answer(std::move(res));
}

}  // namespace

api_handler::api_handler(server_state &state, const wire_profile &profile, std::string origin)
    : state_(state),
      profile_(profile),
      origin_(std::move(origin)),
      token_path_(std::string(api_base) + profile.token.path),
      reports_path_(std::string(api_base) + profile.reports.path) {}

reply api_handler::handle(const request &req) {
  const request_target target = parse_target(req.target());
  if (target.path == token_path_) {
    return token(req);
  }
  if (target.path == reports_path_) {
    return score_reports(req, target);
  }
  if (target.path.starts_with("/files/")) {
    return document(req, target);
  }
  if (target.path.starts_with("/_control/")) {
    return control(req, target);
  }
  return answer(json_error(profile_, 404, "NOT_FOUND", "No such endpoint"));
}

reply api_handler::token(const request &req) {
  ++state_.counters().token_requests;
  if (req.method() != http::verb::post) {
    return method_not_allowed(profile_, "POST");
  }
  const auto make_normal = [&]() -> reply {
    const auto credentials = read_token_request(profile_, req);
    if (const auto *problem = std::get_if<std::string>(&credentials)) {
      return answer(json_error(profile_, 400, "BAD_REQUEST", *problem));
    }
    const auto &pair = std::get<token_credentials>(credentials);
    const auto token = state_.login(pair.username, pair.secret_key);
    if (!token) {
      return answer(json_error(profile_, 401, "NOT_AUTHORIZED", not_authorized_message));
    }
    boost::json::object ok;
    put_at(ok, profile_.token.token, boost::json::value(*token));
    put_at(ok, profile_.token.expires_in, boost::json::value(state_.token_lifetime().count()));
    return ok_json(ok);
  };
  const auto fault = state_.take_token_fault();
  reply out = fault ? apply_fault(*fault, profile_, make_normal) : make_normal();
  out.delay += state_.settings().latency;
  return out;
}

reply api_handler::score_reports(const request &req, const request_target &target) {
  ++state_.counters().report_requests;
  if (req.method() != http::verb::get) {
    return method_not_allowed(profile_, "GET");
  }
  reply out;
  const auto token = presented_token(profile_, req);
  const auto ssid = target.param(profile_.reports.ssid_parameter);
  if (!token || !state_.tokens().valid(*token)) {
    out = answer(json_error(profile_, 401, "NOT_AUTHORIZED", not_authorized_message));
  } else if (!ssid || ssid->empty()) {
    out = answer(json_error(profile_, 400, "BAD_REQUEST",
                            "The " + profile_.reports.ssid_parameter + " parameter is required"));
  } else if (const auto fault = state_.take_student_fault(*ssid)) {
    out = apply_fault(*fault, profile_, [&] { return reports_answer(*ssid); });
    // An early expiry is real: the next request with this token fails too.
    if (fault->kind == fault_kind::token_expired) {
      state_.tokens().revoke(*token);
    }
    // Counted once written, so a test can wait for the bytes instead of guessing how long.
    if (!out.trailing.empty()) {
      request_counters &counters = state_.counters();
      out.trailing_written = [&counters] { ++counters.trailing_writes; };
    }
  } else {
    out = reports_answer(*ssid);
  }
  out.delay += state_.settings().latency;
  return out;
}

reply api_handler::reports_answer(const std::string &ssid) {
  const student *entry = state_.find_student(ssid);
  if (entry == nullptr) {
    return answer(
        json_error(profile_, 404, "SSID_NOT_FOUND", "Student identification number not found"));
  }
  if (entry->error) {
    return answer(json_error(profile_, entry->error->status, entry->error->error_code,
                             entry->error->message));
  }
  const auto ttl = state_.settings().link_ttl;
  boost::json::array reports;
  reports.reserve(entry->reports.size());
  // The fixture's reports use the default names; they are completed in those names, then shaped.
  for (const auto &item : entry->reports) {
    boost::json::object report = item.get_object();
    const auto *omit = report.if_contains("omit_expires_at");
    const bool omit_expiry = omit != nullptr && omit->is_bool() && omit->get_bool();
    report.erase("omit_expires_at");
    auto expires_at = std::chrono::system_clock::now() + ttl;
    // A fixture `url` is returned verbatim (hostile-URL tests); otherwise mint a signed link.
    if (!report.contains("url")) {
      const issued_link link = state_.links().issue(facts_of(ssid, report), ttl);
      report["url"] = origin_ + "/files/" + link.id +
                      "?X-Amz-Expires=" + std::to_string(ttl.count()) +
                      "&X-Amz-Signature=" + link.signature;
      expires_at = link.expires_at;
    }
    if (!omit_expiry && !report.contains("expiresAt")) {
      report["expiresAt"] = format_rfc3339(expires_at);
    }
    reports.push_back(shaped_report(profile_, report));
  }
  return ok_json(reports_body(profile_, ssid, std::move(reports)));
}

reply api_handler::document(const request &req, const request_target &target) {
  ++state_.counters().file_requests;
  if (req.method() != http::verb::get) {
    return method_not_allowed(profile_, "GET");
  }
  const std::string id = target.path.substr(std::string_view("/files/").size());
  const auto lookup = state_.links().find(id, target.param("X-Amz-Signature").value_or(""));
  switch (lookup.result) {
    case link_check::valid:
      break;
    case link_check::expired:
      return access_denied("Request has expired");
    case link_check::bad_signature:
      return access_denied("The request signature we calculated does not match");
    case link_check::unknown:
      return access_denied("Access Denied");
  }
  rendered_document doc = render_document(*lookup.facts);
  response res{http::status::ok, 11};
  res.set(http::field::content_type, doc.content_type);
  res.body() = std::move(doc.body);
  return answer(std::move(res));
}

reply api_handler::control(const request &req, const request_target &target) {
  const std::string_view action = std::string_view(target.path).substr(10);  // "/_control/"
  if (action == "stats") {
    if (req.method() != http::verb::get) {
      return method_not_allowed(profile_, "GET");
    }
    const auto &counters = state_.counters();
    boost::json::object stats;
    stats["token_requests"] = counters.token_requests.load();
    stats["report_requests"] = counters.report_requests.load();
    stats["connections"] = counters.connections.load();
    stats["file_requests"] = counters.file_requests.load();
    stats["trailing_writes"] = counters.trailing_writes.load();
    return ok_json(stats);
  }
  if (req.method() != http::verb::post) {
    return method_not_allowed(profile_, "POST");
  }
  const auto body = json_object_body(req);
  if (!body) {
    return answer(json_error(profile_, 400, "BAD_REQUEST", "The body must be a JSON object"));
  }
  const boost::json::object done{{"ok", true}};
  try {
    if (action == "reset-stats") {
      state_.counters().reset();
      return ok_json(done);
    }
    if (action == "expire-tokens") {
      state_.tokens().revoke_all();
      return ok_json(done);
    }
    if (action == "rearm-faults") {
      state_.rearm_faults();
      return ok_json(done);
    }
    if (action == "token-fault") {
      state_.set_token_fault(fault_or_clear(*body));
      return ok_json(done);
    }
    if (action == "student-fault") {
      const std::string ssid = string_member(*body, "ssid");
      const auto *fault = body->if_contains("fault");
      if (ssid.empty() || fault == nullptr || !fault->is_object()) {
        return answer(json_error(profile_, 400, "BAD_REQUEST",
                                 "Needs a string 'ssid' and an object 'fault'"));
      }
      state_.set_student_fault(ssid, fault_or_clear(fault->get_object()));
      return ok_json(done);
    }
    if (action == "supersede") {
      const auto *flag = body->if_contains("superseded");
      const bool superseded = flag == nullptr || !flag->is_bool() || flag->get_bool();
      if (!state_.set_superseded(string_member(*body, "username"), superseded)) {
        return answer(
            json_error(profile_, 404, "UNKNOWN_USER", "No such user name in the fixture"));
      }
      return ok_json(done);
    }
  } catch (const std::invalid_argument &e) {
    return answer(json_error(profile_, 400, "BAD_FAULT", e.what()));
  }
  return answer(json_error(profile_, 404, "NOT_FOUND", "No such control endpoint"));
}

}  // namespace ssrlink::fake_ets
