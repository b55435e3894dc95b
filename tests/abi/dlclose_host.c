/*
 * A careless host: it dlopens the library, opens a handle, makes an ETS call (so the library's
 * I/O thread holds a kept-alive TLS connection to fake-ets), then dlcloses the library WITHOUT
 * ssrlink_close and carries on. fake-ets is then stopped, which closes that connection and wakes
 * the library's I/O thread; the host keeps working for two seconds and exits 0.
 *
 * Were the library unmapped by dlclose, the woken thread would run unmapped code and the process
 * would die of SIGSEGV; libssrlink is linked with -z nodelete, so dlclose leaves it mapped and
 * its threads keep running harmlessly until the process exits (docs/abi.md, "Unloading").
 *
 * usage: dlclose_host <libssrlink.so>   (SSRLINK_TEST_CONFIG: the configuration JSON,
 *                                        SSRLINK_TEST_FAKE_ETS_PID: the server to stop)
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <ssrlink/ssrlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

typedef int (*open_fn)(const ssrlink_host *, const char *, ssrlink_plugin **, ssrlink_buffer **);
typedef int (*call_fn)(ssrlink_plugin *, const char *, ssrlink_buffer **);
typedef const char *(*buffer_data_fn)(const ssrlink_buffer *);
typedef void (*buffer_free_fn)(ssrlink_buffer *);

static volatile int log_lines;
static void on_log(void *context, int32_t level, const char *message, size_t length) {
  (void)context;
  (void)level;
  (void)message;
  (void)length;
  ++log_lines;
}

static void *need(void *handle, const char *name) {
  void *symbol = dlsym(handle, name);
  if (symbol == NULL) {
    fprintf(stderr, "missing symbol %s\n", name);
    exit(1);
  }
  return symbol;
}

/* Some work a host does after unloading: memory, a thread, a checksum. */
static void *busy_thread(void *arg) {
  unsigned long *sum = arg;
  unsigned long i;
  for (i = 0; i < 1000000; ++i) {
    *sum += i * 2654435761ul;
  }
  return NULL;
}

static void keep_working(int milliseconds) {
  struct timespec slice = {0, 50 * 1000 * 1000};
  unsigned long sum = 0;
  int elapsed;
  for (elapsed = 0; elapsed < milliseconds; elapsed += 50) {
    pthread_t thread;
    char *memory = malloc(64 * 1024);
    if (memory == NULL) {
      exit(1);
    }
    memset(memory, elapsed & 0xff, 64 * 1024);
    sum += (unsigned char)memory[elapsed % (64 * 1024)];
    free(memory);
    if (pthread_create(&thread, NULL, busy_thread, &sum) == 0) {
      pthread_join(thread, NULL);
    }
    nanosleep(&slice, NULL);
  }
  printf("dlclose host: kept working for %d ms (checksum %lu)\n", milliseconds, sum);
}

int main(int argc, char **argv) {
  const char *config = getenv("SSRLINK_TEST_CONFIG");
  const char *server = getenv("SSRLINK_TEST_FAKE_ETS_PID");
  void *handle;
  open_fn open_plugin;
  call_fn credentials_put, test_connection;
  buffer_data_fn buffer_data;
  buffer_free_fn buffer_free;
  ssrlink_host host;
  ssrlink_plugin *plugin = NULL;
  ssrlink_buffer *out = NULL;
  int ok;

  if (argc != 2 || config == NULL || server == NULL) {
    fprintf(stderr, "usage: SSRLINK_TEST_CONFIG=... SSRLINK_TEST_FAKE_ETS_PID=... %s <lib>\n",
            argv[0]);
    return 2;
  }
  handle = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    fprintf(stderr, "dlopen failed: %s\n", dlerror());
    return 1;
  }
  *(void **)&open_plugin = need(handle, "ssrlink_open");
  *(void **)&credentials_put = need(handle, "ssrlink_credentials_put");
  *(void **)&test_connection = need(handle, "ssrlink_test_connection");
  *(void **)&buffer_data = need(handle, "ssrlink_buffer_data");
  *(void **)&buffer_free = need(handle, "ssrlink_buffer_free");

  memset(&host, 0, sizeof host);
  host.struct_size = (uint32_t)sizeof host;
  host.log = on_log;
  if (open_plugin(&host, config, &plugin, &out) != SSRLINK_OK) {
    fprintf(stderr, "open: %s\n", buffer_data(out));
    return 1;
  }
  credentials_put(plugin,
                  "{\"scope\": \"district\", \"username\": \"demo-district\", \"secret_key\": "
                  "\"DemoSecretKey-0123456789\", \"actor\": {\"role\": \"system\", \"user_id\": "
                  "\"abi-test\"}}",
                  &out);
  buffer_free(out);
  test_connection(plugin,
                  "{\"scope\": \"district\", \"actor\": {\"role\": \"system\", \"user_id\": "
                  "\"abi-test\"}}",
                  &out);
  ok = strstr(buffer_data(out), "\"ok\":true") != NULL;
  if (!ok) {
    fprintf(stderr, "test_connection: %s\n", buffer_data(out));
  }
  buffer_free(out);
  if (!ok) {
    return 1;
  }

  /* The bug under test: no ssrlink_close, and the library is unloaded. */
  if (dlclose(handle) != 0) {
    fprintf(stderr, "dlclose failed: %s\n", dlerror());
    return 1;
  }
  printf("dlclose host: unloaded with a handle open (%d log lines so far)\n", log_lines);
  fflush(stdout);
  /* The server goes away: the kept-alive connection closes and the I/O thread wakes up. */
  kill((pid_t)atol(server), SIGTERM);
  keep_working(2000);
  return 0;
}
