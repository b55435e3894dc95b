#include "fault_reply.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

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
// and an object with nothing but a hostile url.
boost::json::value junk_item(std::size_t index) {
  switch (index % 5) {
    case 0:
      return boost::json::value(static_cast<std::int64_t>(index));
    case 1:
      return boost::json::object{};
    case 2:
      return boost::json::value("<b>junk</b>");
    case 3:
      return boost::json::value(nullptr);
    default:
      return boost::json::object{{"url", "javascript:junk()"}};
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
// a connection with unread bytes would read as its next answer.
std::string planted_answer(std::string_view ssid) {
  boost::json::object report{{"reportType", "SB"},
                             {"reportName", "Planted"},
                             {"administrationYear", "2018-19"},
                             {"language", "ENG"},
                             {"format", "PDF"},
                             {"url", "https://planted.invalid/report.pdf"}};
  boost::json::object body{{"ssid", ssid}, {"reports", boost::json::array{report}}};
  const std::string text = boost::json::serialize(body);
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(text.size()) + "\r\n\r\n" + text;
}

std::string ssid_of(const boost::json::object &body) {
  const auto *ssid = body.if_contains("ssid");
  return ssid != nullptr && ssid->is_string() ? std::string(ssid->get_string()) : std::string{};
}

}  // namespace

response json_response(unsigned status, std::string body) {
  response res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, "application/json");
  res.body() = std::move(body);
  return res;
}

response json_error(unsigned status, std::string_view code, std::string_view message) {
  boost::json::object body;
  body["errorCode"] = code;
  body["message"] = message;
  return json_response(status, boost::json::serialize(body));
}

reply apply_fault(const fault_spec &fault, const std::function<reply()> &make_normal) {
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
      boost::json::object body;
      if (fault.error_code) {
        body["errorCode"] = *fault.error_code;
      }
      body["message"] =
          fault.message.value_or("Injected fault: HTTP " + std::to_string(fault.status));
      out.message = json_response(fault.status, boost::json::serialize(body));
      return out;
    }
    case fault_kind::rate_limited:
      out.message = json_error(fault.status, fault.error_code.value_or("RATE_LIMITED"),
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
    case fault_kind::huge_body: {
      // Valid JSON, so only the size is wrong: a client must reject it for its size alone.
      static constexpr std::string_view head = R"({"ssid":"0000000000","reports":[],"padding":")";
      static constexpr std::string_view tail = "\"}";
      std::string body;
      const std::size_t fill =
          fault.bytes > head.size() + tail.size() ? fault.bytes - head.size() - tail.size() : 0;
      body.reserve(fault.bytes);
      body += head;
      body.append(fill, 'x');
      body += tail;
      out.message = json_response(200, std::move(body));
      return out;
    }
    case fault_kind::token_expired:
      out.message =
          json_error(401, "NOT_AUTHORIZED", "You are not authorized to make this request");
      return out;
    case fault_kind::many_items:
      return edit_normal(make_normal, [&](boost::json::object &body) {
        auto *reports = body.if_contains("reports");
        if (reports == nullptr || !reports->is_array()) {
          return;
        }
        auto &items = reports->get_array();
        items.reserve(items.size() + fault.count);
        for (std::size_t i = 0; i < fault.count; ++i) {
          items.push_back(junk_item(i));
        }
      });
    case fault_kind::wrong_ssid:
      return edit_normal(make_normal, [&](boost::json::object &body) {
        if (body.contains("ssid")) {
          body["ssid"] = fault.answer_ssid.value_or(other_ssid(ssid_of(body)));
        }
      });
    case fault_kind::no_ssid:
      return edit_normal(make_normal, [](boost::json::object &body) { body.erase("ssid"); });
    case fault_kind::trailing_bytes: {
      out = make_normal();
      out.trailing_delay = fault.latency;
      if (fault.body) {
        out.trailing = *fault.body;
        return out;
      }
      boost::system::error_code ec;
      const boost::json::value body = boost::json::parse(out.message.body(), ec);
      out.trailing = planted_answer(!ec && body.is_object() ? ssid_of(body.get_object()) : "");
      return out;
    }
  }
  return out;
}

}  // namespace ssrlink::fake_ets
