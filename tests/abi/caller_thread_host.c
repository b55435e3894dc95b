/*
 * A C11 host that checks on which threads the library calls it back, against the real library
 * (dlopen), a real SQLite district over ODBC and fake-ets over TLS (tests/abi/with_district.sh).
 *
 * The host marks a thread as "inside a call" (a thread-local flag) for exactly the time it is in
 * an ssrlink_* function, and every callback (log, now_ms, progress) records whether its thread
 * was so marked. The calls make ETS I/O: storing the demo TOMS pair, a test connection (a new
 * TLS connection and a token, on the calling thread, which runs its own ETS I/O), pages from two
 * host threads at once and a dry-run sweep (its calls on the library's I/O thread, report lists
 * decoded on its decoder thread).
 *
 *   caller-thread  sets SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD and fails unless every callback
 *                  ran on a thread inside a call, and the line the I/O thread logs for each new
 *                  ETS connection was delivered before the call that caused it returned;
 *   any-thread     sets no flag and fails unless that line (and a now_ms) came on a thread that
 *                  was not inside a call: proof that the first mode's check can fail.
 *
 * usage: caller_thread_host <libssrlink.so> caller-thread|any-thread
 *        (SSRLINK_TEST_CONFIG holds the configuration JSON)
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <pthread.h>
#include <ssrlink/ssrlink.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int (*open_fn)(const ssrlink_host *, const char *, ssrlink_plugin **, ssrlink_buffer **);
typedef void (*close_fn)(ssrlink_plugin *);
typedef int (*call_fn)(ssrlink_plugin *, const char *, ssrlink_buffer **);
typedef const char *(*buffer_data_fn)(const ssrlink_buffer *);
typedef void (*buffer_free_fn)(ssrlink_buffer *);

static struct {
  open_fn open;
  close_fn close;
  call_fn reports, credentials_put, test_connection, sweep;
  buffer_data_fn buffer_data;
  buffer_free_fn buffer_free;
} lib;

enum { LOG, NOW, PROGRESS, KINDS };
static const char *const kind_names[KINDS] = {"log", "now_ms", "progress"};

/* Set while this thread is inside an ssrlink_* call (and only then). */
static _Thread_local int inside_call;

static atomic_int callbacks[KINDS];
static atomic_int off_call[KINDS];
/* The line for each new ETS connection ("ETS connection opened (n open)"), logged by the thread
 * that runs the ETS I/O: the caller's for a blocking call, the library's I/O thread for a
 * sweep's calls. */
static atomic_int connection_lines;
static atomic_int connection_lines_off_call;
static pthread_mutex_t sample_lock = PTHREAD_MUTEX_INITIALIZER;
static char off_call_sample[KINDS][256]; /* the first off-call callback of each kind */

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

static void record(int kind, const char *text) {
  atomic_fetch_add(&callbacks[kind], 1);
  if (!inside_call) {
    atomic_fetch_add(&off_call[kind], 1);
    pthread_mutex_lock(&sample_lock);
    if (off_call_sample[kind][0] == '\0') {
      snprintf(off_call_sample[kind], sizeof off_call_sample[kind], "%s", text);
    }
    pthread_mutex_unlock(&sample_lock);
  }
}

static void on_log(void *context, int32_t level, const char *message, size_t length) {
  (void)context;
  (void)level;
  (void)length;
  record(LOG, message);
  if (strstr(message, "ETS connection opened") != NULL) {
    atomic_fetch_add(&connection_lines, 1);
    if (!inside_call) {
      atomic_fetch_add(&connection_lines_off_call, 1);
    }
  }
}

static int64_t on_now_ms(void *context) {
  struct timespec now;
  (void)context;
  record(NOW, "now_ms");
  clock_gettime(CLOCK_REALTIME, &now);
  return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void on_progress(void *context, const char *progress_json, size_t length) {
  (void)context;
  (void)length;
  record(PROGRESS, progress_json);
}

/* One call, with this thread marked as inside it; returns the status, frees the result unless
 * `keep` (then the caller frees it). */
static int call(call_fn fn, ssrlink_plugin *plugin, const char *request, ssrlink_buffer **keep) {
  ssrlink_buffer *out = NULL;
  int status;
  inside_call = 1;
  status = fn(plugin, request, &out);
  inside_call = 0;
  if (status != SSRLINK_OK) {
    fprintf(stderr, "  %s -> %d: %s\n", request, status, lib.buffer_data(out));
  }
  if (keep != NULL) {
    *keep = out;
  } else {
    lib.buffer_free(out);
  }
  return status;
}

static void *need(void *handle, const char *name) {
  void *symbol = dlsym(handle, name);
  if (symbol == NULL) {
    fprintf(stderr, "missing symbol %s\n", name);
    exit(1);
  }
  return symbol;
}

static ssrlink_plugin *shared_plugin;

/* A host request thread: pages of several students, as an admin. */
static void *page_thread(void *arg) {
  int first = *(const int *)arg;
  int i;
  char request[256];
  for (i = 0; i < 4; ++i) {
    snprintf(request, sizeof request,
             "{\"student_id\": %d, \"viewer\": {\"role\": \"admin\", \"user_id\": \"abi-test\"}}",
             first + i);
    if (call(lib.reports, shared_plugin, request, NULL) != SSRLINK_OK) {
      return (void *)1;
    }
  }
  return NULL;
}

static void unknown_flags_are_refused(const char *config) {
  ssrlink_host host;
  ssrlink_plugin *plugin = NULL;
  ssrlink_buffer *error = NULL;
  int status;
  memset(&host, 0, sizeof host);
  host.struct_size = (uint32_t)sizeof host;
  host.flags = SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD | 0x80u;
  status = lib.open(&host, config, &plugin, &error);
  CHECK(status == SSRLINK_INVALID_ARGUMENT, "an unknown flag bit is SSRLINK_INVALID_ARGUMENT");
  CHECK(plugin == NULL, "no handle for an unknown flag bit");
  CHECK(strstr(lib.buffer_data(error), "ssrlink_host.flags") != NULL &&
            strstr(lib.buffer_data(error), "0x80") != NULL,
        "the refusal names ssrlink_host.flags and the unknown bit");
  lib.buffer_free(error);
}

int main(int argc, char **argv) {
  void *handle;
  const char *config = getenv("SSRLINK_TEST_CONFIG");
  int caller_thread_mode;
  ssrlink_host host;
  ssrlink_plugin *plugin = NULL;
  ssrlink_buffer *error = NULL;
  ssrlink_buffer *out = NULL;
  pthread_t threads[2];
  int firsts[2] = {1001, 1010};
  void *thread_result;
  int i, status, lines_before;

  if (argc != 3 || config == NULL ||
      (strcmp(argv[2], "caller-thread") != 0 && strcmp(argv[2], "any-thread") != 0)) {
    fprintf(stderr, "usage: SSRLINK_TEST_CONFIG=... %s <libssrlink.so> caller-thread|any-thread\n",
            argv[0]);
    return 2;
  }
  caller_thread_mode = strcmp(argv[2], "caller-thread") == 0;
  handle = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    fprintf(stderr, "dlopen failed: %s\n", dlerror());
    return 1;
  }
  *(void **)&lib.open = need(handle, "ssrlink_open");
  *(void **)&lib.close = need(handle, "ssrlink_close");
  *(void **)&lib.reports = need(handle, "ssrlink_reports");
  *(void **)&lib.credentials_put = need(handle, "ssrlink_credentials_put");
  *(void **)&lib.test_connection = need(handle, "ssrlink_test_connection");
  *(void **)&lib.sweep = need(handle, "ssrlink_sweep");
  *(void **)&lib.buffer_data = need(handle, "ssrlink_buffer_data");
  *(void **)&lib.buffer_free = need(handle, "ssrlink_buffer_free");

  unknown_flags_are_refused(config);

  memset(&host, 0, sizeof host);
  host.struct_size = (uint32_t)sizeof host;
  host.log = on_log;
  host.now_ms = on_now_ms;
  host.progress = on_progress;
  host.flags = caller_thread_mode ? SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD : 0;
  inside_call = 1;
  status = lib.open(&host, config, &plugin, &error);
  inside_call = 0;
  if (status != SSRLINK_OK) {
    fprintf(stderr, "open: %d %s\n", status, lib.buffer_data(error));
    return 1;
  }

  CHECK(call(lib.credentials_put, plugin,
             "{\"scope\": \"district\", \"username\": \"demo-district\", \"secret_key\": "
             "\"DemoSecretKey-0123456789\", \"actor\": {\"role\": \"system\", \"user_id\": "
             "\"abi-test\"}}",
             NULL) == SSRLINK_OK,
        "credentials_put");
  lines_before = atomic_load(&connection_lines);
  status = call(lib.test_connection, plugin,
                "{\"scope\": \"district\", \"actor\": {\"role\": \"system\", \"user_id\": "
                "\"abi-test\"}}",
                &out);
  CHECK(status == SSRLINK_OK && strstr(lib.buffer_data(out), "\"ok\":true") != NULL,
        "test_connection reaches fake-ets");
  if (strstr(lib.buffer_data(out), "\"ok\":true") == NULL) {
    fprintf(stderr, "  test_connection: %s\n", lib.buffer_data(out));
  }
  lib.buffer_free(out);
  /* The call opened a connection and said so; the line must have been delivered before
   * test_connection returned, not later. */
  CHECK(atomic_load(&connection_lines) > lines_before,
        "the connection line arrived before test_connection returned");

  shared_plugin = plugin;
  for (i = 0; i < 2; ++i) {
    CHECK(pthread_create(&threads[i], NULL, page_thread, &firsts[i]) == 0, "pthread_create");
  }
  for (i = 0; i < 2; ++i) {
    pthread_join(threads[i], &thread_result);
    CHECK(thread_result == NULL, "pages from two host threads at once");
  }
  CHECK(call(lib.sweep, plugin,
             "{\"scope\": \"district\", \"dry_run\": true, \"actor\": {\"role\": \"system\", "
             "\"user_id\": \"abi-test\"}}",
             NULL) == SSRLINK_OK,
        "a dry-run sweep");

  inside_call = 1;
  lib.close(plugin);
  inside_call = 0;

  printf(
      "callbacks: %d log (%d off a call), %d now_ms (%d off a call), %d progress (%d off a "
      "call); %d connection lines (%d off a call)\n",
      atomic_load(&callbacks[LOG]), atomic_load(&off_call[LOG]), atomic_load(&callbacks[NOW]),
      atomic_load(&off_call[NOW]), atomic_load(&callbacks[PROGRESS]),
      atomic_load(&off_call[PROGRESS]), atomic_load(&connection_lines),
      atomic_load(&connection_lines_off_call));
  CHECK(atomic_load(&callbacks[LOG]) > 0, "log lines arrived");
  CHECK(atomic_load(&callbacks[NOW]) > 0, "now_ms was asked");
  CHECK(atomic_load(&callbacks[PROGRESS]) > 0, "the sweep reported progress");
  CHECK(atomic_load(&connection_lines) > 0, "the I/O thread's connection lines arrived");
  if (caller_thread_mode) {
    for (i = 0; i < KINDS; ++i) {
      if (atomic_load(&off_call[i]) != 0) {
        fprintf(stderr, "  %d %s callbacks ran on a thread outside any ssrlink call, first: %s\n",
                atomic_load(&off_call[i]), kind_names[i], off_call_sample[i]);
      }
      CHECK(atomic_load(&off_call[i]) == 0, "every callback ran inside an ssrlink call");
    }
  } else {
    CHECK(atomic_load(&connection_lines_off_call) > 0,
          "without the flag the I/O thread logs from its own thread");
    CHECK(atomic_load(&off_call[NOW]) > 0, "without the flag the I/O thread asks now_ms itself");
  }
  printf("caller thread host (%s): %d passed, %d failed\n", argv[2], passed, failed);
  return failed == 0 ? 0 : 1;
}
