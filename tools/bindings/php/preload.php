<?php
/**
 * The opcache.preload script of a PHP-FPM pool (README.md, "PHP-FPM"): compiles the binding's
 * classes once, when FPM starts. Together with ffi.preload, which loads libssrlink and its
 * declarations as the FFI scope "ssrlink", a request pays neither the header's parse nor a
 * require, and the preloaded classes may use FFI under ffi.enable=preload (PHP allows FFI there
 * only to preloaded code and the CLI):
 *
 *   ffi.enable=preload
 *   ffi.preload=/usr/share/ssrlink/ffi/ssrlink_ffi_preload.h
 *   opcache.enable=1
 *   opcache.preload=/usr/share/ssrlink/php/preload.php
 *   opcache.preload_user=www-data
 *
 * (FFI::load() in this script would also load the scope, but PHP refuses it whenever
 * opcache.preload_user is set, which it must be when FPM starts as root; ffi.preload has no
 * such limit.)
 */

declare(strict_types=1);

// Installed, Ssrlink.php is next to this file; in the source tree it is in src/.
require_once is_file(__DIR__ . '/Ssrlink.php') ? __DIR__ . '/Ssrlink.php' : __DIR__ . '/src/Ssrlink.php';
