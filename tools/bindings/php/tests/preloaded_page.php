<?php
/**
 * Run by plugin_test.php in a php started as a PHP-FPM pool is configured (README.md):
 * ffi.preload loads the "ssrlink" scope, opcache.preload compiles the binding. Prints one line
 * per check; the parent asserts on them. Needs SSRLINK_DEMO_DIR.
 */

declare(strict_types=1);

// Nothing is required here: the classes must come from the preload.
echo 'classes preloaded: ', class_exists(Ssrlink\Plugin::class, false) ? 'yes' : 'no', "\n";
// A header path that does not exist: Library::ffi() must take the preloaded scope, not cdef.
putenv('SSRLINK_FFI_HEADER=/nonexistent/ssrlink_ffi.h');
$config = json_decode(file_get_contents(getenv('SSRLINK_DEMO_DIR') . '/config.json'), true);
$lines = 0;
$plugin = new Ssrlink\Plugin($config, log: function () use (&$lines): void {
    $lines++;
});
$page = $plugin->reports(['student_id' => 1022,
    'viewer' => ['role' => 'parent', 'user_id' => 'family-garcia', 'permitted' => true]]);
echo 'outcome: ', $page['outcome'], "\n";
echo 'buttons: ', substr_count($page['html'], 'class="ssrlink-button'), "\n";
$plugin->close();
echo 'log lines: ', $lines, "\n";
