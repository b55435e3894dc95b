<?php
/**
 * bindings.php_demo_district: the PHP binding against the real library, the real SQLite ODBC
 * driver and the real fake ETS over TLS, with the demo district up (tools/demo/with_demo.sh).
 *
 *   SSRLINK_DEMO_DIR=build/bindings-php/demo \
 *     php plugin_test.php <source dir> <ssrlink_ffi.h> <libssrlink.so>
 *
 * From PHP: opens the plugin (caller-thread flag, a log and a progress callback), stores the
 * demo TOMS pair, renders a parent's page and a relative's refusal, runs a dry sweep twice,
 * checks that bad requests raise SsrlinkException with the status name, that the log arrived
 * through the callback on PHP's own thread without a secret in it, and closes.
 */

declare(strict_types=1);

use Ssrlink\Library;
use Ssrlink\Plugin;
use Ssrlink\SsrlinkException;
use Ssrlink\Test\Harness as T;

[, $source, $headerPath, $libraryPath] = $argv + [null, null, null, null];
$demo = getenv('SSRLINK_DEMO_DIR');
if ($libraryPath === null || $demo === false) {
    fwrite(STDERR, "usage: SSRLINK_DEMO_DIR=DIR php plugin_test.php SOURCE_DIR FFI_HEADER LIBRARY\n");
    exit(2);
}
require "$source/tools/bindings/php/src/Ssrlink.php";
require __DIR__ . '/harness.php';

$config = json_decode(file_get_contents("$demo/config.json"), true, 512, JSON_THROW_ON_ERROR);
$database = "$demo/district.db";
// The pair the fake ETS accepts is its fixture's; the test takes it from there.
$fixture = json_decode(file_get_contents("$source/tools/fake-ets/fixtures/demo.json"), true, 512,
    JSON_THROW_ON_ERROR);
$pair = $fixture['credentials'][0];

/** One value from the district database, through the sqlite3 command line the demo uses. */
function sql(string $database, string $query): string
{
    $out = shell_exec('sqlite3 ' . escapeshellarg($database) . ' ' . escapeshellarg($query));
    if (!is_string($out)) {
        throw new RuntimeException("sqlite3 failed: $query");
    }
    return trim($out);
}

// The OS thread each callback ran on: with SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD it must be
// PHP's own (the process's main thread, whose id is the pid), never a library thread.
$libc = FFI::cdef('int gettid(void);');
$logLines = [];
$progress = [];
$threads = [];
$log = function (string $level, string $line) use (&$logLines, &$threads, $libc): void {
    $logLines[] = [$level, $line];
    $threads[$libc->gettid()] = true;
};
$onProgress = function (array $report) use (&$progress, &$threads, $libc): void {
    $progress[] = $report;
    $threads[$libc->gettid()] = true;
};
$actor = ['role' => 'system', 'user_id' => 'php-binding-test'];

$ffi = null;
T::section('loading the library through FFI', function () use (&$ffi, $headerPath, $libraryPath) {
    $ffi = Library::ffi($headerPath, $libraryPath);
    T::equals('ssrlink_abi_version() is SSRLINK_ABI_VERSION', $ffi->SSRLINK_ABI_VERSION,
        $ffi->ssrlink_abi_version());
    T::check('a second load in the same request reuses the FFI', Library::ffi($headerPath,
        $libraryPath) === $ffi);
});
if ($ffi === null) {
    T::finish('php binding');
}

$plugin = null;
T::section('ssrlink_open', function () use (&$plugin, $config, $log, $onProgress, $ffi) {
    $plugin = new Plugin($config, log: $log, progress: $onProgress, ffi: $ffi);
    T::check('the plugin is open', $plugin->isOpen());
    $bad = T::throws('a config with an unknown key is refused', SsrlinkException::class,
        fn() => new Plugin($config + ['no_such_key' => 1], ffi: $ffi));
    if ($bad !== null) {
        T::equals('... with SSRLINK_CONFIG', 'SSRLINK_CONFIG', $bad->statusName);
        T::check('... and a sentence naming the key', str_contains($bad->sentence, 'no_such_key'),
            $bad->sentence);
        T::check('... the message is "<status>: <sentence>"',
            $bad->getMessage() === "SSRLINK_CONFIG: {$bad->sentence}", $bad->getMessage());
    }
});
if ($plugin === null) {
    T::finish('php binding');
}

T::section('credentials', function () use ($plugin, $pair, $actor, $database) {
    $stored = $plugin->credentialsPut(['scope' => 'district', 'username' => $pair['username'],
        'secret_key' => $pair['secret_key'], 'actor' => $actor]);
    T::equals('credentials_put stores the district pair', $pair['username'], $stored['username'] ?? null);
    T::check('the result masks the Secret Key', !str_contains(json_encode($stored), $pair['secret_key'])
        && str_ends_with((string) ($stored['secret'] ?? ''), substr($pair['secret_key'], -4)), $stored);
    $sealed = sql($database, "SELECT count(*) FROM ssrlink_credentials WHERE scope = 'district'");
    T::equals('one sealed row for the district', '1', $sealed);
    T::check('the database does not hold the Secret Key in clear',
        !str_contains(sql($database, '.dump ssrlink_credentials'), $pair['secret_key']));
    $connection = $plugin->testConnection(['scope' => 'district', 'actor' => $actor]);
    T::check('test_connection: fake ETS over TLS accepts the pair', ($connection['ok'] ?? null) === true,
        $connection);
});

T::section('a parent-portal account sees report buttons', function () use ($plugin, $database) {
    $audited = (int) sql($database, "SELECT count(*) FROM ssrlink_audit WHERE action = 'reports'");
    $page = $plugin->reports(['student_id' => 1010, 'page' => 'test_scores', 'ui_language' => 'en',
        'viewer' => ['role' => 'parent', 'user_id' => 'parent-1010-1', 'permitted' => true]]);
    T::equals('outcome "reports"', 'reports', $page['outcome'] ?? null);
    T::check('at least one report', count($page['reports'] ?? []) > 0, $page);
    T::check('the HTML has a report button', str_contains($page['html'] ?? '', 'class="ssrlink-button'),
        substr($page['html'] ?? '', 0, 400));
    $urls = array_column($page['reports'] ?? [], 'url');
    T::check('every report link is https on the fake ETS', $urls !== [] && array_filter($urls,
        fn($u) => !str_starts_with($u, 'https://127.0.0.1:')) === [], $urls);
    T::check('the HTML is the fragment the library made (UTF-8 intact)',
        preg_match('//u', $page['html'] ?? '') === 1 && str_starts_with($page['html'] ?? '', '<section'));
    T::equals('one audit row for the page', $audited + 1,
        (int) sql($database, "SELECT count(*) FROM ssrlink_audit WHERE action = 'reports'"));
});

T::section('a relative without educational rights is refused', function () use ($plugin, $database) {
    $page = $plugin->reports(['student_id' => 1010,
        'viewer' => ['role' => 'parent', 'user_id' => 'relative-1010-2', 'permitted' => true]]);
    T::equals('outcome "denied" (a page, not an exception)', 'denied', $page['outcome'] ?? null);
    T::equals('the one refusal sentence',
        "You do not have permission to view this student's test score reports.", $page['message'] ?? null);
    T::check('no report and no button', ($page['reports'] ?? []) === []
        && !str_contains($page['html'] ?? '', 'ssrlink-button'), $page);
    T::equals('the audit row says why', 'parent_without_educational_rights', sql($database,
        "SELECT reason FROM ssrlink_audit WHERE action = 'reports' AND user_id = 'relative-1010-2' "
        . 'ORDER BY id DESC LIMIT 1'));
});

// The fixture's reports are those of the school years up to 2025-26, as seen in the fall of
// 2026-27; the sweep's plugin is given that date through the now_ms callback, so the count does
// not depend on the day the test runs.
$fall = (new DateTimeImmutable('2026-11-16T16:00:00Z'))->getTimestamp() * 1000;
T::section('a dry sweep counts and writes nothing', function () use ($config, $ffi, $database, $actor,
    $fixture, $fall, $log, $onProgress, &$progress, &$threads, $libc) {
    $clockAsked = 0;
    $sweeper = new Plugin($config, log: $log, progress: $onProgress,
        nowMs: function () use (&$clockAsked, &$threads, $libc, $fall): int {
            $clockAsked++;
            $threads[$libc->gettid()] = true;
            return $fall;
        }, ffi: $ffi);
    // What the sweep must find, from the district and the fixture: every student not deleted;
    // those without an SSID; per SSID the fixture's answer (absent: SSID_NOT_FOUND; an error
    // other than NO_TEST_DATA is counted by its code); a new report per test and year with a
    // Final report in 2025-26 (include_previous_year) or 2026-27.
    $students = (int) sql($database, 'SELECT count(*) FROM ssrlink_student');
    $withoutSsid = (int) sql($database, "SELECT count(*) FROM ssrlink_student WHERE ssid = ''");
    $expectedErrors = [];
    $expectedNew = 0;
    foreach (explode("\n", sql($database, "SELECT ssid FROM ssrlink_student WHERE ssid <> ''")) as $ssid) {
        $answer = $fixture['students'][$ssid] ?? ['error' => ['errorCode' => 'SSID_NOT_FOUND']];
        if (isset($answer['error'])) {
            $code = strtolower($answer['error']['errorCode']);
            if ($code !== 'no_test_data') {
                $expectedErrors[$code] = ($expectedErrors[$code] ?? 0) + 1;
            }
            continue;
        }
        $keys = [];
        foreach ($answer['reports'] as $report) {
            if ($report['status'] === 'Final' && in_array($report['administrationYear'], ['2025-26', '2026-27'], true)) {
                $keys[$report['reportType'] . ':' . $report['administrationYear']] = true;
            }
        }
        $expectedNew += count($keys);
    }
    ksort($expectedErrors);
    $outbox = (int) sql($database, 'SELECT count(*) FROM ssrlink_outbox');
    $logged = (int) sql($database, 'SELECT count(*) FROM ssrlink_report_log');
    $progress = [];
    $request = ['scope' => 'district', 'dry_run' => true, 'include_previous_year' => true,
        'actor' => $actor];
    $summary = $sweeper->sweep($request);
    T::equals('students_checked is every student in the district', $students,
        $summary['students_checked'] ?? null);
    T::equals('no_ssid is every student without an SSID', $withoutSsid, $summary['no_ssid'] ?? null);
    T::check('the fixture holds new reports for this date', $expectedNew > 0);
    T::equals('new_reports is every test and year with a new Final report', $expectedNew,
        $summary['new_reports'] ?? null);
    T::check('notices would be queued', ($summary['notices_queued'] ?? 0) > 0, $summary);
    T::check('guardians without a usable email are counted', ($summary['no_email'] ?? 0) > 0, $summary);
    $errors = $summary['errors'] ?? null;
    is_array($errors) && ksort($errors);
    T::equals("errors are the fixture's error answers", $expectedErrors, $errors);
    T::equals('the outbox is untouched', $outbox, (int) sql($database, 'SELECT count(*) FROM ssrlink_outbox'));
    T::equals('the report log is untouched', $logged,
        (int) sql($database, 'SELECT count(*) FROM ssrlink_report_log'));
    $again = $sweeper->sweep($request);
    T::equals('a second dry sweep finds the same reports (the first wrote nothing)',
        $summary['new_reports'] ?? null, $again['new_reports'] ?? null);
    T::check('progress arrived through the callback', $progress !== []
        && isset($progress[0]['students_checked'], $progress[0]['batches']), $progress);
    T::check('the host clock was asked through the now_ms callback', $clockAsked > 0);
    T::equals('each sweep left one audit row naming the actor', '2', sql($database,
        "SELECT count(*) FROM ssrlink_audit WHERE action = 'sweep' AND user_id = 'php-binding-test'"));
    $sweeper->close();
});

T::section('check_mapping (ABI 1.2): the demo mapping is sound', function () use ($plugin, $actor) {
    $report = $plugin->checkMapping(['actor' => $actor]);
    T::equals('ok is true', true, $report['ok'] ?? null);
    T::equals('the dialect is SQLite', 'sqlite', $report['dialect'] ?? null);
    $names = array_map(fn($c) => $c['check'] ?? '', $report['checks'] ?? []);
    T::check('the report holds one_row_per_student', in_array('one_row_per_student', $names, true),
        $names);
    T::check('every statement was EXPLAINed and passed', ($report['statements'] ?? []) !== []
        && array_filter($report['statements'], fn($s) => ($s['status'] ?? '') !== 'pass') === [],
        $report['statements'] ?? null);
});

T::section('ets_probe (ABI 1.3): the demo ETS matches the wire profile, redacted', function () use ($plugin, $actor) {
    $report = $plugin->etsProbe(['actor' => $actor, 'scope' => 'district', 'ssid' => '2000000010']);
    T::equals('matched is true', true, $report['matched'] ?? null);
    T::equals('two steps: token, reports', ['token', 'reports'],
        array_map(fn($s) => $s['name'] ?? '', $report['steps'] ?? []));
    $all = json_encode($report, JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
    T::check('the report names no SSID, secret or link', !str_contains($all, '2000000010')
        && !str_contains($all, 'DemoSecretKey') && !str_contains($all, 'https://'), $all);
});

T::section('bad requests raise SsrlinkException', function () use ($plugin, $actor) {
    $e = T::throws('malformed JSON', SsrlinkException::class,
        fn() => $plugin->callJson('reports', '{"student_id": 1010,'));
    if ($e !== null) {
        T::equals('... is SSRLINK_INVALID_ARGUMENT', 'SSRLINK_INVALID_ARGUMENT', $e->statusName);
        T::equals('... with the status code', 1, $e->getCode());
        T::check('... and the library\'s sentence', $e->sentence !== '' && $e->sentence !== 'ssrlink gave no message.',
            $e->sentence);
    }
    $e = T::throws('a sweep without an actor', SsrlinkException::class,
        fn() => $plugin->sweep(['scope' => 'district', 'dry_run' => true]));
    if ($e !== null) {
        T::equals('... is SSRLINK_INVALID_ARGUMENT', 'SSRLINK_INVALID_ARGUMENT', $e->statusName);
        T::check('... naming "actor"', str_contains($e->sentence, 'actor'), $e->sentence);
    }
    $e = T::throws('a viewer.user_id with a control character', SsrlinkException::class,
        fn() => $plugin->reports(['student_id' => 1010, 'viewer' => ['role' => 'admin',
            'user_id' => "tab\tin-id"]]));
    if ($e !== null) {
        T::check('... names viewer.user_id', str_contains($e->sentence, 'viewer.user_id'), $e->sentence);
    }
    T::throws('invalid UTF-8 never reaches the library (JsonException)', JsonException::class,
        fn() => $plugin->credentialsStatus(['scope' => "\xff", 'actor' => $actor]));
    T::throws('a capability the ABI does not have', InvalidArgumentException::class,
        fn() => $plugin->call('drop_tables', []));
    T::equals('statusName() of an unknown code', 'SSRLINK_UNKNOWN_STATUS', $plugin->statusName(999));
});

T::section('a throwing callback does not cross into C', function () use ($config, $ffi, $demo) {
    $throwing = $config;
    $throwing['seal_key_file'] = "$demo/php-throwing-callback.key"; // created, and its creation logged
    @unlink($throwing['seal_key_file']);
    $e = T::throws('the exception of the log callback is rethrown after ssrlink_open returned',
        DomainException::class, fn() => new Plugin($throwing,
            log: function (string $level, string $line): void {
                throw new DomainException('the host log is down');
            }, ffi: $ffi));
    T::check('... it is the callback\'s exception', $e?->getMessage() === 'the host log is down');
});

T::section('as PHP-FPM loads it: ffi.preload + opcache.preload', function () use ($source, $headerPath,
    $libraryPath) {
    // PHP refuses to preload as root unless told which user runs the preload script.
    $user = function_exists('posix_geteuid') ? posix_getpwuid(posix_geteuid())['name']
        : trim((string) shell_exec('id -un'));
    $command = implode(' ', array_map('escapeshellarg', ['env',
        'LD_LIBRARY_PATH=' . dirname($libraryPath), PHP_BINARY,
        '-d', 'ffi.enable=preload', '-d', 'ffi.preload=' . dirname($headerPath) . '/ssrlink_ffi_preload.h',
        '-d', 'opcache.enable_cli=1', '-d', "opcache.preload=$source/tools/bindings/php/preload.php",
        '-d', "opcache.preload_user=$user", __DIR__ . '/preloaded_page.php'])) . ' 2>&1';
    $out = (string) shell_exec($command);
    T::check('the binding\'s classes come from opcache.preload', str_contains($out, 'classes preloaded: yes'), $out);
    T::check('Library::ffi() takes the scope "ssrlink" and the family account sees a page',
        str_contains($out, 'outcome: reports'), $out);
    T::check('... with report buttons', preg_match('/buttons: [1-9]/', $out) === 1, $out);
    T::check('... and log lines through the callback', preg_match('/log lines: [1-9]/', $out) === 1, $out);
});

T::section('the log arrived through the callback', function () use ($plugin, &$logLines, &$threads, $pair) {
    $plugin->close();
    T::check('the handle is closed', !$plugin->isOpen());
    T::check('log lines arrived', count($logLines) > 0);
    T::check('every level is a PSR-3 name', array_diff(array_column($logLines, 0),
        Plugin::LOG_LEVELS) === [], array_unique(array_column($logLines, 0)));
    T::check('no log line holds the Secret Key', array_filter($logLines,
        fn($l) => str_contains($l[1], $pair['secret_key'])) === []);
    T::equals('every callback ran on PHP\'s own thread', [getmypid()], array_keys($threads));
    T::throws('a closed plugin refuses calls', LogicException::class,
        fn() => $plugin->reports(['student_id' => 1010]));
    $plugin->close();
    T::check('close() twice is harmless', !$plugin->isOpen());
    echo '   (' . count($logLines) . " log lines; last: {$logLines[array_key_last($logLines)][1]})\n";
});

T::finish('php binding');
