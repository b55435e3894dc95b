/*
 * A C99 host that loads libssrlink.so with dlopen, the way an SIS does, and drives every
 * function with NULLs, garbage, malformed JSON, invalid UTF-8 and oversized input. Each check
 * must come back as a status plus a readable message; a crash fails the test.
 *
 * usage: ssrlink_abi_host <path to libssrlink.so> <scratch directory>
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <ssrlink/ssrlink.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAPABILITY_COUNT 12

typedef uint32_t (*abi_version_fn)(void);
typedef const char *(*status_name_fn)(int);
typedef int (*open_fn)(const ssrlink_host *, const char *, ssrlink_plugin **, ssrlink_buffer **);
typedef void (*close_fn)(ssrlink_plugin *);
typedef int (*call_fn)(ssrlink_plugin *, const char *, ssrlink_buffer **);
typedef const char *(*buffer_data_fn)(const ssrlink_buffer *);
typedef size_t (*buffer_size_fn)(const ssrlink_buffer *);
typedef void (*buffer_free_fn)(ssrlink_buffer *);

static struct {
  abi_version_fn abi_version;
  status_name_fn status_name;
  open_fn open;
  close_fn close;
  call_fn calls[CAPABILITY_COUNT];
  buffer_data_fn buffer_data;
  buffer_size_fn buffer_size;
  buffer_free_fn buffer_free;
} lib;

static const char *const call_names[CAPABILITY_COUNT] = {"ssrlink_reports",
                                                         "ssrlink_credentials_put",
                                                         "ssrlink_credentials_status",
                                                         "ssrlink_test_connection",
                                                         "ssrlink_sweep",
                                                         "ssrlink_credentials_reseal",
                                                         "ssrlink_notifications_list",
                                                         "ssrlink_notification_queue",
                                                         "ssrlink_check_mapping",
                                                         "ssrlink_ets_probe",
                                                         "ssrlink_settings_get",
                                                         "ssrlink_settings_put"};
static int passed, failed;

#define CHECK(cond, what)                                              \
  do {                                                                 \
    if (cond) {                                                        \
      ++passed;                                                        \
    } else {                                                           \
      ++failed;                                                        \
      fprintf(stderr, "FAILED %s:%d: %s\n", __FILE__, __LINE__, what); \
    }                                                                  \
  } while (0)

static void *need(void *handle, const char *name) {
  void *symbol = dlsym(handle, name);
  if (symbol == NULL) {
    fprintf(stderr, "missing symbol %s\n", name);
    exit(1);
  }
  return symbol;
}

/* Checks that a buffer holds {"error": ...} mentioning `needle`, then frees it. */
static void expect_error(ssrlink_buffer *buffer, const char *needle, const char *what) {
  const char *text = lib.buffer_data(buffer);
  CHECK(buffer != NULL, what);
  CHECK(strstr(text, "\"error\"") != NULL, what);
  if (needle != NULL && strstr(text, needle) == NULL) {
    fprintf(stderr, "  %s: expected \"%s\" in %s\n", what, needle, text);
    CHECK(0, what);
  }
  CHECK(lib.buffer_size(buffer) == strlen(text), "buffer size matches the text");
  lib.buffer_free(buffer);
}

/* Like expect_error, and the message must also say `problem` (unless NULL). */
static void expect_error_naming(ssrlink_buffer *buffer, const char *key, const char *problem,
                                const char *what) {
  const char *text = lib.buffer_data(buffer);
  if (problem != NULL && strstr(text, problem) == NULL) {
    fprintf(stderr, "  %s: expected \"%s\" in %s\n", what, problem, text);
    CHECK(0, what);
  }
  expect_error(buffer, key, what);
}

static int expect_open_fails(const ssrlink_host *host, const char *config, int status,
                             const char *needle, const char *what) {
  ssrlink_plugin *plugin = (ssrlink_plugin *)1; /* must be reset to NULL */
  ssrlink_buffer *error = NULL;
  int got = lib.open(host, config, &plugin, &error);
  if (got != status) {
    fprintf(stderr, "  %s: status %s, expected %s: %s\n", what, lib.status_name(got),
            lib.status_name(status), lib.buffer_data(error));
  }
  CHECK(got == status, what);
  CHECK(plugin == NULL, "no plugin on failure");
  expect_error(error, needle, what);
  return got;
}

static char *big_text(size_t size, char fill) {
  char *text = malloc(size + 1);
  if (text == NULL) {
    exit(1);
  }
  memset(text, fill, size);
  text[size] = '\0';
  return text;
}

static void library_functions(void) {
  int status;
  CHECK(lib.abi_version() == SSRLINK_ABI_VERSION, "ssrlink_abi_version matches the header");
  for (status = 0; status <= SSRLINK_UNAVAILABLE; ++status) {
    const char *name = lib.status_name(status);
    CHECK(name != NULL && strncmp(name, "SSRLINK_", 8) == 0, "every status has a name");
  }
  CHECK(strcmp(lib.status_name(SSRLINK_DATABASE), "SSRLINK_DATABASE") == 0, "status names");
  CHECK(strcmp(lib.status_name(-1), "SSRLINK_UNKNOWN_STATUS") == 0, "unknown negative status");
  CHECK(strcmp(lib.status_name(1000), "SSRLINK_UNKNOWN_STATUS") == 0, "unknown large status");
  CHECK(strcmp(lib.buffer_data(NULL), "") == 0, "buffer_data(NULL) is empty");
  CHECK(lib.buffer_size(NULL) == 0, "buffer_size(NULL) is 0");
  lib.buffer_free(NULL);
  lib.close(NULL);
}

static void open_rejects_bad_input(const char *scratch) {
  char config[2048];
  ssrlink_host host;
  struct {
    ssrlink_host host;
    unsigned char future[16];
  } newer;
  char *huge;

  CHECK(lib.open(NULL, "{}", NULL, NULL) == SSRLINK_INVALID_ARGUMENT, "NULL out_plugin");
  expect_open_fails(NULL, NULL, SSRLINK_INVALID_ARGUMENT, "config_json is NULL", "NULL config");
  expect_open_fails(NULL, "{\"odbc\": ", SSRLINK_INVALID_ARGUMENT, "not valid JSON",
                    "truncated JSON");
  expect_open_fails(NULL, "[1, 2]", SSRLINK_INVALID_ARGUMENT, "JSON object", "array config");
  expect_open_fails(NULL, "{\"odbc\": \"\xff\xfe\"}", SSRLINK_INVALID_ARGUMENT, "not valid UTF-8",
                    "invalid UTF-8 names the key");
  expect_open_fails(NULL, "{\"odbc\": \"\xff\xfe\"}", SSRLINK_INVALID_ARGUMENT, "\\\"odbc\\\"",
                    "invalid UTF-8 names the key");
  expect_open_fails(NULL, "{\"odbc\": 5}", SSRLINK_CONFIG, "\\\"odbc\\\" must be a string",
                    "wrong type");
  snprintf(config, sizeof config,
           "{\"odbc\": \"DSN=x\", \"seal_key_file\": \"%s/seal.key\", \"colour\": 1,"
           " \"ets\": {\"base_url\": \"https://ets.invalid/api/v1\", \"link_hosts\": [\"a.b\"]}}",
           scratch);
  expect_open_fails(NULL, config, SSRLINK_CONFIG, "colour", "unknown key named");
  snprintf(config, sizeof config,
           "{\"odbc\": \"DSN=x\", \"seal_key_file\": \"%s/seal.key\", \"ets\": {\"base_url\":"
           " \"https://ets.invalid/api/v1\", \"link_hosts\": [\"a.b\"], \"ca_file\": "
           "\"%s/no-such-ca.pem\"}}",
           scratch, scratch);
  expect_open_fails(NULL, config, SSRLINK_CONFIG, "no-such-ca.pem", "missing CA file named");
  snprintf(config, sizeof config,
           "{\"odbc\": \"DSN=x\", \"seal_key_file\": \"%s/seal.key\", \"ets\": {\"base_url\":"
           " \"http://ets.invalid/api/v1\", \"link_hosts\": [\"a.b\"]}}",
           scratch);
  expect_open_fails(NULL, config, SSRLINK_CONFIG, "https", "plain http refused");

  huge = big_text(1024 * 1024, ' ');
  expect_open_fails(NULL, huge, SSRLINK_INVALID_ARGUMENT, "larger than", "1 MiB config");
  free(huge);

  memset(&host, 0, sizeof host);
  expect_open_fails(&host, "{}", SSRLINK_INVALID_ARGUMENT, "struct_size", "struct_size 0");
  /* 20 ends inside the log pointer: the library would read half a function pointer. */
  host.struct_size = 20;
  expect_open_fails(&host, "{}", SSRLINK_INVALID_ARGUMENT, "struct_size", "struct_size 20");
  memset(&newer, 0, sizeof newer);
  newer.host.struct_size = (uint32_t)sizeof newer;
  newer.future[3] = 1;
  expect_open_fails(&newer.host, "{}", SSRLINK_INVALID_ARGUMENT, "does not know",
                    "unknown non-zero host fields");
}

static int log_lines;
static void count_log(void *context, int32_t level, const char *message, size_t length) {
  (void)context;
  (void)level;
  if (message != NULL && strlen(message) == length) {
    ++log_lines;
  }
}

/* Checks that a call on `request` is refused with SSRLINK_INVALID_ARGUMENT and an error naming
 * `key` and saying `problem`. */
static void expect_refused(call_fn call, ssrlink_plugin *plugin, const char *request,
                           const char *key, const char *problem, const char *what) {
  ssrlink_buffer *out = NULL;
  int status = call(plugin, request, &out);
  if (status != SSRLINK_INVALID_ARGUMENT) {
    fprintf(stderr, "  %s: status %s: %s\n", what, lib.status_name(status), lib.buffer_data(out));
  }
  CHECK(status == SSRLINK_INVALID_ARGUMENT, what);
  expect_error_naming(out, key, problem, what);
}

/* Every call but ssrlink_reports names its actor. */
static void actors_are_required(ssrlink_plugin *plugin) {
  int i;
  for (i = 1; i < CAPABILITY_COUNT; ++i) {
    expect_refused(lib.calls[i], plugin, "{}", "\\\"actor\\\"", NULL, call_names[i]);
  }
}

/* A page request whose viewer.user_id is `user_id` (JSON string contents, escapes allowed). */
static void page_request(char *request, size_t size, const char *user_id) {
  snprintf(request, size,
           "{\"student_id\": 1, \"viewer\": {\"role\": \"admin\", \"user_id\": \"%s\","
           " \"permitted\": true}}",
           user_id);
}

/* A credentials status request whose actor.user_id is `user_id`. */
static void actor_request(char *request, size_t size, const char *user_id) {
  snprintf(request, size, "{\"actor\": {\"role\": \"admin\", \"user_id\": \"%s\"}}", user_id);
}

/* User IDs reach the audit trail, the log and C strings in the host: NUL, control characters,
 * invalid UTF-8 and over-long values are refused, naming the key. */
static void identifiers_are_checked(ssrlink_plugin *plugin) {
  char request[1024];
  char id_128[129];
  char id_129[130];
  ssrlink_buffer *out = NULL;
  int status;

  memset(id_128, 'u', 128);
  id_128[128] = '\0';
  memset(id_129, 'u', 129);
  id_129[129] = '\0';

  page_request(request, sizeof request, "ab\\u0000cd");
  expect_refused(lib.calls[0], plugin, request, "viewer.user_id", "NUL", "user_id with NUL");
  page_request(request, sizeof request, id_129);
  expect_refused(lib.calls[0], plugin, request, "viewer.user_id", NULL, "129-byte user_id");
  page_request(request, sizeof request, "ab\\r\\ncd");
  expect_refused(lib.calls[0], plugin, request, "viewer.user_id", NULL, "user_id with CR/LF");
  page_request(request, sizeof request,
               "ab\xff"
               "cd");
  expect_refused(lib.calls[0], plugin, request, "viewer.user_id", "not valid UTF-8",
                 "user_id with a raw 0xFF byte");

  /* 128 bytes is the limit, not past it: the request gets as far as the (empty) database. */
  page_request(request, sizeof request, id_128);
  status = lib.calls[0](plugin, request, &out);
  CHECK(status != SSRLINK_INVALID_ARGUMENT, "128-byte user_id accepted");
  lib.buffer_free(out);

  actor_request(request, sizeof request, "ab\\u0000cd");
  expect_refused(lib.calls[2], plugin, request, "actor.user_id", "NUL", "actor with NUL");
  actor_request(request, sizeof request, id_129);
  expect_refused(lib.calls[2], plugin, request, "actor.user_id", NULL, "129-byte actor");
  actor_request(request, sizeof request, "ab\\r\\ncd");
  expect_refused(lib.calls[2], plugin, request, "actor.user_id", NULL, "actor with CR/LF");
  actor_request(request, sizeof request,
                "ab\xc3"
                "cd");
  expect_refused(lib.calls[2], plugin, request, "actor.user_id", "not valid UTF-8",
                 "actor with a truncated UTF-8 sequence");
}

static void capabilities_reject_bad_input(const char *scratch) {
  char config[2048];
  struct {
    ssrlink_host host;
    unsigned char future[16];
  } newer;
  ssrlink_plugin *plugin = NULL;
  ssrlink_buffer *out = NULL;
  ssrlink_buffer *error = NULL;
  char *huge;
  int i, status;

  snprintf(config, sizeof config,
           "{\"odbc\": \"DRIVER=SQLite3;Database=%s/abi.db\", \"seal_key_file\": "
           "\"%s/seal.key\", \"ets\": {\"base_url\": \"https://127.0.0.1:9/api/v1\","
           " \"link_hosts\": [\"127.0.0.1\"], \"timeout_ms\": 500}}",
           scratch, scratch);
  /* A host compiled against a newer header: larger struct, zero tail, is accepted. */
  memset(&newer, 0, sizeof newer);
  newer.host.struct_size = (uint32_t)sizeof newer;
  newer.host.log = count_log;
  status = lib.open(&newer.host, config, &plugin, &error);
  if (status != SSRLINK_OK) {
    fprintf(stderr, "  open: %s %s\n", lib.status_name(status), lib.buffer_data(error));
  }
  CHECK(status == SSRLINK_OK && plugin != NULL, "a valid configuration opens");
  CHECK(error == NULL, "no error buffer on success");
  if (plugin == NULL) {
    return;
  }
  huge = big_text(1024 * 1024, 'x');
  huge[0] = '{';
  for (i = 0; i < CAPABILITY_COUNT; ++i) {
    const char *what = call_names[i];
    CHECK(lib.calls[i](plugin, "{}", NULL) == SSRLINK_INVALID_ARGUMENT, "NULL out");
    CHECK(lib.calls[i](NULL, "{}", &out) == SSRLINK_INVALID_ARGUMENT, "NULL plugin");
    expect_error(out, "plugin is NULL", what);
    out = NULL;
    CHECK(lib.calls[i](plugin, NULL, &out) == SSRLINK_INVALID_ARGUMENT, "NULL request");
    expect_error(out, "request_json is NULL", what);
    out = NULL;
    CHECK(lib.calls[i](plugin, huge, &out) == SSRLINK_INVALID_ARGUMENT, "1 MiB request");
    expect_error(out, "larger than", what);
    out = NULL;
    status = lib.calls[i](plugin, "{\"student_id\": \"\xc3\x28\"}", &out);
    CHECK(status == SSRLINK_INVALID_ARGUMENT, "invalid UTF-8 request refused");
    expect_error_naming(out, "student_id", "not valid UTF-8", what);
    out = NULL;
    status = lib.calls[i](plugin, "not json", &out);
    CHECK(status != SSRLINK_OK, "malformed request refused");
    expect_error(out, NULL, what);
    out = NULL;
  }
  free(huge);
  actors_are_required(plugin);
  identifiers_are_checked(plugin);
  lib.close(plugin);
}

/* Hosts built against older headers: the first that had now_ms (struct_size ends before
 * progress), 1.0 (ends before flags), and a 1.1 host that counts no tail padding. */
static void older_host_struct_opens(const char *scratch) {
  char config[2048];
  ssrlink_host host;
  ssrlink_plugin *plugin = NULL;
  ssrlink_buffer *error = NULL;
  int status;
  size_t i;
  const size_t sizes[] = {offsetof(ssrlink_host, now_ms), offsetof(ssrlink_host, flags),
                          offsetof(ssrlink_host, flags) + sizeof(uint32_t)};

  snprintf(config, sizeof config,
           "{\"odbc\": \"DRIVER=SQLite3;Database=%s/abi.db\", \"seal_key_file\": "
           "\"%s/seal.key\", \"ets\": {\"base_url\": \"https://127.0.0.1:9/api/v1\","
           " \"link_hosts\": [\"127.0.0.1\"], \"timeout_ms\": 500}}",
           scratch, scratch);
  for (i = 0; i < sizeof sizes / sizeof sizes[0]; ++i) {
    memset(&host, 0, sizeof host);
    host.struct_size = (uint32_t)sizes[i];
    host.log = count_log;
    plugin = NULL;
    error = NULL;
    status = lib.open(&host, config, &plugin, &error);
    if (status != SSRLINK_OK) {
      fprintf(stderr, "  open with struct_size %u: %s %s\n", (unsigned)sizes[i],
              lib.status_name(status), lib.buffer_data(error));
      lib.buffer_free(error);
    }
    CHECK(status == SSRLINK_OK && plugin != NULL, "an older header's struct_size opens");
    lib.close(plugin);
  }
  /* Inside flags: refused like any size that does not end on a field. */
  memset(&host, 0, sizeof host);
  host.struct_size = (uint32_t)(offsetof(ssrlink_host, flags) + 2);
  expect_open_fails(&host, config, SSRLINK_INVALID_ARGUMENT, "struct_size", "struct_size in flags");
}

int main(int argc, char **argv) {
  void *handle;
  if (argc != 3) {
    fprintf(stderr, "usage: %s <libssrlink.so> <scratch directory>\n", argv[0]);
    return 2;
  }
  handle = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    fprintf(stderr, "dlopen failed: %s\n", dlerror());
    return 1;
  }
  *(void **)&lib.abi_version = need(handle, "ssrlink_abi_version");
  *(void **)&lib.status_name = need(handle, "ssrlink_status_name");
  *(void **)&lib.open = need(handle, "ssrlink_open");
  *(void **)&lib.close = need(handle, "ssrlink_close");
  *(void **)&lib.calls[0] = need(handle, "ssrlink_reports");
  *(void **)&lib.calls[1] = need(handle, "ssrlink_credentials_put");
  *(void **)&lib.calls[2] = need(handle, "ssrlink_credentials_status");
  *(void **)&lib.calls[3] = need(handle, "ssrlink_test_connection");
  *(void **)&lib.calls[4] = need(handle, "ssrlink_sweep");
  *(void **)&lib.calls[5] = need(handle, "ssrlink_credentials_reseal");
  *(void **)&lib.calls[6] = need(handle, "ssrlink_notifications_list");
  *(void **)&lib.calls[7] = need(handle, "ssrlink_notification_queue");
  *(void **)&lib.calls[8] = need(handle, "ssrlink_check_mapping");
  *(void **)&lib.calls[9] = need(handle, "ssrlink_ets_probe");
  *(void **)&lib.calls[10] = need(handle, "ssrlink_settings_get");
  *(void **)&lib.calls[11] = need(handle, "ssrlink_settings_put");
  *(void **)&lib.buffer_data = need(handle, "ssrlink_buffer_data");
  *(void **)&lib.buffer_size = need(handle, "ssrlink_buffer_size");
  *(void **)&lib.buffer_free = need(handle, "ssrlink_buffer_free");

  library_functions();
  open_rejects_bad_input(argv[2]);
  capabilities_reject_bad_input(argv[2]);
  older_host_struct_opens(argv[2]);

  printf("abi host: %d passed, %d failed\n", passed, failed);
  /* No dlclose: the ODBC driver manager loaded with the library keeps a few allocations until
   * exit, and LeakSanitizer can only attribute (and suppress) them while it stays mapped. */
  return failed == 0 ? 0 : 1;
}
