/* Compiles ssrlink.h alone, as the only include, under -Wall -Wextra -Wpedantic (-Werror with
 * SSRLINK_WERROR=ON). */
#include <ssrlink/ssrlink.h>

/* The version lines the build reads must agree with the ABI version (a negative array size
 * fails the compile in C99, which has no static_assert). */
typedef char
    ssrlink_major_is_the_abi_version[SSRLINK_VERSION_MAJOR == SSRLINK_ABI_VERSION ? 1 : -1];

int ssrlink_header_check(void);

int ssrlink_header_check(void) {
  ssrlink_host host = {0};
  host.struct_size = (uint32_t)sizeof host;
  host.flags = SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD;
  return SSRLINK_ABI_VERSION == 1 && host.log == NULL ? SSRLINK_OK : SSRLINK_INTERNAL;
}
