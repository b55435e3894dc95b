/* Compiles ssrlink.h alone, as the only include, under -Wall -Wextra -Wpedantic -Werror. */
#include <ssrlink/ssrlink.h>

int ssrlink_header_check(void);

int ssrlink_header_check(void) {
  ssrlink_host host = {0};
  host.struct_size = (uint32_t)sizeof host;
  return SSRLINK_ABI_VERSION == 1 && host.log == NULL ? SSRLINK_OK : SSRLINK_INTERNAL;
}
