// The error-code table of the wire profile applied to an answer, and the one way ssrlink quotes an
// answer's body in a log detail. Shared by the token exchange (wire.cpp) and the report list
// (wire_reports.cpp): a non-2xx answer means the same thing whichever endpoint gave it.
#include <algorithm>

#include "wire.hpp"
#include "wire_json.hpp"

namespace ssrlink::ets::wire {
namespace {

std::string status_prefix(int http_status) {
  return "HTTP " + std::to_string(http_status);
}

}  // namespace

std::string body_excerpt(std::string_view body) {
  std::string out;
  out.reserve(std::min(body.size(), detail_excerpt_chars));
  bool last_space = false;
  for (std::size_t i = 0; i < body.size() && out.size() < detail_excerpt_chars; ++i) {
    const auto u = static_cast<unsigned char>(body[i]);
    const bool space = u < 0x20 || u == 0x7f || u == ' ';
    if (space) {
      if (!last_space && !out.empty()) {
        out.push_back(' ');
      }
      last_space = true;
      continue;
    }
    last_space = false;
    // Bytes >= 0x80 are kept only as '?' so the log never receives invalid UTF-8.
    out.push_back(u >= 0x80 ? '?' : static_cast<char>(u));
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

core::ets_failure map_error(const profile &p, int http_status, std::string_view body) {
  std::optional<std::string> code;
  if (body.size() <= max_small_answer_bytes) {
    if (const auto v = internal::parse_json(body); v && v->is_object()) {
      code = internal::string_field(v->get_object(), p.errors.code);
    }
  }
  if (code) {
    for (const auto &[known, error] : p.errors.codes) {
      if (known == *code) {
        return core::ets_failure{error, core::ets_fault::answered, http_status,
                                 status_prefix(http_status) + " " + body_excerpt(known)};
      }
    }
  }
  std::string detail = status_prefix(http_status);
  if (code) {
    detail += " unknown " + dotted(p.errors.code) + " " + body_excerpt(*code);
  }
  const std::string excerpt = body_excerpt(body);
  detail += excerpt.empty() ? std::string(": empty body") : ": " + excerpt;
  const auto fault = (http_status == 429 || http_status == 503) ? core::ets_fault::rate_limited
                                                                : core::ets_fault::bad_response;
  return core::ets_failure{core::ets_error::processing_error, fault, http_status,
                           std::move(detail)};
}

}  // namespace ssrlink::ets::wire
