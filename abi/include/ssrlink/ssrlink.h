/*
 * ssrlink.h: the C ABI of libssrlink, version 1.
 *
 * ssrlink gives a school information system (the "host") California's electronic CAASPP and
 * ELPAC Student Score Reports: it reads student facts through ODBC, asks ETS for the report
 * links, applies the access rules and returns JSON plus an HTML fragment.
 *
 * This header is the specification. The rules that apply to every function are written once
 * in docs/abi.md; in short:
 *
 *   - Strings in and out are NUL-terminated UTF-8. Inputs are borrowed for the duration of the
 *     call only; the library never keeps a pointer the host passed in.
 *   - Results come back in an ssrlink_buffer that the library allocates and the host releases
 *     with ssrlink_buffer_free(). The host never calls free() on anything from the library.
 *   - Every function that can fail returns a status code (SSRLINK_OK or one of the others
 *     below). When a function takes `out`, `*out` is set whenever a result can be built, on
 *     failure too, and then holds JSON with at least {"error": "<a sentence a person can act
 *     on>"}. `*out` is set to NULL first, so it is NULL when no buffer could be made.
 *   - [thread-safe] functions may be called from any thread at the same time, on one shared
 *     ssrlink_plugin. There is no thread-local "last error".
 *   - No exception, signal or longjmp ever leaves the library.
 *   - Secrets (the TOMS Secret Key, ETS tokens) are never written to a result, the log or the
 *     audit trail.
 *
 * Only symbols that start with ssrlink_ are exported. Status codes, log levels and fields of
 * ssrlink_host are append-only; see docs/abi.md for what counts as a break.
 */
#ifndef SSRLINK_SSRLINK_H
#define SSRLINK_SSRLINK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A host may define SSRLINK_API itself (empty, for an FFI parser that knows no attributes). */
#ifndef SSRLINK_API
#if defined(_WIN32)
#define SSRLINK_API __declspec(dllimport)
#elif defined(__GNUC__)
#define SSRLINK_API __attribute__((visibility("default")))
#else
#define SSRLINK_API
#endif
#endif

/* The ABI version this header describes. ssrlink_abi_version() returns the library's. A host
 * built against version N works with a library of the same version; versions only grow when
 * something is broken on purpose (never within version 1). */
#define SSRLINK_ABI_VERSION 1

/* The library version this header describes, the one source of it: the build reads these three
 * lines (libssrlink.so.MAJOR.MINOR.PATCH, SONAME libssrlink.so.MAJOR). MAJOR is always
 * SSRLINK_ABI_VERSION. MINOR counts the appends within it: the newest node of the symbol map is
 * SSRLINK_<MAJOR>.<MINOR> (SSRLINK_1 for minor 0), and a host that needs something "added in
 * 1.MINOR" below needs a library of at least that minor. PATCH counts releases that change no
 * declaration. */
#define SSRLINK_VERSION_MAJOR 1
#define SSRLINK_VERSION_MINOR 4
#define SSRLINK_VERSION_PATCH 0

/* ---- Status codes ---------------------------------------------------------------------------
 * Returned by every function that can fail. Values are fixed; new codes are only appended, so a
 * host should treat an unknown non-zero value like SSRLINK_INTERNAL. */
#define SSRLINK_OK 0               /* success */
#define SSRLINK_INVALID_ARGUMENT 1 /* NULL pointer, malformed JSON, invalid UTF-8, bad value */
#define SSRLINK_CONFIG 2           /* config_json is well-formed but wrong, or a file is missing */
#define SSRLINK_DATABASE 3         /* the database could not answer (down, view missing, ...) */
#define SSRLINK_UPSTREAM 4         /* ETS could not be reached or gave no usable answer */
#define SSRLINK_DENIED 5           /* the viewer may not see this student's reports */
#define SSRLINK_NOT_FOUND 6        /* no such student, scope or record */
#define SSRLINK_INTERNAL 7         /* a bug in ssrlink; the message says what to report */
#define SSRLINK_UNAVAILABLE 8      /* the capability is not available in this build */

/* ---- Log levels passed to ssrlink_host.log ------------------------------------------------ */
#define SSRLINK_LOG_DEBUG 0
#define SSRLINK_LOG_INFO 1
#define SSRLINK_LOG_WARNING 2
#define SSRLINK_LOG_ERROR 3

/* ---- Flags of ssrlink_host.flags (added in 1.1) -------------------------------------------
 * SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD: every callback runs on a thread that is inside an
 * ssrlink_* call on this handle, never on the library's own threads (for runtimes whose
 * callbacks cannot run on a foreign thread: PHP FFI, some JVM set-ups). Log lines of the
 * library's own threads are held (at most 1000, then counted) and delivered before the next
 * call on the handle returns, ssrlink_close included; now_ms is asked only on a caller's thread
 * (docs/abi.md, "Callbacks on the caller's thread"). Any other bit is refused by ssrlink_open
 * with SSRLINK_INVALID_ARGUMENT. */
#define SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD 1

/* ---- Opaque handles --------------------------------------------------------------------- */

/* One loaded configuration: database pool, ETS connections, caches. Created by ssrlink_open,
 * destroyed by ssrlink_close. [thread-safe] for every capability call. */
typedef struct ssrlink_plugin ssrlink_plugin;

/* A result owned by the library: NUL-terminated UTF-8 JSON. Valid until ssrlink_buffer_free;
 * independent of the plugin (it may outlive ssrlink_close). */
typedef struct ssrlink_buffer ssrlink_buffer;

/* ---- Host services ------------------------------------------------------------------------
 * Passed to ssrlink_open. The host sets struct_size = sizeof(ssrlink_host) as it was compiled;
 * the library reads only the fields that size covers and defaults the rest, so a host built
 * against an older header keeps working. The size must end on a field (it is refused when it
 * would cover part of a function pointer). Bytes past the end of the library's own struct must
 * be zero (a newer host asking for something this library cannot do is refused with
 * SSRLINK_INVALID_ARGUMENT). Zero-initialise the struct before filling it in.
 *
 * The library copies the struct during ssrlink_open; the callbacks and `context` must stay valid
 * until ssrlink_close returns. Callbacks may be called from any thread (unless `flags` has
 * SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD), concurrently, and must not call back into ssrlink.
 * Every callback is optional (NULL). */
typedef struct ssrlink_host {
  uint32_t struct_size; /* sizeof(ssrlink_host) as the host compiled it */
  void *context;        /* passed back as the first argument of every callback */

  /* A log line: level is SSRLINK_LOG_*, `message` is UTF-8 of `length` bytes, NUL-terminated,
   * valid only during the call. Default: nothing is logged. */
  void (*log)(void *context, int32_t level, const char *message, size_t length);

  /* The current time in Unix milliseconds (UTC). Default: the system clock. Hosts and tests
   * use it to control link expiry and credential warnings. */
  int64_t (*now_ms)(void *context);

  /* Progress of a running ssrlink_sweep: a JSON object of `length` bytes, NUL-terminated, valid
   * only during the call. Default: no progress reports. */
  void (*progress)(void *context, const char *progress_json, size_t length);

  /* Appended in 1.1: SSRLINK_HOST_* bits, 0 for none. A 1.0 library refuses a struct that
   * sets any (it does not know the field), so a host never silently loses what it asked for. */
  uint32_t flags;
} ssrlink_host;

/* ---- Library ------------------------------------------------------------------------------ */

/* The ABI version of the loaded library (SSRLINK_ABI_VERSION of the header it was built with).
 * Never fails. [thread-safe] */
SSRLINK_API uint32_t ssrlink_abi_version(void);

/* The name of a status code, e.g. "SSRLINK_DATABASE"; "SSRLINK_UNKNOWN_STATUS" for a value this
 * library does not know. Never NULL; the string is static. [thread-safe] */
SSRLINK_API const char *ssrlink_status_name(int status);

/* ---- Plugin life cycle -------------------------------------------------------------------- */

/* Loads a configuration (docs/abi.md, "config_json") and returns a plugin handle in
 * *out_plugin.
 *
 *   host        services (see ssrlink_host); NULL means all defaults.
 *   config_json the configuration; required.
 *   out_plugin  required; set to NULL first, then to the new handle on SSRLINK_OK.
 *   out_error   optional; on failure set to a buffer with {"error": "..."} that names the
 *               problem (the key, the file, the line). Set to NULL on success.
 *
 * Returns SSRLINK_INVALID_ARGUMENT (NULL, malformed JSON, bad host struct), SSRLINK_CONFIG
 * (unknown key, wrong type, missing or unsafe file, bad URL) or SSRLINK_INTERNAL. When the seal
 * key file does not exist it is created (mode 0600) and the creation is logged.
 * [thread-safe]: several handles may exist at once. */
SSRLINK_API int ssrlink_open(const ssrlink_host *host, const char *config_json,
                             ssrlink_plugin **out_plugin, ssrlink_buffer **out_error);

/* Releases a plugin: closes its connections and joins the library's own threads before
 * returning. The host must make sure no other call on this handle is running or will start
 * (this is the one function that is not [thread-safe] on a shared handle). NULL is a no-op.
 * Buffers already returned stay valid. */
SSRLINK_API void ssrlink_close(ssrlink_plugin *plugin);

/* ---- Capabilities -------------------------------------------------------------------------
 * Each takes a request as JSON and sets *out (required) to a result buffer; see docs/abi.md for
 * every request and result. All are [thread-safe] and bounded in time by the configured
 * timeouts. Every string in a request must be valid UTF-8 without NUL; identifiers (user IDs,
 * scopes, school codes, worker names) hold no control characters, and user IDs are at most 128
 * bytes. Every capability but ssrlink_reports needs "actor": {"role": "admin" | "staff" |
 * "system", "user_id": "..."} in its request (SSRLINK_INVALID_ARGUMENT without it) and writes one
 * audit row per call, also when it fails. */

/* The report list for one student as one viewer would see it: {"outcome", "message",
 * "links_expire_at", "reports": [...], "html"}. The viewer is bound to the student through the
 * database (parents by portal account and educational rights, students by their own account,
 * teachers and school-level staff by school codes), never by the request alone. A denial is
 * SSRLINK_OK with outcome "denied" (the page shows it); SSRLINK_DENIED is not used here. One
 * audit row is written per call. */
SSRLINK_API int ssrlink_reports(ssrlink_plugin *plugin, const char *request_json,
                                ssrlink_buffer **out);

/* Stores, replaces or (with an empty username) removes a scope's TOMS credentials. The Secret
 * Key is sealed before it reaches the database and never appears in any result. */
SSRLINK_API int ssrlink_credentials_put(ssrlink_plugin *plugin, const char *request_json,
                                        ssrlink_buffer **out);

/* Every scope's credentials with a masked secret, expiry date, days left and warning. */
SSRLINK_API int ssrlink_credentials_status(ssrlink_plugin *plugin, const char *request_json,
                                           ssrlink_buffer **out);

/* Asks ETS for a token with a scope's credentials: {"ok": true|false, "message": "..."}. */
SSRLINK_API int ssrlink_test_connection(ssrlink_plugin *plugin, const char *request_json,
                                        ssrlink_buffer **out);

/* Runs the parent notification sweep and returns its summary; progress goes to
 * ssrlink_host.progress while it runs. Long-running: call it from a job thread. */
SSRLINK_API int ssrlink_sweep(ssrlink_plugin *plugin, const char *request_json,
                              ssrlink_buffer **out);

/* ---- Added in 1.1 (node SSRLINK_1.1 of abi/ssrlink.map; still ABI 1, appended) ---------- */

/* Key rotation (added in 1.1): re-seals every stored Secret Key under the key in
 * {"new_seal_key_file": "/etc/ssrlink/seal-2027.key"} (created with mode 0600 when absent) and
 * switches this plugin to it; the link cache follows (entries sealed under the old key are asked
 * of ETS again). Result: {"resealed": n, "seal_key_file": "..."}. Nothing changes when any stored
 * secret does not open with the current key; a failure while writing leaves some rows under each
 * key, and running the rotation again finishes it. Other host processes still on the old key
 * keep the pairs they have cached (at most 5 minutes), then can no longer open the resealed
 * rows: point their seal_key_file at the new file and reopen them (docs/operations.md).
 * [thread-safe] */
SSRLINK_API int ssrlink_credentials_reseal(ssrlink_plugin *plugin, const char *request_json,
                                           ssrlink_buffer **out);

/* The notification log for staff (the "who has not looked yet" screen): {"school", "tag",
 * "leave_before": "YYYY-MM-DD", "not_viewed": bool, "no_email": bool, "offset", "limit"} (all
 * optional) → {"entries": [{student_id, ssid, school, report_key, test, year, status, notice,
 * found_at, emailed_at, viewed_at}], "offset", "limit", "more"}. [thread-safe] */
SSRLINK_API int ssrlink_notifications_list(ssrlink_plugin *plugin, const char *request_json,
                                           ssrlink_buffer **out);

/* Queues a notice by hand for one guardian and one logged report: {"student_id",
 * "contact_sequence", "report_key"} → {"queued": true | false (already queued)}. The guardian
 * must hold educational rights and have a usable email. [thread-safe] */
SSRLINK_API int ssrlink_notification_queue(ssrlink_plugin *plugin, const char *request_json,
                                           ssrlink_buffer **out);

/* ---- Added in 1.2 (node SSRLINK_1.2 of abi/ssrlink.map; still ABI 1, appended) ---------- */

/* The DBA's check of the view mapping (added in 1.2): runs every contract check over the
 * ssrlink_* views (columns and how they read, one row per student, contact and school, stable
 * contact numbers, ten-digit SSIDs, CALPADS language codes, grades, 0/1 flags) and EXPLAINs each
 * statement the plugin runs against them to find the ones that read a host table whole.
 * {"actor": {...}, "student_id": n (optional: the student to EXPLAIN with)} → {"ok": bool,
 * "dialect", "checks": [{check, view, status, message, examples}], "statements": [{name,
 * purpose, sql, status, message, full_scans, plan}]} (docs/abi.md). SSRLINK_OK whenever the
 * report was built, also when "ok" is false; it reads no Secret Key, token or link, and names
 * no student by a flag. [thread-safe] */
SSRLINK_API int ssrlink_check_mapping(ssrlink_plugin *plugin, const char *request_json,
                                      ssrlink_buffer **out);

/* ---- Added in 1.3 (node SSRLINK_1.3 of abi/ssrlink.map; still ABI 1, appended) ---------- */

/* The ETS probe (added in 1.3), for the first day with real TOMS credentials: one fresh token
 * exchange with a scope's pair and, when "ssid" is given, one report request, each read against
 * the wire profile in force (ets.wire_profile, or the built-in one). {"actor": {...}, "scope":
 * "district" | school code, "ssid": "NNNNNNNNNN" (optional)} → {"matched": bool, "profile":
 * {"name", "source"}, "first_mismatch", "steps": [{name, request, http_status,
 * transport_failure, headers, shape, found, missing, unknown, first_mismatch, verdict}], "text"}
 * (docs/abi.md). "text" is the same report for a person to read and send to the SIS vendor.
 * Every value ETS sent is redacted: field names, JSON types, array lengths and safe headers only;
 * never an SSID, name, token, Secret Key or link. SSRLINK_OK whenever the report was built, also
 * when "matched" is false; no retry and no cache. [thread-safe] */
SSRLINK_API int ssrlink_ets_probe(ssrlink_plugin *plugin, const char *request_json,
                                  ssrlink_buffer **out);

/* ---- Added in 1.4 (node SSRLINK_1.4 of abi/ssrlink.map; still ABI 1, appended) ---------- */

/* The district's settings (added in 1.4), kept in the database so every host process sees the
 * same: the instructions parents and students read on their page, the staff who get the sweep's
 * completion summary, the sweep's default options and its schedule (docs/abi.md).
 * ssrlink_settings_get: {"actor": {...}} → {"settings": {"parent_instructions": {"en": "…"},
 * "summary_recipients": [...], "sweep_defaults": {...}, "schedule": {"enabled", "days", "time",
 * "time_zone"}}}. ssrlink_settings_put: {"actor": {...}, "settings": {...}} replaces the keys
 * given and leaves the others; a bad value is SSRLINK_INVALID_ARGUMENT naming the key
 * ("settings.schedule.time"). Both audited. [thread-safe] */
SSRLINK_API int ssrlink_settings_get(ssrlink_plugin *plugin, const char *request_json,
                                     ssrlink_buffer **out);
SSRLINK_API int ssrlink_settings_put(ssrlink_plugin *plugin, const char *request_json,
                                     ssrlink_buffer **out);

/* ---- Result buffers ----------------------------------------------------------------------- */

/* The buffer's bytes, NUL-terminated UTF-8; "" for NULL. Valid until ssrlink_buffer_free. */
SSRLINK_API const char *ssrlink_buffer_data(const ssrlink_buffer *buffer);

/* The length in bytes without the NUL; 0 for NULL. */
SSRLINK_API size_t ssrlink_buffer_size(const ssrlink_buffer *buffer);

/* Releases a buffer. NULL is a no-op. May be called from any thread. */
SSRLINK_API void ssrlink_buffer_free(ssrlink_buffer *buffer);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SSRLINK_SSRLINK_H */
