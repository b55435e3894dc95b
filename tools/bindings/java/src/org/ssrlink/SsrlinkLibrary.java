package org.ssrlink;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The C ABI of libssrlink ({@code abi/include/ssrlink/ssrlink.h}) as a JNA interface mapping.
 *
 * <p>Hosts use {@link Plugin}; this interface is public so that a host can reach a function the
 * {@code Plugin} class does not wrap yet, and it follows the header one to one.
 *
 * <p>Why interface mapping and not direct mapping ({@code Native.register}):
 *
 * <ol>
 *   <li>Functions are appended to the ABI within version 1 (ssrlink_credentials_reseal and the
 *       notification calls came in 1.1). Interface mapping looks a symbol up when it is first
 *       called, so this binding still loads an older libssrlink and only the missing call fails;
 *       direct mapping refuses to register the whole class when one symbol is absent.
 *   <li>The library path is chosen at run time (a host ships its own copy, tests use the build
 *       tree), and one JVM may load it from several paths; direct mapping binds one class to one
 *       library.
 *   <li>Every capability call does database and TLS work measured in milliseconds; the few
 *       microseconds of interface dispatch are not worth direct mapping's restrictions.
 * </ol>
 *
 * <p>No function here takes or returns a JNA {@code String}: JNA converts those with {@code
 * jna.encoding} or the platform charset, which under {@code LC_ALL=C} is ASCII and turns
 * "colóur" into "col?ur". Strings cross as NUL-terminated UTF-8 {@code byte[]} in and as {@link
 * Pointer} plus length out.
 */
public interface SsrlinkLibrary extends Library {
  /** SSRLINK_ABI_VERSION of the header this binding follows. */
  int ABI_VERSION = 1;

  // Status codes (append-only; an unknown non-zero value is treated like INTERNAL).
  int OK = 0;
  int INVALID_ARGUMENT = 1;
  int CONFIG = 2;
  int DATABASE = 3;
  int UPSTREAM = 4;
  int DENIED = 5;
  int NOT_FOUND = 6;
  int INTERNAL = 7;
  int UNAVAILABLE = 8;

  // Log levels passed to the log callback.
  int LOG_DEBUG = 0;
  int LOG_INFO = 1;
  int LOG_WARNING = 2;
  int LOG_ERROR = 3;

  /**
   * ssrlink_host.flags: every callback runs on a thread inside an ssrlink_* call on the handle;
   * log lines from the library's own threads are held and delivered before that call returns.
   */
  int HOST_CALLBACKS_ON_CALLER_THREAD = 1;

  /** C {@code size_t}: 8 bytes on the 64-bit platforms ssrlink is built for. */
  final class SizeT extends IntegerType {
    private static final long serialVersionUID = 1L;

    /** JNA instantiates native return values and callback arguments through this. */
    public SizeT() {
      this(0);
    }

    public SizeT(long value) {
      super(Native.SIZE_T_SIZE, value, true);
    }
  }

  /** {@code void (*log)(void *context, int32_t level, const char *message, size_t length)}. */
  interface LogCallback extends Callback {
    void invoke(Pointer context, int level, Pointer message, SizeT length);
  }

  /** {@code int64_t (*now_ms)(void *context)}. */
  interface NowCallback extends Callback {
    long invoke(Pointer context);
  }

  /** {@code void (*progress)(void *context, const char *progress_json, size_t length)}. */
  interface ProgressCallback extends Callback {
    void invoke(Pointer context, Pointer progressJson, SizeT length);
  }

  /**
   * {@code ssrlink_host}. Fields in header order; JNA lays them out with the platform's C
   * alignment, so {@link #size()} equals {@code sizeof(ssrlink_host)} (48 on x86-64 and arm64).
   * Fields are only ever appended to the C struct, so new ones go at the end here too.
   */
  @Structure.FieldOrder({"struct_size", "context", "log", "now_ms", "progress", "flags"})
  final class Host extends Structure {
    public int struct_size;
    public Pointer context;
    public LogCallback log;
    public NowCallback now_ms;
    public ProgressCallback progress;
    public int flags;

    public Host() {
      super();
      struct_size = size();
    }

    /** A field's offset as JNA lays it out, for checking the layout against the header. */
    public int offsetOf(String field) {
      return fieldOffset(field);
    }
  }

  int ssrlink_abi_version();

  /** A static ASCII string; never NULL. */
  Pointer ssrlink_status_name(int status);

  int ssrlink_open(
      Host host, byte[] configJson, PointerByReference outPlugin, PointerByReference outError);

  void ssrlink_close(Pointer plugin);

  int ssrlink_reports(Pointer plugin, byte[] requestJson, PointerByReference out);

  int ssrlink_credentials_put(Pointer plugin, byte[] requestJson, PointerByReference out);

  int ssrlink_credentials_status(Pointer plugin, byte[] requestJson, PointerByReference out);

  int ssrlink_test_connection(Pointer plugin, byte[] requestJson, PointerByReference out);

  int ssrlink_sweep(Pointer plugin, byte[] requestJson, PointerByReference out);

  // Added in 1.1 (appended; absent from a 1.0 library, where calling them throws
  // UnsatisfiedLinkError).
  int ssrlink_credentials_reseal(Pointer plugin, byte[] requestJson, PointerByReference out);

  int ssrlink_notifications_list(Pointer plugin, byte[] requestJson, PointerByReference out);

  int ssrlink_notification_queue(Pointer plugin, byte[] requestJson, PointerByReference out);

  // Added in 1.2.
  int ssrlink_check_mapping(Pointer plugin, byte[] requestJson, PointerByReference out);

  // Added in 1.3.
  int ssrlink_ets_probe(Pointer plugin, byte[] requestJson, PointerByReference out);

  // Added in 1.4.
  int ssrlink_settings_get(Pointer plugin, byte[] requestJson, PointerByReference out);

  int ssrlink_settings_put(Pointer plugin, byte[] requestJson, PointerByReference out);

  Pointer ssrlink_buffer_data(Pointer buffer);

  SizeT ssrlink_buffer_size(Pointer buffer);

  void ssrlink_buffer_free(Pointer buffer);
}
