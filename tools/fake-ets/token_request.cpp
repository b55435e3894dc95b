#include "token_request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <map>
#include <optional>
#include <string_view>

#include "query_string.hpp"

namespace ssrlink::fake_ets {
namespace {

constexpr std::string_view form_type = "application/x-www-form-urlencoded";

// The media type alone, trimmed and lower-case: "Application/X-WWW-Form-Urlencoded; charset=x"
// names the form type too.
std::string media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  std::string out;
  for (const char c : content_type) {
    if (c != ' ' && c != '\t') {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

// The body's fields as strings: a JSON object's string members, or a form's pairs.
using fields = std::map<std::string, std::string, std::less<>>;

std::optional<fields> json_fields(const request &req) {
  boost::system::error_code ec;
  const boost::json::value body = boost::json::parse(req.body(), ec);
  if (ec || !body.is_object()) {
    return std::nullopt;
  }
  fields out;
  for (const auto &member : body.get_object()) {
    if (member.value().is_string()) {
      out.emplace(std::string(member.key()), std::string(member.value().get_string()));
    }
  }
  return out;
}

fields form_fields(const request &req) {
  // A form body is encoded exactly like a query string, so the query string reader decodes it.
  const request_target parsed = parse_target("?" + req.body());
  return {parsed.query.begin(), parsed.query.end()};
}

std::string value_of(const fields &body, const std::string &name) {
  const auto found = body.find(name);
  return found == body.end() ? std::string{} : found->second;
}

}  // namespace

std::variant<token_credentials, std::string> read_token_request(const wire_profile &profile,
                                                                const request &req) {
  const auto &step = profile.token;
  fields body;
  if (step.encoding == token_encoding::json) {
    auto parsed = json_fields(req);
    if (!parsed) {
      return std::string("The body must be a JSON object");
    }
    body = std::move(*parsed);
  } else {
    if (media_type(req[http::field::content_type]) != form_type) {
      return "The body must be " + std::string(form_type) + ", not '" +
             std::string(req[http::field::content_type]) + "'";
    }
    body = form_fields(req);
  }
  for (const auto &[name, value] : step.constants) {
    const auto found = body.find(name);
    if (found == body.end() || found->second != value) {
      std::string problem = "The request needs ";
      problem.append(name).append(1, '=').append(value);
      return problem;
    }
  }
  return token_credentials{value_of(body, step.username_field),
                           value_of(body, step.secret_key_field)};
}

}  // namespace ssrlink::fake_ets
