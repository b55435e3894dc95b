package org.ssrlink;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One open libssrlink handle ({@code ssrlink_plugin}) for a Java host.
 *
 * <pre>{@code
 * try (Plugin ssrlink = Plugin.open(Path.of("/usr/lib/x86_64-linux-gnu/libssrlink.so.1"),
 *         configJson, new Plugin.Options().log((level, line) -> logger.info(line)))) {
 *   Map<String, Object> page = ssrlink.reports(Map.of("student_id", 1010, "viewer",
 *       Map.of("role", "parent", "user_id", "parent-1010-1", "permitted", true)));
 *   String html = (String) page.get("html");
 * }
 * }</pre>
 *
 * <p>What this class guarantees, in the order a call meets it:
 *
 * <ol>
 *   <li>Text crosses the ABI as UTF-8 bytes only: requests are encoded by {@link Json} (or given
 *       as bytes to {@link #callRaw}), NUL-terminated here, and results are read as {@code
 *       ssrlink_buffer_size} bytes from {@code ssrlink_buffer_data} and decoded as UTF-8. No JNA
 *       {@code String} conversion is involved, so the JVM's locale ({@code LC_ALL=C}) and {@code
 *       file.encoding} cannot change a value.
 *   <li>Every result buffer is freed with {@code ssrlink_buffer_free} in a {@code finally} block,
 *       whether decoding it worked or not.
 *   <li>A status other than SSRLINK_OK becomes a {@link SsrlinkException} with the status name and
 *       the library's sentence. A page refusal is not an exception: it is SSRLINK_OK with outcome
 *       "denied", which the page shows.
 *   <li>Calls may run on many threads at once (the library is thread-safe on one handle); {@link
 *       #close()} waits for calls in flight, closes the handle exactly once, and later calls
 *       throw {@link IllegalStateException}. The C rule "ssrlink_close must not overlap another
 *       call" is thereby kept by this class, not left to the host.
 *   <li>The callbacks (log, clock, progress) are JNA objects that this handle references strongly
 *       until ssrlink_close has returned; JNA frees a callback's native trampoline when the Java
 *       object is collected, and the library would then call freed memory.
 *   <li>By default the handle is opened with SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD: every
 *       callback runs on the Java thread that is inside the ssrlink call, so a host's logging
 *       context (MDC, request-scoped loggers) applies and no native thread is ever attached to
 *       the JVM. Log lines from the library's own threads are held and delivered before the call
 *       returns.
 *   <li>A handle that is never closed is closed by a {@link Cleaner} once unreachable; that is a
 *       safety net, not a substitute for try-with-resources.
 * </ol>
 */
public final class Plugin implements AutoCloseable {
  /** Receives one log line of the library (already UTF-8 decoded). */
  @FunctionalInterface
  public interface LogHandler {
    void log(LogLevel level, String message);
  }

  /** How a handle is opened; every setting is optional. */
  public static final class Options {
    private LogHandler log;
    private LongSupplier clock;
    private Consumer<Map<String, Object>> progress;
    private boolean callbacksOnCallerThread = true;

    /** The library's log lines (default: not logged). */
    public Options log(LogHandler handler) {
      this.log = handler;
      return this;
    }

    /** The current time in Unix milliseconds, UTC (default: the system clock). */
    public Options clock(LongSupplier nowMs) {
      this.clock = nowMs;
      return this;
    }

    /** Each progress object of a running sweep (default: none). */
    public Options progress(Consumer<Map<String, Object>> handler) {
      this.progress = handler;
      return this;
    }

    /**
     * Whether to set SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD (default true). A library older than
     * ABI 1.1 does not know the flag and refuses to open with it (SSRLINK_INVALID_ARGUMENT, "asks
     * for callbacks this library does not know"); pass false for such a library, and callbacks
     * may then arrive on the library's own threads, which JNA attaches to the JVM.
     */
    public Options callbacksOnCallerThread(boolean on) {
      this.callbacksOnCallerThread = on;
      return this;
    }
  }

  /**
   * A capability's raw answer: the status, its name and the result JSON as UTF-8 bytes (empty
   * when the library could not build a buffer).
   */
  public record Result(int status, String statusName, byte[] json) {
    /** The JSON text, decoded strictly as UTF-8. */
    public String text() {
      return Json.strictUtf8(json);
    }
  }

  private static final Cleaner CLEANER = Cleaner.create();
  // Set while a host's handler runs inside a callback: the C ABI forbids calling back into
  // ssrlink from there (the library may hold locks the new call would need).
  private static final ThreadLocal<Boolean> IN_CALLBACK = new ThreadLocal<>();
  private static final ConcurrentMap<String, SsrlinkLibrary> LIBRARIES = new ConcurrentHashMap<>();

  private final SsrlinkLibrary lib;
  private final Handle handle;
  private final Cleaner.Cleanable cleanable;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock

  /**
   * What must live exactly as long as the native handle. It holds no reference to the Plugin, so
   * the Cleaner can run it once the Plugin is unreachable.
   */
  private static final class Handle implements Runnable {
    private final SsrlinkLibrary lib;
    private final Pointer plugin;
    // Strong references: the library holds these callbacks' addresses until ssrlink_close.
    private final SsrlinkLibrary.Host host;
    private final SsrlinkLibrary.LogCallback log;
    private final SsrlinkLibrary.NowCallback now;
    private final SsrlinkLibrary.ProgressCallback progress;

    Handle(SsrlinkLibrary lib, Pointer plugin, SsrlinkLibrary.Host host,
        SsrlinkLibrary.LogCallback log, SsrlinkLibrary.NowCallback now,
        SsrlinkLibrary.ProgressCallback progress) {
      this.lib = lib;
      this.plugin = plugin;
      this.host = host;
      this.log = log;
      this.now = now;
      this.progress = progress;
    }

    @Override
    public void run() {
      lib.ssrlink_close(plugin);
      // Only now may the callbacks be collected: ssrlink_close has joined the library's threads.
      Reference.reachabilityFence(host);
      Reference.reachabilityFence(log);
      Reference.reachabilityFence(now);
      Reference.reachabilityFence(progress);
    }
  }

  private Plugin(SsrlinkLibrary lib, Handle handle) {
    this.lib = lib;
    this.handle = handle;
    this.cleanable = CLEANER.register(this, handle);
  }

  /**
   * Loads libssrlink from a path (once per path) and checks its ABI version.
   *
   * @throws UnsatisfiedLinkError when the file cannot be loaded
   * @throws IllegalStateException when the library speaks another ABI version
   */
  public static SsrlinkLibrary load(Path library) {
    String path = library.toAbsolutePath().toString();
    SsrlinkLibrary lib = LIBRARIES.computeIfAbsent(path, p -> Native.load(p, SsrlinkLibrary.class));
    int version = lib.ssrlink_abi_version();
    if (version != SsrlinkLibrary.ABI_VERSION) {
      throw new IllegalStateException("This binding speaks ssrlink ABI "
          + SsrlinkLibrary.ABI_VERSION + ", but " + path + " speaks ABI " + version + ".");
    }
    return lib;
  }

  /** Opens a handle with config_json given as an object (docs/abi.md, "config_json"). */
  public static Plugin open(Path library, Map<String, ?> config, Options options) {
    return open(library, Json.encode(config), options);
  }

  /** Opens a handle with config_json given as JSON text. */
  public static Plugin open(Path library, String configJson, Options options) {
    return open(library, configJson.getBytes(StandardCharsets.UTF_8), options);
  }

  /**
   * Opens a handle with config_json given as UTF-8 bytes.
   *
   * @throws SsrlinkException when ssrlink_open refuses (SSRLINK_CONFIG names the key or file)
   */
  public static Plugin open(Path library, byte[] configJson, Options options) {
    Options o = options != null ? options : new Options();
    SsrlinkLibrary lib = load(library);
    SsrlinkLibrary.LogCallback log = o.log == null ? null : logCallback(o.log);
    SsrlinkLibrary.NowCallback now = o.clock == null ? null : nowCallback(o.clock);
    SsrlinkLibrary.ProgressCallback progress =
        o.progress == null ? null : progressCallback(o.progress);

    SsrlinkLibrary.Host host = new SsrlinkLibrary.Host();
    host.context = null; // the Java callbacks carry their own state
    host.log = log;
    host.now_ms = now;
    host.progress = progress;
    host.flags = o.callbacksOnCallerThread ? SsrlinkLibrary.HOST_CALLBACKS_ON_CALLER_THREAD : 0;

    PointerByReference outPlugin = new PointerByReference();
    PointerByReference outError = new PointerByReference();
    int status = lib.ssrlink_open(host, nulTerminated(configJson), outPlugin, outError);
    Result error;
    try {
      error = take(lib, status, outError.getValue());
    } catch (RuntimeException e) {
      if (status == SsrlinkLibrary.OK) {
        lib.ssrlink_close(outPlugin.getValue()); // no Plugin will own the handle
      }
      throw e;
    }
    if (status != SsrlinkLibrary.OK) {
      // The library calls nothing after a failed open, but keep the callbacks until here anyway:
      // it may have logged during the call.
      Reference.reachabilityFence(log);
      Reference.reachabilityFence(now);
      Reference.reachabilityFence(progress);
      throw failure(error);
    }
    return new Plugin(lib, new Handle(lib, outPlugin.getValue(), host, log, now, progress));
  }

  /** ssrlink_abi_version of the loaded library. */
  public int abiVersion() {
    return lib.ssrlink_abi_version();
  }

  /** ssrlink_status_name: "SSRLINK_DATABASE", or "SSRLINK_UNKNOWN_STATUS". */
  public String statusName(int status) {
    return statusName(lib, status);
  }

  /** ssrlink_reports: the page for one student as one viewer (a denial is a result too). */
  public Map<String, Object> reports(Map<String, ?> request) {
    return call(Capability.REPORTS, request);
  }

  /** ssrlink_credentials_put: stores, replaces or (empty username) removes a scope's pair. */
  public Map<String, Object> credentialsPut(Map<String, ?> request) {
    return call(Capability.CREDENTIALS_PUT, request);
  }

  /** ssrlink_credentials_status: every scope, masked. */
  public Map<String, Object> credentialsStatus(Map<String, ?> request) {
    return call(Capability.CREDENTIALS_STATUS, request);
  }

  /** ssrlink_test_connection: {"ok", "message"}. */
  public Map<String, Object> testConnection(Map<String, ?> request) {
    return call(Capability.TEST_CONNECTION, request);
  }

  /** ssrlink_sweep: long-running; call it from a job thread. */
  public Map<String, Object> sweep(Map<String, ?> request) {
    return call(Capability.SWEEP, request);
  }

  /** ssrlink_credentials_reseal (ABI 1.1). */
  public Map<String, Object> credentialsReseal(Map<String, ?> request) {
    return call(Capability.CREDENTIALS_RESEAL, request);
  }

  /** ssrlink_notifications_list (ABI 1.1). */
  public Map<String, Object> notificationsList(Map<String, ?> request) {
    return call(Capability.NOTIFICATIONS_LIST, request);
  }

  /** ssrlink_notification_queue (ABI 1.1). */
  public Map<String, Object> notificationQueue(Map<String, ?> request) {
    return call(Capability.NOTIFICATION_QUEUE, request);
  }

  /** ssrlink_check_mapping (ABI 1.2): the DBA's check of the view mapping. */
  public Map<String, Object> checkMapping(Map<String, ?> request) {
    return call(Capability.CHECK_MAPPING, request);
  }

  /** ssrlink_ets_probe (ABI 1.3): how ETS's answers compare with the wire profile, redacted. */
  public Map<String, Object> etsProbe(Map<String, ?> request) {
    return call(Capability.ETS_PROBE, request);
  }

  /** ssrlink_settings_get (ABI 1.4): the district's settings. */
  public Map<String, Object> settingsGet(Map<String, ?> request) {
    return call(Capability.SETTINGS_GET, request);
  }

  /** ssrlink_settings_put (ABI 1.4): replaces the settings given, leaves the others. */
  public Map<String, Object> settingsPut(Map<String, ?> request) {
    return call(Capability.SETTINGS_PUT, request);
  }

  /**
   * Calls a capability with a request object and returns the result object.
   *
   * @throws SsrlinkException for any status but SSRLINK_OK
   * @throws IllegalArgumentException when the request cannot be written as JSON
   * @throws IllegalStateException after {@link #close()}
   */
  public Map<String, Object> call(Capability capability, Map<String, ?> request) {
    return call(capability, Json.encode(request));
  }

  /**
   * Calls a capability with request JSON the host wrote itself, as UTF-8 bytes, and returns the
   * result object.
   *
   * @throws SsrlinkException for any status but SSRLINK_OK (malformed JSON or invalid UTF-8 is
   *     SSRLINK_INVALID_ARGUMENT, refused by the library)
   */
  public Map<String, Object> call(Capability capability, byte[] requestUtf8) {
    Result result = callRaw(capability, requestUtf8);
    if (result.status() != SsrlinkLibrary.OK) {
      throw failure(result);
    }
    return asObject(result);
  }

  /**
   * Calls a capability with request JSON as UTF-8 bytes (no NUL terminator needed; the bytes are
   * passed as they are, so a host with its own JSON library uses this). Never throws for a
   * status: the caller reads {@link Result#status()}.
   *
   * @throws IllegalArgumentException when the bytes hold a NUL, which C would read as the end
   * @throws IllegalStateException after {@link #close()}
   * @throws UnsupportedOperationException when the library predates the capability
   */
  public Result callRaw(Capability capability, byte[] requestUtf8) {
    refuseInsideCallback();
    byte[] request = nulTerminated(requestUtf8);
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("This ssrlink plugin handle is closed.");
      }
      PointerByReference out = new PointerByReference();
      int status = invoke(capability, handle.plugin, request, out);
      return take(lib, status, out.getValue());
    } finally {
      lock.readLock().unlock();
      // The JIT may otherwise consider `this` unreachable while the native call runs, and the
      // Cleaner would close the handle under it.
      Reference.reachabilityFence(this);
    }
  }

  /**
   * Closes the handle: waits for calls in flight on other threads, then calls ssrlink_close once.
   * Further calls to close() do nothing. Must not be called from inside a callback (the call that
   * runs the callback is still in flight).
   */
  @Override
  public void close() {
    refuseInsideCallback();
    if (lock.getReadHoldCount() > 0) {
      throw new IllegalStateException(
          "close() was called from inside an ssrlink call (a callback); it would wait for itself.");
    }
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      cleanable.clean(); // runs Handle.run exactly once, here or never again
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Whether {@link #close()} has run. */
  public boolean isClosed() {
    lock.readLock().lock();
    try {
      return closed;
    } finally {
      lock.readLock().unlock();
    }
  }

  private static void refuseInsideCallback() {
    if (IN_CALLBACK.get() != null) {
      throw new IllegalStateException(
          "An ssrlink callback (log, clock, progress) must not call back into ssrlink.");
    }
  }

  private int invoke(
      Capability capability, Pointer plugin, byte[] request, PointerByReference out) {
    try {
      return switch (capability) {
        case REPORTS -> lib.ssrlink_reports(plugin, request, out);
        case CREDENTIALS_PUT -> lib.ssrlink_credentials_put(plugin, request, out);
        case CREDENTIALS_STATUS -> lib.ssrlink_credentials_status(plugin, request, out);
        case TEST_CONNECTION -> lib.ssrlink_test_connection(plugin, request, out);
        case SWEEP -> lib.ssrlink_sweep(plugin, request, out);
        case CREDENTIALS_RESEAL -> lib.ssrlink_credentials_reseal(plugin, request, out);
        case NOTIFICATIONS_LIST -> lib.ssrlink_notifications_list(plugin, request, out);
        case NOTIFICATION_QUEUE -> lib.ssrlink_notification_queue(plugin, request, out);
        case CHECK_MAPPING -> lib.ssrlink_check_mapping(plugin, request, out);
        case ETS_PROBE -> lib.ssrlink_ets_probe(plugin, request, out);
        case SETTINGS_GET -> lib.ssrlink_settings_get(plugin, request, out);
        case SETTINGS_PUT -> lib.ssrlink_settings_put(plugin, request, out);
      };
    } catch (UnsatisfiedLinkError e) {
      // Interface mapping resolves a symbol on first use: an older library lacks appended calls.
      throw new UnsupportedOperationException(
          "This libssrlink has no " + capability.function() + "; it predates that capability.", e);
    }
  }

  /** Reads a result buffer as UTF-8 bytes and frees it, whatever happens while reading. */
  private static Result take(SsrlinkLibrary lib, int status, Pointer buffer) {
    byte[] bytes = new byte[0];
    if (buffer != null) {
      try {
        long size = lib.ssrlink_buffer_size(buffer).longValue();
        if (size > Integer.MAX_VALUE - 8) {
          throw new IllegalStateException("An ssrlink result of " + size + " bytes is too large.");
        }
        Pointer data = lib.ssrlink_buffer_data(buffer);
        bytes = size == 0 ? bytes :
          data.getByteArray(0, (int) size);
      }
      finally {
        lib.ssrlink_buffer_free(buffer);
      }
    }
    return new Result(status, statusName(lib, status), bytes);
  }

  private static String statusName(SsrlinkLibrary lib, int status) {
    // A static ASCII string; read as bytes so JNA's default encoding plays no part.
    Pointer name = lib.ssrlink_status_name(status);
    return name == null ? "SSRLINK_UNKNOWN_STATUS" : name.getString(0, "UTF-8");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Result result) {
    Object parsed = Json.decode(result.json());
    if (!(parsed instanceof Map<?, ?>) ) {
      throw new IllegalStateException("ssrlink returned JSON that is not an object.");
    }
    return (Map<String, Object>) parsed;
  }

  private static SsrlinkException failure(Result result) {
    Map<String, Object> object = Map.of();
    String sentence = null;
    if (result.json().length > 0) {
      try {
        object = asObject(result);
        if (object.get("error") instanceof String s) {
          sentence = s;
        }
      } catch (RuntimeException e) {
        sentence = "ssrlink returned an unreadable error result: " + e.getMessage();
      }
    }
    if (sentence == null) {
      sentence = "ssrlink returned " + result.statusName() + " without an error sentence.";
    }
    return new SsrlinkException(result.status(), result.statusName(), sentence, object);
  }

  /** The bytes plus a NUL; a NUL inside would silently cut the request short, so it is refused. */
  private static byte[] nulTerminated(byte[] utf8) {
    Objects.requireNonNull(utf8, "request bytes");
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] == 0) {
        throw new IllegalArgumentException(
            "The request holds a NUL byte at offset " + i + "; C would read it as the end.");
      }
    }
    byte[] out = new byte[utf8.length + 1];
    System.arraycopy(utf8, 0, out, 0, utf8.length);
    return out;
  }

  private static byte[] bytesAt(Pointer text, SsrlinkLibrary.SizeT length) {
    long n = length == null ? 0 : length.longValue();
    if (text == null || n <= 0) {
      return new byte[0];
    }
    return text.getByteArray(0, (int) Math.min(n, Integer.MAX_VALUE - 8));
  }

  /**
   * Exceptions thrown by a host's handler must not reach native code (JNA would swallow them and
   * return 0, which for the clock means 1970); they go to JNA's callback exception handler,
   * which hosts may replace with Native.setCallbackExceptionHandler.
   */
  private static void report(Callback callback, Throwable t) {
    try {
      Native.getCallbackExceptionHandler().uncaughtException(callback, t);
    } catch (RuntimeException ignored) {
      // A failing handler for failures has nowhere left to report to.
    }
  }

  private static SsrlinkLibrary.LogCallback logCallback(LogHandler handler) {
    return new SsrlinkLibrary.LogCallback() {
      @Override
      public void invoke(Pointer context, int level, Pointer message, SsrlinkLibrary.SizeT length) {
        IN_CALLBACK.set(Boolean.TRUE);
        try {
          // Log text is shown, not parsed: a bad byte becomes U+FFFD rather than a lost line.
          handler.log(
              LogLevel.of(level), new String(bytesAt(message, length), StandardCharsets.UTF_8));
        } catch (RuntimeException | Error t) {
          report(this, t);
        } finally {
          IN_CALLBACK.remove();
        }
      }
    };
  }

  private static SsrlinkLibrary.NowCallback nowCallback(LongSupplier clock) {
    return new SsrlinkLibrary.NowCallback() {
      @Override
      public long invoke(Pointer context) {
        IN_CALLBACK.set(Boolean.TRUE);
        try {
          return clock.getAsLong();
        } catch (RuntimeException | Error t) {
          report(this, t);
          return System.currentTimeMillis();
        } finally {
          IN_CALLBACK.remove();
        }
      }
    };
  }

  private static SsrlinkLibrary.ProgressCallback progressCallback(
      Consumer<Map<String, Object>> handler) {
    return new SsrlinkLibrary.ProgressCallback() {
      @Override
      @SuppressWarnings("unchecked")
      public void invoke(Pointer context, Pointer json, SsrlinkLibrary.SizeT length) {
        IN_CALLBACK.set(Boolean.TRUE);
        try {
          Object parsed = Json.decode(bytesAt(json, length));
          if (parsed instanceof Map<?, ?> map) {
            handler.accept((Map<String, Object>) map);
          }
        } catch (RuntimeException | Error t) {
          report(this, t);
        } finally {
          IN_CALLBACK.remove();
        }
      }
    };
  }
}
