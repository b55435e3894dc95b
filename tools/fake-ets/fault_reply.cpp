#include "fault_reply.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "wire_shape.hpp"

namespace ssrlink::fake_ets {
namespace {

// The normal answer with its JSON object changed by `edit`. An answer that is not a JSON object
// is left alone (a fault armed on a student whose fixture entry is an error still answers).
reply edit_normal(const std::function<reply()> &make_normal,
                  const std::function<void(boost::json::object &)> &edit) {
  reply out = make_normal();
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(out.message.body(), ec);
  if (ec || !body.is_object()) {
    return out;
  }
  edit(body.get_object());
  out.message.body() = boost::json::serialize(body);
  return out;
}

// Valid JSON that is no usable report, small so that 200,000 of them stay under 4 MiB, and
// varied so a client meets each way of being unusable: a number, an empty object, markup, null
// and an object with nothing but a hostile url (at the profile's url place, so it stays one).
boost::json::value junk_item(const wire_profile &profile, std::size_t index) {
  switch (index % 5) {
    case 0:
      return boost::json::value(static_cast<std::int64_t>(index));
    case 1:
      return boost::json::object{};
    case 2:
      return boost::json::value("<b>junk</b>");
    case 3:
      return boost::json::value(nullptr);
    default: {
      boost::json::object hostile;
      put_at(hostile, profile.reports.item[item_url], boost::json::value("javascript:junk()"));
      return hostile;
    }
  }
}

// The SSID with its last digit changed: another student's, as a mix-up at ETS would give.
std::string other_ssid(std::string ssid) {
  if (ssid.empty()) {
    return "0";
  }
  char &last = ssid.back();
  last = (last >= '0' && last < '9') ? static_cast<char>(last + 1) : '0';
  return ssid;
}

// A complete HTTP answer for `ssid` whose one report links off-host: what a client that reuses
// a connection with unread bytes would read as its next answer. Written in the default names
// and shaped like every answer, so it is a convincing answer under any profile.
std::string planted_answer(const wire_profile &profile, std::string_view ssid) {
  const boost::json::object report{{"reportType", "SB"},
                                   {"reportName", "Planted"},
                                   {"administrationYear", "2018-19"},
                                   {"language", "ENG"},
                                   {"format", "PDF"},
                                   {"url", "https://planted.invalid/report.pdf"}};
  const boost::json::object body =
      reports_body(profile, ssid, boost::json::array{shaped_report(profile, report)});
  const std::string text = boost::json::serialize(body);
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(text.size()) + "\r\n\r\n" + text;
}

// Valid JSON of exactly `bytes` bytes (when that is more than the empty answer), shaped like a
// normal answer with an empty array, so only the size is wrong: a client must reject it for its
// size alone.
std::string huge_answer(const wire_profile &profile, std::size_t bytes) {
  boost::json::object body = reports_body(profile, "0000000000", {});
  body["padding"] = "";
  std::string text = boost::json::serialize(body);
  static constexpr std::string_view tail = "\"}";  // after the padding: its quote, the brace
  if (bytes > text.size()) {
    text.insert(text.size() - tail.size(), bytes - text.size(), 'x');
  }
  return text;
}

}  // namespace

response json_response(unsigned status, std::string body) {
  response res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, "application/json");
  res.body() = std::move(body);
  return res;
}

response json_error(const wire_profile &profile, unsigned status, std::string_view code,
                    std::string_view message) {
  return json_response(status,
                       boost::json::serialize(error_body(profile, std::string(code), message)));
}

reply apply_fault(const fault_spec &fault, const wire_profile &profile,
                  const std::function<reply()> &make_normal) {
  reply out;
  switch (fault.kind) {
    case fault_kind::latency:
      out = make_normal();
      out.delay += fault.latency;
      return out;
    case fault_kind::reset:
      out.how = delivery::reset;
      return out;
    case fault_kind::reset_mid_body:
      out = make_normal();
      out.how = delivery::truncate_and_close;
      return out;
    case fault_kind::stall_body:
      out = make_normal();
      out.how = delivery::truncate_and_stall;
      return out;
    case fault_kind::status: {
      if (fault.body) {
        out.message = response{static_cast<http::status>(fault.status), 11};
        out.message.set(http::field::content_type, fault.content_type);
        out.message.body() = *fault.body;
        return out;
      }
      const boost::json::object body = error_body(
          profile, fault.error_code,
          fault.message.value_or("Injected fault: HTTP " + std::to_string(fault.status)));
      out.message = json_response(fault.status, boost::json::serialize(body));
      return out;
    }
    case fault_kind::rate_limited:
      out.message = json_error(profile, fault.status, fault.error_code.value_or("RATE_LIMITED"),
                               fault.message.value_or("Too many requests, slow down"));
      out.message.set(http::field::retry_after, std::to_string(fault.retry_after_seconds));
      return out;
    case fault_kind::malformed_json: {
      out = make_normal();
      std::string &body = out.message.body();
      body.resize(body.size() / 2);  // half of a JSON object never balances its braces
      out.message.result(http::status::ok);
      out.message.set(http::field::content_type, "application/json");
      return out;
    }
    case fault_kind::html_error: {
      const std::string code = std::to_string(fault.status);
      out.message = response{static_cast<http::status>(fault.status), 11};
      out.message.set(http::field::content_type, "text/html; charset=utf-8");
      out.message.body() = "<!DOCTYPE html>\n<html><head><title>" + code +
                           " Error</title></head><body><h1>" + code +
                           " Error</h1><p>The gateway could not handle the request.</p><hr>"
                           "<address>fake-ets</address></body></html>\n";
      return out;
    }
    case fault_kind::huge_body:
      out.message = json_response(200, huge_answer(profile, fault.bytes));
      return out;
    case fault_kind::token_expired:
      out.message =
          json_error(profile, 401, "NOT_AUTHORIZED", "You are not authorized to make this request");
      return out;
    case fault_kind::many_items:
      return edit_normal(make_normal, [&](boost::json::object &body) {
        auto *reports = find_at(body, profile.reports.reports);
        if (reports == nullptr || !reports->is_array()) {
          return;
        }
        auto &items = reports->get_array();
        items.reserve(items.size() + fault.count);
        for (std::size_t i = 0; i < fault.count; ++i) {
          items.push_back(junk_item(profile, i));
        }
      });
    case fault_kind::wrong_ssid:
      return edit_normal(make_normal, [&](boost::json::object &body) {
        if (auto *ssid = find_at(body, profile.reports.ssid)) {
          *ssid = boost::json::value(
              fault.answer_ssid.value_or(other_ssid(answered_ssid(profile, body))));
        }
      });
    case fault_kind::no_ssid:
      return edit_normal(make_normal,
                         [&](boost::json::object &body) { erase_at(body, profile.reports.ssid); });
    case fault_kind::trailing_bytes: {
      out = make_normal();
      out.trailing_delay = fault.latency;
      if (fault.body) {
        out.trailing = *fault.body;
        return out;
      }
      boost::system::error_code ec;
      const boost::json::value body = boost::json::parse(out.message.body(), ec);
      out.trailing = planted_answer(
          profile, !ec && body.is_object() ? answered_ssid(profile, body.get_object()) : "");
      return out;
    }
  }
  return out;
}

}  // namespace ssrlink::fake_ets
