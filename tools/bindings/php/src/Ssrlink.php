<?php
/**
 * PHP binding of libssrlink's C ABI (abi/include/ssrlink/ssrlink.h) through PHP's FFI.
 *
 *   require '/usr/share/ssrlink/php/Ssrlink.php';
 *   $plugin = new Ssrlink\Plugin($config, log: fn(string $level, string $line) => error_log($line));
 *   $page = $plugin->reports(['student_id' => 1010, 'viewer' => [...]]);   // an array
 *   echo $page['html'];
 *
 * Requests and results are PHP arrays (JSON in between, docs/abi.md has every key). A status
 * other than SSRLINK_OK becomes an Ssrlink\SsrlinkException carrying the status name and the
 * library's sentence; a page denial is SSRLINK_OK with outcome "denied", so it is a result.
 *
 * What the binding guarantees, in the order the header asks for it:
 *   1. the declarations come from the preloaded FFI scope "ssrlink" when opcache.preload
 *      loaded one, otherwise from FFI::cdef over the FFI header generated from ssrlink.h
 *      (share/ssrlink/ffi/ssrlink_ffi.h), once per request;
 *   2. the library's ABI version is the header's;
 *   3. ssrlink_host is zeroed by FFI, struct_size is its FFI size, flags holds
 *      SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD: PHP callbacks may only run on the PHP thread
 *      that is inside an ssrlink_* call, never on the library's own threads;
 *   4. the callback closures live as long as the handle (they are fields of the Plugin, and FFI
 *      itself keeps them until the end of the request);
 *   5. every result buffer is freed in `finally`, whatever happens while it is read;
 *   6. the handle is closed by close(), by the destructor, and by a shutdown function, so a
 *      fatal error (after which PHP runs no destructors) still joins the library's threads
 *      before FFI frees the callbacks at the end of the request;
 *   7. a PHP exception thrown by a callback never crosses into C (PHP would abort); it is kept
 *      and rethrown when the ssrlink call it interrupted has returned.
 */

declare(strict_types=1);

namespace Ssrlink;

use FFI;
use FFI\CData;

/** A call that did not return SSRLINK_OK. */
final class SsrlinkException extends \RuntimeException
{
    /**
     * @param string $statusName e.g. "SSRLINK_INVALID_ARGUMENT" (ssrlink_status_name)
     * @param string $sentence   the library's {"error": "..."}: a sentence a person can act on
     * @param array  $result     the whole result JSON, decoded
     */
    public function __construct(
        public readonly string $statusName,
        public readonly int $status,
        public readonly string $sentence,
        public readonly array $result = [],
    ) {
        parent::__construct("$statusName: $sentence", $status);
    }
}

/** Loads libssrlink's FFI once per request (per process in the CLI). */
final class Library
{
    /** @var array<string, FFI> by where the declarations came from */
    private static array $loaded = [];

    /**
     * The FFI of libssrlink.
     *
     * With no argument: the scope "ssrlink" when an opcache.preload script ran
     * FFI::load(ssrlink_ffi_preload.h); otherwise FFI::cdef over $SSRLINK_FFI_HEADER (default: the
     * installed share/ssrlink/ffi/ssrlink_ffi.h next to this file's share/ssrlink/php/) and
     * $SSRLINK_LIBRARY (default: libssrlink.so.1, found by the dynamic loader).
     *
     * @throws \RuntimeException when the header or library cannot be loaded or speak another ABI
     */
    public static function ffi(?string $header = null, ?string $library = null): FFI
    {
        if ($header === null && $library === null) {
            if (isset(self::$loaded['scope'])) {
                return self::$loaded['scope'];
            }
            try {
                return self::$loaded['scope'] = self::checked(FFI::scope('ssrlink'), 'scope "ssrlink"');
            } catch (FFI\Exception) {
                // Not preloaded: read the header below.
            }
        }
        $header ??= getenv('SSRLINK_FFI_HEADER') ?: dirname(__DIR__) . '/ffi/ssrlink_ffi.h';
        $library ??= getenv('SSRLINK_LIBRARY') ?: 'libssrlink.so.1';
        $key = $header . "\0" . $library;
        if (isset(self::$loaded[$key])) {
            return self::$loaded[$key];
        }
        $code = @file_get_contents($header);
        if ($code === false) {
            throw new \RuntimeException("ssrlink: cannot read the FFI header $header "
                . '(set SSRLINK_FFI_HEADER to the ssrlink_ffi.h the build or the package installed).');
        }
        try {
            $ffi = FFI::cdef($code, $library);
        } catch (FFI\Exception $e) {
            throw new \RuntimeException("ssrlink: cannot load $library with $header: "
                . $e->getMessage(), 0, $e);
        }
        return self::$loaded[$key] = self::checked($ffi, $library);
    }

    private static function checked(FFI $ffi, string $what): FFI
    {
        $version = $ffi->ssrlink_abi_version();
        if ($version !== $ffi->SSRLINK_ABI_VERSION) {
            throw new \RuntimeException("ssrlink: $what speaks ABI $version; this header describes ABI "
                . $ffi->SSRLINK_ABI_VERSION . '.');
        }
        return $ffi;
    }
}

/**
 * What the C callbacks reach: the host's callables and the first exception one of them threw.
 * It never refers to the Plugin, because FFI keeps every callback closure (and so whatever it
 * captures) until the end of the request; the Plugin itself must be free to be destroyed.
 */
final class CallbackState
{
    public ?\Throwable $failure = null;

    public function __construct(
        public readonly ?\Closure $log,
        public readonly ?\Closure $progress,
        public readonly ?\Closure $nowMs,
    ) {
    }

    public function run(\Closure $callback, mixed $fallback = null): mixed
    {
        try {
            return $callback();
        } catch (\Throwable $e) {
            $this->failure ??= $e;
            return $fallback;
        }
    }
}

/** One open ssrlink_plugin handle (one configuration). */
final class Plugin
{
    /** Capabilities of ABI 1 (the request and result of each: docs/abi.md). */
    public const CAPABILITIES = ['reports', 'credentials_put', 'credentials_status',
        'test_connection', 'sweep', 'credentials_reseal', 'notifications_list',
        'notification_queue', 'check_mapping', 'ets_probe', 'settings_get', 'settings_put'];

    /** PSR-3 level names of SSRLINK_LOG_DEBUG .. SSRLINK_LOG_ERROR. */
    public const LOG_LEVELS = ['debug', 'info', 'warning', 'error'];

    private const JSON_OUT = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR;

    /** @var array<int, \WeakReference<Plugin>> handles still open, for the shutdown function */
    private static array $open = [];
    private static bool $shutdownRegistered = false;

    private ?CData $handle = null;
    private readonly CData $host;
    private readonly CallbackState $state;
    /** @var array<string, \Closure> the FFI callback closures, referenced as long as the handle */
    private readonly array $callbacks;
    // Declared last on purpose: PHP frees an object's properties in declaration order, and a
    // CData must be freed before the FFI that declared its type (PHP 8.2 reads the type while
    // freeing the CData; with the FFI gone first that is freed memory, and a later FFI::cdef
    // came out corrupted, e.g. "Attempt to assign read-only field 'struct_size'").
    private readonly FFI $ffi;

    /**
     * ssrlink_open: loads a configuration (docs/abi.md, "config_json").
     *
     * @param array         $config   the config_json as an array
     * @param callable|null $log      fn(string $level, string $line): the library's log, $level one
     *                                of LOG_LEVELS (so a PSR-3 logger's log() fits)
     * @param callable|null $progress fn(array $progress): a running sweep's progress
     * @param callable|null $nowMs    fn(): int, the current Unix time in ms (tests move the clock)
     * @param FFI|null      $ffi      default Library::ffi()
     * @throws SsrlinkException (SSRLINK_CONFIG, SSRLINK_INVALID_ARGUMENT, ...) when it cannot open
     */
    public function __construct(
        array $config,
        ?callable $log = null,
        ?callable $progress = null,
        ?callable $nowMs = null,
        ?FFI $ffi = null,
    ) {
        $this->ffi = $ffi ?? Library::ffi();
        $state = $this->state = new CallbackState(
            $log === null ? null : $log(...),
            $progress === null ? null : $progress(...),
            $nowMs === null ? null : $nowMs(...),
        );

        $host = $this->host = $this->ffi->new('ssrlink_host'); // FFI zeroes new memory
        $host->struct_size = FFI::sizeof($host);
        $host->flags = $this->ffi->SSRLINK_HOST_CALLBACKS_ON_CALLER_THREAD;
        // Static closures over $state only: FFI passes `const char *` arguments as PHP strings.
        $callbacks = [];
        if ($state->log !== null) {
            $callbacks['log'] = static function ($context, int $level, string $message,
                int $length) use ($state): void {
                $state->run(fn() => ($state->log)(self::LOG_LEVELS[$level] ?? 'error', $message));
            };
            $host->log = $callbacks['log'];
        }
        if ($state->progress !== null) {
            $callbacks['progress'] = static function ($context, string $json,
                int $length) use ($state): void {
                $state->run(fn() => ($state->progress)(json_decode($json, true, 512,
                    JSON_THROW_ON_ERROR)));
            };
            $host->progress = $callbacks['progress'];
        }
        if ($state->nowMs !== null) {
            $callbacks['now_ms'] = static function ($context) use ($state): int {
                // A failing clock falls back to the system's; the failure is rethrown after the call.
                return (int) $state->run(fn() => ($state->nowMs)(), (int) (microtime(true) * 1000));
            };
            $host->now_ms = $callbacks['now_ms'];
        }
        $this->callbacks = $callbacks;

        $handle = $this->ffi->new('ssrlink_plugin*');
        $error = $this->ffi->new('ssrlink_buffer*');
        $configJson = json_encode($config === [] ? new \stdClass() : $config, self::JSON_OUT);
        try {
            $status = $this->ffi->ssrlink_open(FFI::addr($host), $configJson, FFI::addr($handle),
                FFI::addr($error));
            $text = FFI::isNull($error) ? '' : $this->ffi->ssrlink_buffer_data($error);
        } finally {
            $this->ffi->ssrlink_buffer_free($error);
        }
        if ($status !== $this->ffi->SSRLINK_OK) {
            $this->rethrowCallbackFailure();
            throw $this->failure($status, $text);
        }
        $this->handle = $handle;
        self::$open[spl_object_id($this)] = \WeakReference::create($this);
        if (!self::$shutdownRegistered) {
            self::$shutdownRegistered = true;
            register_shutdown_function([self::class, 'closeAll']);
        }
        if ($state->failure !== null) {
            // PHP runs no destructor for an object whose constructor threw: close it here.
            $this->closeHandle();
            $this->rethrowCallbackFailure();
        }
    }

    /** ssrlink_reports: one student's page as one viewer sees it ({"outcome", "html", ...}). */
    public function reports(array $request): array
    {
        return $this->call('reports', $request);
    }

    public function credentialsPut(array $request): array
    {
        return $this->call('credentials_put', $request);
    }

    public function credentialsStatus(array $request): array
    {
        return $this->call('credentials_status', $request);
    }

    public function testConnection(array $request): array
    {
        return $this->call('test_connection', $request);
    }

    /** ssrlink_sweep: long-running (progress goes to the progress callback). */
    public function sweep(array $request): array
    {
        return $this->call('sweep', $request);
    }

    public function credentialsReseal(array $request): array
    {
        return $this->call('credentials_reseal', $request);
    }

    public function notificationsList(array $request): array
    {
        return $this->call('notifications_list', $request);
    }

    public function notificationQueue(array $request): array
    {
        return $this->call('notification_queue', $request);
    }

    /** The DBA's check of the view mapping (ABI 1.2). */
    public function checkMapping(array $request): array
    {
        return $this->call('check_mapping', $request);
    }

    /** The ETS probe (ABI 1.3): how ETS's answers compare with the wire profile, redacted. */
    public function etsProbe(array $request): array
    {
        return $this->call('ets_probe', $request);
    }

    /** The district's settings (ABI 1.4): {"actor"} → {"settings": {...}}. */
    public function settingsGet(array $request): array
    {
        return $this->call('settings_get', $request);
    }

    /** Replaces the settings given (ABI 1.4): {"actor", "settings": {...}}. */
    public function settingsPut(array $request): array
    {
        return $this->call('settings_put', $request);
    }

    /**
     * Any capability with the request as an array.
     *
     * @throws SsrlinkException when the status is not SSRLINK_OK
     * @throws \JsonException    when the request cannot be JSON (invalid UTF-8, INF, ...)
     */
    public function call(string $capability, array $request): array
    {
        return $this->callJson($capability,
            json_encode($request === [] ? new \stdClass() : $request, self::JSON_OUT));
    }

    /** Any capability with the request as JSON text, e.g. to show what ssrlink says to bad JSON. */
    public function callJson(string $capability, string $requestJson): array
    {
        if (!in_array($capability, self::CAPABILITIES, true)) {
            throw new \InvalidArgumentException("ssrlink has no capability \"$capability\".");
        }
        if (str_contains($requestJson, "\0")) {
            // C would see only the text before it; ssrlink refuses NUL anyway, say so here.
            throw new \InvalidArgumentException('The request JSON contains a NUL byte.');
        }
        $handle = $this->handle ?? throw new \LogicException('This ssrlink plugin was closed.');
        $out = $this->ffi->new('ssrlink_buffer*');
        $function = 'ssrlink_' . $capability;
        try {
            $status = $this->ffi->$function($handle, $requestJson, FFI::addr($out));
            $text = FFI::isNull($out) ? '' : $this->ffi->ssrlink_buffer_data($out);
        } finally {
            $this->ffi->ssrlink_buffer_free($out);
        }
        $this->rethrowCallbackFailure();
        if ($status !== $this->ffi->SSRLINK_OK) {
            throw $this->failure($status, $text);
        }
        return $text === '' ? [] : json_decode($text, true, 512, JSON_THROW_ON_ERROR);
    }

    /** The name of a status code ("SSRLINK_DATABASE"; "SSRLINK_UNKNOWN_STATUS" when unknown). */
    public function statusName(int $status): string
    {
        return $this->ffi->ssrlink_status_name($status);
    }

    public function isOpen(): bool
    {
        return $this->handle !== null;
    }

    /**
     * ssrlink_close: joins the library's threads; log lines they held arrive before it returns.
     * Idempotent. Must not overlap another call on this handle (PHP runs one at a time).
     */
    public function close(): void
    {
        $this->closeHandle();
        $this->rethrowCallbackFailure();
    }

    public function __destruct()
    {
        $this->closeHandle(); // a destructor does not throw what a callback threw
    }

    /** The shutdown function: closes every handle still open, also after a fatal error. */
    public static function closeAll(): void
    {
        foreach (self::$open as $reference) {
            $reference->get()?->closeHandle();
        }
        self::$open = [];
    }

    private function closeHandle(): void
    {
        if ($this->handle === null) {
            return;
        }
        $handle = $this->handle;
        $this->handle = null;
        unset(self::$open[spl_object_id($this)]);
        $this->ffi->ssrlink_close($handle);
    }

    private function failure(int $status, string $text): SsrlinkException
    {
        $result = [];
        if ($text !== '') {
            try {
                $result = json_decode($text, true, 512, JSON_THROW_ON_ERROR);
            } catch (\JsonException) {
                $result = ['error' => $text];
            }
        }
        $sentence = is_array($result) && is_string($result['error'] ?? null) ? $result['error']
            : 'ssrlink gave no message.';
        return new SsrlinkException($this->statusName($status), $status, $sentence,
            is_array($result) ? $result : []);
    }

    private function rethrowCallbackFailure(): void
    {
        if ($this->state->failure !== null) {
            $failure = $this->state->failure;
            $this->state->failure = null;
            throw $failure;
        }
    }
}
