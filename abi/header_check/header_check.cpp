// Compiles ssrlink.h alone as C++20 under -Wall -Wextra -Wpedantic -Werror.
#include <ssrlink/ssrlink.h>

static_assert(SSRLINK_ABI_VERSION == 1);

int ssrlink_header_check_cxx();
int ssrlink_header_check_cxx() {
  ssrlink_host host{};
  host.struct_size = sizeof host;
  return host.now_ms == nullptr ? SSRLINK_OK : SSRLINK_INTERNAL;
}
