// Compiles ssrlink.h alone as C++20 under -Wall -Wextra -Wpedantic (-Werror with
// SSRLINK_WERROR=ON).
#include <ssrlink/ssrlink.h>

static_assert(SSRLINK_ABI_VERSION == 1);
static_assert(SSRLINK_VERSION_MAJOR == SSRLINK_ABI_VERSION);
static_assert(SSRLINK_VERSION_MINOR >= 1, "ssrlink_host.flags was appended in 1.1");

int ssrlink_header_check_cxx();
int ssrlink_header_check_cxx() {
  ssrlink_host host{};
  host.struct_size = sizeof host;
  host.flags = SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD;
  return host.now_ms == nullptr ? SSRLINK_OK : SSRLINK_INTERNAL;
}
