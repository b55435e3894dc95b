<?php
/**
 * What a PHP-FPM request pays for ssrlink, on this machine (README.md, "Life cycle under
 * PHP-FPM"). Needs a running demo district (tools/demo/run.sh, or tools/demo/with_demo.sh):
 *
 *   php -d ffi.enable=preload tools/bindings/php/bench/lifecycle.php build/demo/config.json \
 *       [--requests 200] [--header build/abi/ffi/ssrlink_ffi.h] [--library build/plugin/libssrlink.so]
 *
 * One "request" is one parent's Test Scores page (student 1010, parent-1010-1). Measured:
 *   cold      FFI::cdef (parse the header, dlopen) + ssrlink_open + page + close: an FPM worker
 *             without opcache.preload, where nothing FFI survives a request;
 *   preloaded ssrlink_open + page + close with the FFI already loaded: FPM with opcache.preload;
 *   reused    one page on a handle opened once: what a long-lived PHP process (a queue worker,
 *             RoadRunner, Swoole) or a CLI job pays;
 *   open+close ssrlink_open + close alone, without a call in between;
 *   cdef      FFI::cdef alone (the library stays loaded: it is linked -z nodelete).
 * The preloaded request is also shown in its parts: open, the handle's first page, close.
 * The link cache lives in the database, so every variant serves the same cached links after the
 * warm-up page: the differences are the life cycle, not ETS.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/src/Ssrlink.php';

use Ssrlink\Plugin;

$args = $argv;
array_shift($args);
$options = ['requests' => '200', 'header' => null, 'library' => null];
$configPath = null;
while ($args !== []) {
    $arg = array_shift($args);
    if (str_starts_with($arg, '--') && array_key_exists(substr($arg, 2), $options)) {
        $options[substr($arg, 2)] = array_shift($args);
    } elseif ($configPath === null) {
        $configPath = $arg;
    } else {
        fwrite(STDERR, "usage: lifecycle.php CONFIG.json [--requests N] [--header H] [--library L]\n");
        exit(2);
    }
}
if ($configPath === null) {
    fwrite(STDERR, "usage: lifecycle.php CONFIG.json [--requests N] [--header H] [--library L]\n");
    exit(2);
}
$root = dirname(__DIR__, 4);
$header = $options['header'] ?? getenv('SSRLINK_FFI_HEADER') ?: "$root/build/abi/ffi/ssrlink_ffi.h";
$library = $options['library'] ?? getenv('SSRLINK_LIBRARY') ?: "$root/build/plugin/libssrlink.so";
$requests = max(1, (int) $options['requests']);
$config = json_decode(file_get_contents($configPath), true, 512, JSON_THROW_ON_ERROR);
$page = ['student_id' => 1010, 'page' => 'test_scores',
    'viewer' => ['role' => 'parent', 'user_id' => 'parent-1010-1', 'permitted' => true]];
$code = file_get_contents($header);

function served(array $result): void
{
    if (($result['outcome'] ?? null) !== 'reports') {
        throw new RuntimeException('the page was not served: ' . json_encode($result));
    }
}

/** Runs $body $n times; returns the durations in milliseconds. */
function timed(int $n, callable $body): array
{
    $ms = [];
    for ($i = 0; $i < $n; $i++) {
        $start = hrtime(true);
        $body();
        $ms[] = (hrtime(true) - $start) / 1e6;
    }
    return $ms;
}

function report(string $name, array $ms): void
{
    sort($ms);
    $n = count($ms);
    $pick = fn(float $q) => $ms[min($n - 1, (int) floor($q * $n))];
    printf("%-13s n=%-5d mean %8.3f ms   median %8.3f ms   p95 %8.3f ms   max %8.3f ms\n",
        $name, $n, array_sum($ms) / $n, $pick(0.5), $pick(0.95), $ms[$n - 1]);
}

$ffi = FFI::cdef($code, $library);
$warm = new Plugin($config, ffi: $ffi);
$first = $warm->reports($page); // fills the link cache (one ETS call at most)
served($first);
$cached = $warm->reports($page);
$warm->close();

printf("ssrlink %s, PHP %s (%s), %d requests each; pages after warm-up come from the link cache: %s\n",
    FFI::cdef($code, $library)->ssrlink_abi_version(), PHP_VERSION, PHP_ZTS ? 'ZTS' : 'NTS',
    $requests, json_encode($cached['cached'] ?? null));

report('cold', timed($requests, function () use ($code, $library, $config, $page) {
    $fresh = FFI::cdef($code, $library);
    $plugin = new Plugin($config, ffi: $fresh);
    served($plugin->reports($page));
    $plugin->close();
}));
// The preloaded request, timed in its three parts.
$parts = ['open' => [], 'first page' => [], 'close' => []];
report('preloaded', timed($requests, function () use ($ffi, $config, $page, &$parts) {
    $t0 = hrtime(true);
    $plugin = new Plugin($config, ffi: $ffi);
    $t1 = hrtime(true);
    served($plugin->reports($page));
    $t2 = hrtime(true);
    $plugin->close();
    $t3 = hrtime(true);
    $parts['open'][] = ($t1 - $t0) / 1e6;
    $parts['first page'][] = ($t2 - $t1) / 1e6;
    $parts['close'][] = ($t3 - $t2) / 1e6;
}));
foreach ($parts as $name => $ms) {
    report("  $name", $ms);
}
$plugin = new Plugin($config, ffi: $ffi);
served($plugin->reports($page)); // the handle's first page connects to the database
report('reused', timed($requests, fn() => served($plugin->reports($page))));
$plugin->close();
report('open+close', timed($requests, function () use ($ffi, $config) {
    (new Plugin($config, ffi: $ffi))->close();
}));
report('cdef', timed($requests, fn() => FFI::cdef($code, $library)));
