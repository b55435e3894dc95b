/* A host as a user of the installed package writes it: it includes <ssrlink/ssrlink.h>, links
 * libssrlink (no dlopen) and uses what works without a database or ETS:
 *
 *   1. the library's ABI version equals the header's;
 *   2. status codes have their names;
 *   3. a valid configuration with one unknown key more is refused with SSRLINK_CONFIG and a
 *      sentence naming the key;
 *   4. the minimal valid configuration opens (the database is first contacted on the first call),
 *      creates the seal key file with mode 0600 and logs that, then closes.
 *
 *   host <scratch directory>
 *
 * Each line printed is checked by run_consumer_test.sh; the exit code is 0 only when every
 * rule held. */
#define _POSIX_C_SOURCE 200809L
#include <ssrlink/ssrlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int log_lines = 0;

static void count_log(void *context, int32_t level, const char *message, size_t length) {
  (void)context;
  (void)level;
  (void)message;
  (void)length;
  ++log_lines;
}

/* The minimal configuration (docs/abi.md, "config_json") over files in `dir`, with `extra`
 * members appended; 0 when it does not fit in `out`. ETS is never asked: no call is made. */
static int write_config(char *out, size_t size, const char *dir, const char *extra) {
  int n = snprintf(out, size,
                   "{\"odbc\": \"DRIVER=SQLite3;Database=%s/none.db\", "
                   "\"seal_key_file\": \"%s/seal.key\", "
                   "\"ets\": {\"base_url\": \"https://ets.invalid/api/v1\", "
                   "\"link_hosts\": [\"ets.invalid\"]}%s}",
                   dir, dir, extra);
  return n > 0 && (size_t)n < size;
}

int main(int argc, char **argv) {
  char config[2048];
  char seal_key[1024];
  struct stat key_stat;
  ssrlink_host host;
  ssrlink_plugin *plugin = NULL;
  ssrlink_buffer *error = NULL;
  int status;

  if (argc != 2 || !write_config(config, sizeof config, argv[1], "") ||
      snprintf(seal_key, sizeof seal_key, "%s/seal.key", argv[1]) >= (int)sizeof seal_key) {
    fprintf(stderr, "usage: %s <scratch directory, a short path without quotes>\n", argv[0]);
    return 2;
  }

  /* 1. */
  printf("abi %u, header %d.%d.%d\n", (unsigned)ssrlink_abi_version(), SSRLINK_VERSION_MAJOR,
         SSRLINK_VERSION_MINOR, SSRLINK_VERSION_PATCH);
  if (ssrlink_abi_version() != SSRLINK_ABI_VERSION) {
    fprintf(stderr, "the library's ABI is not the header's\n");
    return 1;
  }

  /* 2. */
  printf("status %d is %s\n", SSRLINK_DATABASE, ssrlink_status_name(SSRLINK_DATABASE));

  /* 3. */
  {
    char unknown[2048];
    if (!write_config(unknown, sizeof unknown, argv[1], ", \"no_such_key\": 1")) {
      return 2;
    }
    status = ssrlink_open(NULL, unknown, &plugin, &error);
    printf("unknown key: %s, names it: %s\n", ssrlink_status_name(status),
           strstr(ssrlink_buffer_data(error), "no_such_key") != NULL ? "yes" : "no");
    ssrlink_buffer_free(error);
    error = NULL;
    if (status != SSRLINK_CONFIG || plugin != NULL) {
      return 1;
    }
  }

  /* 4. */
  memset(&host, 0, sizeof host);
  host.struct_size = sizeof host;
  host.log = count_log;
  status = ssrlink_open(&host, config, &plugin, &error);
  printf("open: %s\n", ssrlink_status_name(status));
  if (status != SSRLINK_OK) {
    fprintf(stderr, "%s\n", ssrlink_buffer_data(error));
    ssrlink_buffer_free(error);
    return 1;
  }
  if (stat(seal_key, &key_stat) != 0) {
    fprintf(stderr, "no seal key file at %s\n", seal_key);
    return 1;
  }
  printf("seal key mode %03o, logged: %s\n", (unsigned)(key_stat.st_mode & 0777),
         log_lines > 0 ? "yes" : "no");
  ssrlink_close(plugin);
  printf("closed\n");
  return 0;
}
