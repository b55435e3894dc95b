<?php
// abi.ffi_header_php: the generated FFI headers against ssrlink.h and the built library.
//   php ffi_header_test.php <ssrlink.h> <ssrlink_ffi.h> <ssrlink_ffi_preload.h> <libssrlink.so>
// Checks, each printed:
//   1. ssrlink_ffi.h holds declarations only (no preprocessor line, no attribute);
//   2. FFI::cdef accepts it with the library, so every declared function resolves;
//   3. every integer `#define SSRLINK_*` of ssrlink.h is an FFI constant of the same value, read
//      from ssrlink.h here independently of the generator (a new constant cannot vanish, and a
//      #define this test cannot classify fails it rather than go unchecked);
//   4. the library speaks the header's ABI version and accepts the FFI's ssrlink_host, flags set
//      (FFI and the C compiler agree on its layout);
//   5. ssrlink_ffi_preload.h starts with FFI_SCOPE "ssrlink" and FFI_LIB (the SONAME), works with
//      FFI::load, and through ffi.preload in a child php as FFI::scope("ssrlink").
// Exits 1 when any check failed.
declare(strict_types=1);

[, $headerPath, $ffiPath, $preloadPath, $libraryPath] = $argv + [null, null, null, null, null];
if ($libraryPath === null) {
    fwrite(STDERR, "usage: php ffi_header_test.php SSRLINK_H FFI_H PRELOAD_H LIBRARY\n");
    exit(2);
}

$failures = 0;
function check(bool $ok, string $what, string $detail = ''): void
{
    global $failures;
    echo ($ok ? 'ok   ' : 'FAIL ') . $what . ($ok || $detail === '' ? '' : ": $detail") . "\n";
    if (!$ok) {
        $failures++;
    }
}

$header = file_get_contents($headerPath);
$code = file_get_contents($ffiPath);
$preload = file_get_contents($preloadPath);

// 1.
check(!preg_match('/^\s*#/m', $code), 'ssrlink_ffi.h has no preprocessor line');
check(!preg_match('/__attribute__|__declspec|extern\s+"C"/', $code),
      'ssrlink_ffi.h has no attribute and no extern "C"');

// 2.
$ffi = null;
try {
    $ffi = FFI::cdef($code, $libraryPath);
    check(true, 'FFI::cdef accepts ssrlink_ffi.h and resolves every function in the library');
} catch (Throwable $e) {
    check(false, 'FFI::cdef accepts ssrlink_ffi.h and resolves every function', $e->getMessage());
    exit(1);
}
preg_match_all('/^\s*SSRLINK_API\s[^;]*?\b(ssrlink_\w+)\s*\(/m', $header, $declared);
preg_match_all('/\b(ssrlink_\w+)\s*\(/', $code, $generated);
$missing = array_diff($declared[1], $generated[1]);
check(count($declared[1]) > 0 && $missing === [],
      'every SSRLINK_API function of ssrlink.h is declared (' . count($declared[1]) . ')',
      'missing: ' . implode(', ', $missing));

// 3. Comments are removed first, so a trailing /* ... */ is not part of a value.
$bare = preg_replace('~/\*.*?\*/~s', ' ', $header);
$bare = preg_replace('~//[^\n]*~', '', $bare);
preg_match_all('/^[ \t]*#[ \t]*define[ \t]+(SSRLINK_\w+)\b(\(?)[ \t]*(.*?)[ \t]*$/m', $bare, $m,
               PREG_SET_ORDER);
$values = [];
$unclassified = [];
foreach ($m as [, $name, $paren, $value]) {
    if ($paren !== '') {
        $unclassified[] = "$name (a function-like macro)";
        continue;
    }
    if ($value === '' || $name === 'SSRLINK_API') {
        continue; // the include guard; the attribute macro, defined empty for FFI parsers
    }
    // A constant expression over integer literals and earlier constants.
    $expr = preg_replace_callback('/\bSSRLINK_\w+\b/', fn($n) => array_key_exists($n[0], $values)
        ? '(' . $values[$n[0]] . ')' : $n[0], $value);
    $expr = preg_replace('/\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]+\b/', '$1', $expr);
    if (!preg_match('/^(0[xX][0-9a-fA-F]+|\d+|<<|>>|[-+*%|&^~()\s])+$/', $expr)) {
        $unclassified[] = "$name ($value)";
        continue;
    }
    $values[$name] = eval("return (int) ($expr);"); // only digits and operators reach here
}
check($unclassified === [], 'every #define SSRLINK_* of ssrlink.h is an integer constant',
      'this test cannot check: ' . implode(', ', $unclassified));
check(isset($values['SSRLINK_OK'], $values['SSRLINK_LOG_ERROR'],
            $values['SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD'], $values['SSRLINK_ABI_VERSION']),
      'the test reads ssrlink.h (' . count($values) . ' constants found)');
foreach ($values as $name => $value) {
    try {
        $got = $ffi->$name;
        check($got === $value, "$name = $value in the FFI header", "FFI has " . var_export($got, true));
    } catch (Throwable $e) {
        check(false, "$name = $value in the FFI header", $e->getMessage());
    }
}

// 4.
check($ffi->ssrlink_abi_version() === $values['SSRLINK_ABI_VERSION'],
      'ssrlink_abi_version() of the library is SSRLINK_ABI_VERSION');
$host = $ffi->new('ssrlink_host');
$host->struct_size = FFI::sizeof($host);
$host->flags = $ffi->SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD;
$plugin = $ffi->new('ssrlink_plugin*');
$error = $ffi->new('ssrlink_buffer*');
$status = $ffi->ssrlink_open(FFI::addr($host), 'this is not JSON', FFI::addr($plugin), FFI::addr($error));
// FFI hands a `const char *` result over as a PHP string.
$message = FFI::isNull($error) ? '' : $ffi->ssrlink_buffer_data($error);
$ffi->ssrlink_buffer_free($error);
check($status === $ffi->SSRLINK_INVALID_ARGUMENT && FFI::isNull($plugin)
      && $message !== '' && !str_contains($message, 'ssrlink_host'),
      'ssrlink_open accepts the FFI ssrlink_host (size ' . FFI::sizeof($host)
      . ', caller-thread flag) and refuses only the malformed config',
      $ffi->ssrlink_status_name($status) . ": $message");

// 5.
$lines = explode("\n", $preload);
check($lines[0] === '#define FFI_SCOPE "ssrlink"', 'ssrlink_ffi_preload.h line 1 is FFI_SCOPE', $lines[0]);
check(preg_match('/^#define FFI_LIB "(libssrlink\.so\.\d+)"$/', $lines[1], $lib) === 1,
      'ssrlink_ffi_preload.h line 2 is FFI_LIB "libssrlink.so.<ABI>"', $lines[1]);
check(($lib[1] ?? '') === 'libssrlink.so.' . $values['SSRLINK_ABI_VERSION'],
      'FFI_LIB is the SONAME of ABI ' . $values['SSRLINK_ABI_VERSION'], $lib[1] ?? '');
check(implode("\n", array_slice($lines, 2)) === $code,
      'ssrlink_ffi_preload.h is ssrlink_ffi.h behind the two lines');
try {
    $loaded = FFI::load($preloadPath);
    check($loaded !== null && $loaded->ssrlink_abi_version() === $values['SSRLINK_ABI_VERSION'],
          'FFI::load reads ssrlink_ffi_preload.h and finds the library by its SONAME');
} catch (Throwable $e) {
    check(false, 'FFI::load reads ssrlink_ffi_preload.h', $e->getMessage());
}

// How PHP-FPM loads it (tools/bindings/php/README.md): ffi.preload at startup, then
// FFI::scope("ssrlink") in each request. (FFI::load inside an opcache.preload script is refused
// when opcache.preload_user is set, as it must be when FPM starts as root.)
$child = implode(' ', array_map('escapeshellarg', [
    PHP_BINARY, '-d', 'ffi.enable=preload', '-d', "ffi.preload=$preloadPath", '-r',
    '$f = FFI::scope("ssrlink"); echo $f->ssrlink_abi_version(), " ", $f->SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD;',
])) . ' 2>&1';
$out = trim((string) shell_exec($child));
check($out === $values['SSRLINK_ABI_VERSION'] . ' ' . $values['SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD'],
      'ffi.preload=ssrlink_ffi_preload.h, then FFI::scope("ssrlink") in the request', $out);

echo $failures === 0 ? "ffi header: all checks passed\n" : "ffi header: $failures check(s) failed\n";
exit($failures === 0 ? 0 : 1);
