package org.ssrlink.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ssrlink.Capability;
import org.ssrlink.Json;
import org.ssrlink.LogLevel;
import org.ssrlink.Plugin;
import org.ssrlink.SsrlinkException;
import org.ssrlink.SsrlinkLibrary;

/**
 * The Java binding against the real libssrlink, the demo district in SQLite (through the SQLite
 * ODBC driver) and fake-ets over TLS, as tools/bindings/java/test/run_test.sh sets them up. Meant
 * to run under LC_ALL=C without -Dfile.encoding or -Djna.encoding: the JVM's default charset is
 * then ASCII, and every non-ASCII value below must still arrive intact.
 *
 * <p>Usage: BindingTest LIBRARY CONFIG_JSON DISTRICT_DB [SQLITE3]. Prints one line per check;
 * exits 1 when any check failed. Non-ASCII literals are written as \\u escapes so that the source
 * means the same whatever encoding javac assumes.
 */
public final class BindingTest {
  private static final String JOSE = "jos\u00e9"; // josé
  private static final String ZOE = "Zo\u00eb"; // Zoë
  private static final String COLOUR = "col\u00f3ur"; // colóur
  private static final String REFUSAL =
      "You do not have permission to view this student's test score reports.";

  private static int passed;
  private static int failed;

  private final Path library;
  private final Path config;
  private final Path database;
  private final String sqlite3;

  /** One log line with the thread it arrived on. */
  private record Line(LogLevel level, String text, Thread thread) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> progress = new CopyOnWriteArrayList<>();
  private final List<Thread> progressThreads = new CopyOnWriteArrayList<>();
  // The threads currently inside an ssrlink call made by this test, and callbacks that arrived on
  // any other thread.
  private final Set<Thread> inCall = ConcurrentHashMap.newKeySet();
  private final List<String> foreignCallbacks = new CopyOnWriteArrayList<>();
  // Once set, the next log line tries to call back into ssrlink, which the binding must refuse.
  private final java.util.concurrent.atomic.AtomicReference<Plugin> reenter =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile String reentry = "not tried";

  private BindingTest(Path library, Path config, Path database, String sqlite3) {
    this.library = library;
    this.config = config;
    this.database = database;
    this.sqlite3 = sqlite3;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: BindingTest LIBRARY CONFIG_JSON DISTRICT_DB [SQLITE3]");
      System.exit(2);
    }
    BindingTest test = new BindingTest(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
        args.length > 3 ? args[3] : "sqlite3");
    try {
      test.run();
    } catch (Throwable t) {
      failed++;
      System.out.println("FAIL: the test stopped with " + t);
      t.printStackTrace(System.out);
    }
    System.out.println("java binding: " + passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  private static void check(String what, boolean ok, Object detail) {
    if (ok) {
      passed++;
      System.out.println("ok: " + what);
    } else {
      failed++;
      // Printed as \\u escapes: under LC_ALL=C System.out cannot show non-ASCII.
      System.out.println("FAIL: " + what + " -- " + ascii(String.valueOf(detail)));
    }
  }

  private static String ascii(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append(String.format("\\u{%x}", c));
      }
    });
    return out.length() > 600 ? out.substring(0, 600) + "..." : out.toString();
  }

  private interface Body {
    void run() throws Exception;
  }

  /** Expects body to throw an exception of the given type; returns it (null when none). */
  private static <T extends Throwable> T expectThrows(Class<T> type, String what, Body body) {
    try {
      body.run();
      check(what, false, "no exception");
    } catch (Throwable t) {
      if (type.isInstance(t)) {
        check(what, true, t);
        return type.cast(t);
      }
      check(what, false, "threw " + t);
    }
    return null;
  }

  private Plugin.Options options() {
    return new Plugin.Options()
        .log((level, text) -> {
          Thread t = Thread.currentThread();
          lines.add(new Line(level, text, t));
          if (!inCall.contains(t)) {
            foreignCallbacks.add("log on " + t.getName() + ": " + text);
          }
          Plugin p = reenter.getAndSet(null);
          if (p != null) {
            try {
              p.credentialsStatus(map("actor", actor("system", "reentry")));
              reentry = "called back into ssrlink";
            } catch (IllegalStateException e) {
              reentry = "refused: " + e.getMessage();
            }
          }
        })
        .progress(p -> {
          Thread t = Thread.currentThread();
          progress.add(p);
          progressThreads.add(t);
          if (!inCall.contains(t)) {
            foreignCallbacks.add("progress on " + t.getName());
          }
        });
  }

  /** A call made with the current thread marked as inside ssrlink. */
  private <T> T inside(java.util.concurrent.Callable<T> call) throws Exception {
    Thread t = Thread.currentThread();
    inCall.add(t);
    try {
      return call.call();
    } finally {
      inCall.remove(t);
    }
  }

  private static Map<String, Object> actor(String role, String user) {
    return map("role", role, "user_id", user);
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> page(long student, Map<String, Object> viewer) {
    return map("student_id", student, "page", "test_scores", "ui_language", "en", "viewer", viewer);
  }

  private static Map<String, Object> parent(String user) {
    return map("role", "parent", "user_id", user, "permitted", true);
  }

  /** Runs a query with the sqlite3 shell; returns its output decoded as UTF-8, trimmed. */
  private String sql(String query) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(sqlite3, "-batch", database.toString(), query)
                    .redirectErrorStream(true)
                    .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(
          "sqlite3 failed on " + query + ": " + out.toString(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8).trim();
  }

  private static String hex(String s) {
    return HexFormat.of().withUpperCase().formatHex(s.getBytes(StandardCharsets.UTF_8));
  }

  private long lineCount(String fragment) {
    return lines.stream().filter(l -> l.text().contains(fragment)).count();
  }

  private void run() throws Exception {
    environment();
    json();
    host();
    openFailures();
    String configText = Files.readString(config);
    try (Plugin ssrlink = inside(() -> Plugin.open(library, configText, options()))) {
      // A collection now would free the callbacks' trampolines if nothing held them strongly; the
      // log lines checked below prove the callbacks survived it.
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(20);
      }
      credentials(ssrlink);
      pages(ssrlink);
      sweep(ssrlink);
      malformed(ssrlink);
      nonAscii(ssrlink);
      concurrent(ssrlink);
      clock();
      closing(ssrlink);
      callbacks(); // last: ssrlink_close may log too
    }
  }

  /** The JVM runs as an ASCII-only locale would make it, or the non-ASCII checks prove little. */
  private void environment() {
    Charset charset = Charset.defaultCharset();
    check("the JVM's default charset is not UTF-8 (LC_ALL=C took effect): " + charset,
        !charset.equals(StandardCharsets.UTF_8), charset);
    check("no -Djna.encoding or -Dfile.encoding on the command line",
        System.getProperty("jna.encoding") == null
            && !String.valueOf(System.getProperty("file.encoding")).toUpperCase().contains("UTF"),
        System.getProperty("jna.encoding") + " / " + System.getProperty("file.encoding"));
  }

  /** The binding's JSON on its own: escapes, UTF-8 and refusals. */
  private void json() {
    Object parsed = Json.parse(
        "{\"a\":\"\\u00e9\\ud83d\\ude00\\n\\\"\\\\\\/\",\"n\":[-0,12,1.5e2,99999999999999999999]}");
    @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) parsed;
    check("JSON: \\u escapes decode, a surrogate pair becomes one code point",
        "\u00e9\uD83D\uDE00\n\"\\/".equals(m.get("a"))
            && ((String) m.get("a")).codePointCount(0, 6) == 5,
        m.get("a"));
    check("JSON: numbers as Long, Double and BigInteger",
        m.get("n").toString().equals("[0, 12, 150.0, 99999999999999999999]"), m.get("n"));
    byte[] utf8 = "{\"k\":\"Zo\u00eb \u4e2d\"}".getBytes(StandardCharsets.UTF_8);
    check("JSON: raw UTF-8 bytes decode as UTF-8 whatever the default charset",
        ("Zo\u00eb \u4e2d").equals(((Map<?, ?>) Json.decode(utf8)).get("k")), Json.decode(utf8));
    byte[] written = Json.encode(map("k", "a\"b\\c\n\u0001\u00e9"));
    check("JSON: the encoder escapes quotes, backslashes and controls and writes UTF-8",
        new String(written, StandardCharsets.UTF_8)
            .equals("{\"k\":\"a\\\"b\\\\c\\n\\u0001\u00e9\"}"),
        new String(written, StandardCharsets.UTF_8));
    check("JSON: encode then parse is the identity on nested values",
        Json.parse(Json.write(map("x", List.of(1L, true, map("y", JOSE)), "z", (Object) null)))
            .equals(map("x", List.of(1L, true, map("y", JOSE)), "z", (Object) null)),
        Json.write(map("x", List.of(1L, true, map("y", JOSE)))));
    expectThrows(IllegalArgumentException.class,
        "JSON: invalid UTF-8 bytes are refused, not replaced",
        () -> Json.decode(new byte[] {'"', (byte) 0xC3, '(', '"'}));
    expectThrows(IllegalArgumentException.class,
        "JSON: an unpaired surrogate is refused by the encoder", () -> Json.write("\uD83D"));
    for (String bad : List.of("{\"a\":1,}", "[01]", "{\"a\":1}x", "{'a':1}", "{\"a\":1,\"a\":2}",
             "\"\\x\"", "\"\t\"")) {
      expectThrows(IllegalArgumentException.class, "JSON: refused " + bad, () -> Json.parse(bad));
    }
  }

  /** The host struct JNA lays out matches the C header's. */
  private void host() {
    int size = new SsrlinkLibrary.Host().size();
    check("ssrlink_host is 48 bytes as JNA lays it out (sizeof in C on 64-bit)", size == 48, size);
    int offset = new SsrlinkLibrary.Host().offsetOf("flags");
    check("ssrlink_host.flags is at offset 40", offset == 40, offset);
  }

  private void openFailures() throws IOException {
    String text = Files.readString(config);
    SsrlinkException e =
        expectThrows(SsrlinkException.class, "ssrlink_open refuses an unknown config key",
            () -> Plugin.open(library, text.replaceFirst("\\{", "{\"colour\": 1, "), null).close());
    if (e != null) {
      check("  ... as SSRLINK_CONFIG with a sentence naming the key",
          e.statusName().equals("SSRLINK_CONFIG") && e.sentence().contains("colour"),
          e.getMessage());
    }
  }

  private void credentials(Plugin ssrlink) throws Exception {
    Map<String, Object> setup = actor("system", "java-binding-test");
    // Remove the pair run.sh stored, so the pages below work only through the pair Java stores.
    Map<String, Object> removed = inside(
        () -> ssrlink.credentialsPut(map("scope", "district", "username", "", "actor", setup)));
    check("credentials removed from Java", Boolean.TRUE.equals(removed.get("removed")), removed);
    Map<String, Object> none =
        inside(() -> ssrlink.reports(page(1010, map("role", "admin", "user_id", "demo-admin"))));
    check("without credentials the page is not_configured",
        "not_configured".equals(none.get("outcome")), none);

    Map<String, Object> put =
        inside(()
                   -> ssrlink.credentialsPut(map("scope", "district", "username", "demo-district",
                       "secret_key", "DemoSecretKey-0123456789", "actor", setup)));
    check("credentials stored from Java, the secret masked with U+2022 bullets (UTF-8 result)",
        "demo-district".equals(put.get("username"))
            && String.valueOf(put.get("secret")).startsWith("\u2022")
            && String.valueOf(put.get("secret")).endsWith("6789")
            && !Json.write(put).contains("DemoSecretKey"),
        put);
    Map<String, Object> connection =
        inside(() -> ssrlink.testConnection(map("scope", "district", "actor", setup)));
    check("test_connection accepts the stored pair", Boolean.TRUE.equals(connection.get("ok")),
        connection);
  }

  private void pages(Plugin ssrlink) throws Exception {
    Map<String, Object> family = inside(() -> ssrlink.reports(page(1010, parent("parent-1010-1"))));
    String html = String.valueOf(family.get("html"));
    check("a linked parent's page has outcome reports", "reports".equals(family.get("outcome")),
        family.get("outcome"));
    check("  ... and a report button in html", html.contains("class=\"ssrlink-button"), html);
    List<?> reports = (List<?>) family.get("reports");
    check("  ... and report links on the fake ETS over https",
        reports != null && !reports.isEmpty()
            && reports.stream().allMatch(
                r -> String.valueOf(((Map<?, ?>) r).get("url")).startsWith("https://127.0.0.1:")),
        reports);
    reenter.set(ssrlink); // the denial below logs a line
    Map<String, Object> relative =
        inside(() -> ssrlink.reports(page(1010, parent("relative-1010-2"))));
    check("a log handler calling back into ssrlink is refused with IllegalStateException",
        reentry.startsWith("refused: ") && reentry.contains("must not call back"), reentry);
    check("a relative without educational rights is denied with the one refusal sentence",
        "denied".equals(relative.get("outcome")) && REFUSAL.equals(relative.get("message"))
            && String.valueOf(relative.get("html")).contains("You do not have permission")
            && !String.valueOf(relative.get("html")).contains("ssrlink-button"),
        relative);
  }

  private void sweep(Plugin ssrlink) throws Exception {
    String outboxBefore = sql("SELECT COUNT(*) FROM ssrlink_outbox;");
    String logBefore = sql("SELECT COUNT(*) FROM ssrlink_report_log;");
    int linesBefore = lines.size();
    progress.clear();
    Map<String, Object> summary =
        inside(()
                   -> ssrlink.sweep(map("scope", "district", "dry_run", true,
                       // The demo fixture's newest reports are of the school year before the
                       // current one (tools/fake-ets/fixtures/generate_demo.py).
                       "include_previous_year", true, "worker", "java-test", "actor",
                       actor("system", "nightly-sweep"))));
    // What the district holds, counted in the database rather than written down here.
    long students = Long.parseLong(sql("SELECT COUNT(*) FROM ssrlink_student;"));
    long withoutSsid = Long.parseLong(sql("SELECT COUNT(*) FROM ssrlink_student WHERE ssid = '';"));
    check("a dry sweep checks every student of the district (" + students + " in ssrlink_student)",
        summary.get("students_checked") instanceof Long n && n == students, summary);
    check("  ... and counts those without an SSID (" + withoutSsid + ")",
        summary.get("no_ssid") instanceof Long n && n == withoutSsid && withoutSsid > 0, summary);
    check("  ... finds new reports and counts notices it would queue",
        summary.get("new_reports") instanceof Long r && r > 0
            && summary.get("notices_queued") instanceof Long q && q > 0
            && summary.get("errors") instanceof Map<?, ?> && summary.containsKey("no_email")
            && summary.containsKey("no_ssid") && summary.containsKey("elapsed_ms"),
        summary);
    check("  ... and writes nothing (outbox and report log unchanged)",
        outboxBefore.equals(sql("SELECT COUNT(*) FROM ssrlink_outbox;"))
            && logBefore.equals(sql("SELECT COUNT(*) FROM ssrlink_report_log;")),
        outboxBefore + " / " + logBefore);
    check("progress arrived through the callback, the last one matching the summary",
        !progress.isEmpty() && progress.get(progress.size() - 1).get("batches") instanceof Long
            && "java-test".equals(progress.get(progress.size() - 1).get("worker"))
            && summary.get("students_checked")
                   .equals(progress.get(progress.size() - 1).get("students_checked")),
        progress);
    boolean finished = lines.subList(linesBefore, lines.size())
                           .stream()
                           .anyMatch(l
                               -> l.level() == LogLevel.INFO
                                   && l.text().contains("(dry run) by java-test finished"));
    check("the sweep's log line arrived before ssrlink_sweep returned", finished,
        lines.subList(linesBefore, lines.size()));
  }

  private void malformed(Plugin ssrlink) throws Exception {
    SsrlinkException e =
        expectThrows(SsrlinkException.class, "a malformed request raises SsrlinkException",
            ()
                -> inside(()
                              -> ssrlink.call(Capability.REPORTS,
                                  "{\"student_id\": 1010,".getBytes(StandardCharsets.UTF_8))));
    if (e != null) {
      check("  ... named SSRLINK_INVALID_ARGUMENT with the library's sentence",
          e.status() == SsrlinkLibrary.INVALID_ARGUMENT
              && e.statusName().equals("SSRLINK_INVALID_ARGUMENT")
              && e.getMessage().startsWith("SSRLINK_INVALID_ARGUMENT: ")
              && e.sentence().contains("not valid JSON"),
          e.getMessage());
    }
    e = expectThrows(SsrlinkException.class, "a call without an actor raises SsrlinkException",
        () -> inside(() -> ssrlink.credentialsStatus(map())));
    if (e != null) {
      check("  ... SSRLINK_INVALID_ARGUMENT naming \"actor\"",
          e.statusName().equals("SSRLINK_INVALID_ARGUMENT") && e.sentence().contains("actor"),
          e.getMessage());
    }
    expectThrows(IllegalArgumentException.class,
        "a NUL byte in raw request bytes is refused before C could cut the request short",
        () -> ssrlink.callRaw(Capability.REPORTS, new byte[] {'{', 0, '}'}));
  }

  private void nonAscii(Plugin ssrlink) throws Exception {
    // A viewer "josé": linked to nothing, so denied; the audit row and the log line must name
    // exactly "josé" in UTF-8.
    Map<String, Object> jose = inside(() -> ssrlink.reports(page(1010, parent(JOSE))));
    check("viewer \"jos\\u00e9\" is denied (no portal link)", "denied".equals(jose.get("outcome")),
        jose);
    String audit =
        sql("SELECT reason FROM ssrlink_audit WHERE action = 'reports' AND student_id = 1010"
            + " AND hex(user_id) = '" + hex(JOSE) + "';");
    check("the audit row names viewer.user_id as the UTF-8 bytes of \"jos\\u00e9\" (" + hex(JOSE)
            + ")",
        audit.equals("parent_not_linked"),
        audit + " / rows for that student: "
            + sql("SELECT hex(user_id) FROM ssrlink_audit WHERE student_id = 1010;"));
    check("the log callback echoes \"jos\\u00e9\" intact",
        lineCount("parent \"" + JOSE + "\"") == 1, lines);

    // An actor "Zoë".
    Map<String, Object> status =
        inside(() -> ssrlink.credentialsStatus(map("actor", actor("admin", ZOE))));
    check("credentials_status as actor \"Zo\\u00eb\" succeeds",
        status.get("scopes") instanceof List<?>, status);
    String actorRow =
        sql("SELECT role || ' ' || outcome FROM ssrlink_audit WHERE action = 'credentials_status'"
            + " AND hex(user_id) = '" + hex(ZOE) + "';");
    check(
        "the audit row names actor \"Zo\\u00eb\" in UTF-8", actorRow.equals("admin ok"), actorRow);

    // check_mapping (ABI 1.2) through the interface mapping: the demo district's views are sound.
    Map<String, Object> mapping =
        inside(() -> ssrlink.checkMapping(map("actor", actor("admin", ZOE))));
    check("check_mapping: the demo mapping is ok, every statement EXPLAINed",
        Boolean.TRUE.equals(mapping.get("ok")) && mapping.get("statements") instanceof List<?>
            && !((List<?>) mapping.get("statements")).isEmpty(),
        mapping);

    // ets_probe (ABI 1.3): the demo ETS matches the wire profile, and nothing is revealed.
    Map<String, Object> probe =
        inside(
            () ->
                ssrlink.etsProbe(
                    map("actor", actor("admin", ZOE), "scope", "district", "ssid", "2000000010")));
    String probeText = String.valueOf(probe);
    check("ets_probe: matched, no SSID, secret or link in the report",
        Boolean.TRUE.equals(probe.get("matched")) && !probeText.contains("2000000010")
            && !probeText.contains("DemoSecretKey") && !probeText.contains("https://"),
        probe);

    // A non-ASCII key goes in and comes back in the error sentence.
    Map<String, Object> request = page(1010, parent("parent-1010-1"));
    request.put(COLOUR, "red");
    SsrlinkException e = expectThrows(SsrlinkException.class,
        "an unknown key \"col\\u00f3ur\" is refused", () -> inside(() -> ssrlink.reports(request)));
    if (e != null) {
      check("  ... and the sentence echoes \"col\\u00f3ur\" intact (no '?')",
          e.sentence().contains("\"" + COLOUR + "\"") && !e.sentence().contains("col?ur"),
          e.sentence());
    }

    // Invalid UTF-8 on purpose: "jos" followed by 0xC3 0x28 (a lead byte and no continuation).
    byte[] head = ("{\"student_id\": 1010, \"viewer\": {\"role\": \"parent\", \"permitted\": true,"
        + " \"user_id\": \"jos")
                      .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
    byte[] bad = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, bad, 0, head.length);
    bad[head.length] = (byte) 0xC3;
    bad[head.length + 1] = (byte) 0x28;
    System.arraycopy(tail, 0, bad, head.length + 2, tail.length);
    e = expectThrows(SsrlinkException.class, "a request with invalid UTF-8 raises SsrlinkException",
        () -> inside(() -> ssrlink.call(Capability.REPORTS, bad)));
    if (e != null) {
      check("  ... SSRLINK_INVALID_ARGUMENT saying \"viewer.user_id\" is not valid UTF-8",
          e.statusName().equals("SSRLINK_INVALID_ARGUMENT")
              && e.sentence().contains("not valid UTF-8")
              && e.sentence().contains("viewer.user_id"),
          e.sentence());
    }
  }

  /** Four threads share the handle; each callback arrives on a thread inside a call. */
  private void concurrent(Plugin ssrlink) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String user = i % 2 == 0 ? "parent-1010-1" : "relative-1010-2";
        results.add(pool.submit(
            () -> inside(() -> ssrlink.reports(page(1010, parent(user))).get("outcome"))));
      }
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> f : results) {
        outcomes.add(f.get(120, TimeUnit.SECONDS));
      }
      check("eight pages on four threads at once: reports and denied alternate as asked",
          outcomes.equals(List.of(
              "reports", "denied", "reports", "denied", "reports", "denied", "reports", "denied")),
          outcomes);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * A second handle whose now_ms callback runs 400 days ahead: the pair stored today for 365 days
   * has then expired, which only the host's clock can make the library say.
   */
  private void clock() throws Exception {
    long ahead = 400L * 24 * 60 * 60 * 1000;
    List<Thread> clockThreads = new CopyOnWriteArrayList<>();
    Plugin.Options later = options().clock(() -> {
      clockThreads.add(Thread.currentThread());
      if (!inCall.contains(Thread.currentThread())) {
        foreignCallbacks.add("now_ms on " + Thread.currentThread().getName());
      }
      return System.currentTimeMillis() + ahead;
    });
    String configText = Files.readString(config);
    // ssrlink_open and ssrlink_close are calls on the handle too: callbacks may run inside them.
    Plugin future = inside(() -> Plugin.open(library, configText, later));
    try {
      System.gc();
      Map<String, Object> status = inside(()
                                              -> future.credentialsStatus(map("scope", "district",
                                                  "actor", actor("admin", "clock-test"))));
      Map<?, ?> district = (Map<?, ?>) ((List<?>) status.get("scopes")).get(0);
      check("the now_ms callback is the library's clock: 400 days on, the pair has expired",
          !clockThreads.isEmpty() && district.get("days_left") instanceof Long d && d < 0
              && district.get("warning") instanceof String,
          district);
    } finally {
      inside(() -> {
        future.close();
        return null;
      });
    }
  }

  private void callbacks() throws Exception {
    check("log lines arrived through the callback", lines.size() > 0, lines.size());
    // The library logs each new ETS connection on the thread that runs its ETS I/O: the calling
    // thread for a page or a test connection, its own thread for a sweep's calls. With the flag a
    // line from its own thread is held and handed over on the thread inside the call.
    check("the library's I/O threads logged (\"ETS connection opened\"),"
            + " so the next check covers them",
        lineCount("ETS connection opened") > 0, lines);
    check("SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD: every callback ran on a thread"
            + " inside an ssrlink call",
        foreignCallbacks.isEmpty(), foreignCallbacks);

    // The control: a dry sweep without the flag gets the I/O thread's line on a thread that is in
    // no call (one JNA attached to the JVM), so the check above is one that can fail. (A test
    // connection would not do: the calling thread runs its own ETS I/O.)
    List<String> outside = new CopyOnWriteArrayList<>();
    Plugin.Options without =
        new Plugin.Options().callbacksOnCallerThread(false).log((level, text) -> {
          if (!inCall.contains(Thread.currentThread())) {
            outside.add(Thread.currentThread().getName() + ": " + text);
          }
        });
    String configText = Files.readString(config);
    Plugin plain = inside(() -> Plugin.open(library, configText, without));
    try {
      inside(()
                 -> plain.sweep(map("scope", "district", "dry_run", true, "worker", "java-control",
                     "actor", actor("system", "control"))));
    } finally {
      inside(() -> {
        plain.close();
        return null;
      });
    }
    check(
        "control: without the flag, \"ETS connection opened\" arrives on a thread outside any call",
        outside.stream().anyMatch(l -> l.contains("ETS connection opened")), outside);
  }

  private void closing(Plugin ssrlink) throws Exception {
    inside(() -> {
      ssrlink.close();
      ssrlink.close(); // idempotent: the second does nothing
      return null;
    });
    check("close() twice leaves the handle closed", ssrlink.isClosed(), "open");
    expectThrows(IllegalStateException.class, "a call after close() throws IllegalStateException",
        () -> ssrlink.reports(page(1010, parent("parent-1010-1"))));
  }
}
