// Fuzzes the token response parser and the error mapper with any status and body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ets/wire.hpp"
#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  using namespace ssrlink::ets;
  if (size < 1) {
    return 0;
  }
  // The first byte picks the HTTP status, so 200 and the error paths are both explored.
  static constexpr int statuses[] = {200, 200, 200, 200, 401, 403, 404, 429, 500, 502, 503, 504};
  const int status = statuses[data[0] % (sizeof statuses / sizeof statuses[0])];
  const std::string_view body(reinterpret_cast<const char *>(data + 1), size - 1);
  const auto r = wire::parse_token_response(wire::default_profile(), status, body);
  if (const auto *g = std::get_if<wire::token_grant>(&r)) {
    fuzz::require(status == 200 && !g->token.empty());
    fuzz::require(g->expires_in.count() > 0 && g->expires_in.count() <= 86400);
    for (const char c : g->token) {
      fuzz::require(c > 0x20 && c < 0x7f);
    }
  } else {
    fuzz::check_failure(std::get<ssrlink::core::ets_failure>(r));
  }
  fuzz::check_failure(wire::map_error(wire::default_profile(), status, body));
  return 0;
}
