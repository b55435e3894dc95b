#include "fault_reply.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace ssrlink::fake_ets {

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
      if (fault.error_code)
        body["errorCode"] = *fault.error_code;
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
  }
  return out;
}

}  // namespace ssrlink::fake_ets
