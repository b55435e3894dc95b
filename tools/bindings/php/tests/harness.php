<?php
/**
 * A tiny test harness (no Composer, no network): every check is printed as it runs, a failed one
 * with what was found, and finish() exits non-zero when any failed.
 */

declare(strict_types=1);

namespace Ssrlink\Test;

final class Harness
{
    private static int $passed = 0;
    private static int $failed = 0;

    /** One check: $ok is the assertion, $detail says what was found when it fails. */
    public static function check(string $what, bool $ok, mixed $detail = null): bool
    {
        if ($ok) {
            self::$passed++;
            echo "ok   $what\n";
        } else {
            self::$failed++;
            $found = $detail === null ? '' : ': ' . (is_string($detail) ? $detail
                : json_encode($detail, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR));
            echo "FAIL $what$found\n";
        }
        return $ok;
    }

    public static function equals(string $what, mixed $expected, mixed $actual): bool
    {
        return self::check($what, $expected === $actual,
            'expected ' . var_export($expected, true) . ', got ' . var_export($actual, true));
    }

    /**
     * Runs $body, which must throw a $class; returns the exception (null when none was thrown,
     * which fails the check).
     *
     * @template T of \Throwable
     * @param class-string<T> $class
     * @return T|null
     */
    public static function throws(string $what, string $class, callable $body): ?\Throwable
    {
        try {
            $body();
        } catch (\Throwable $e) {
            if ($e instanceof $class) {
                return $e;
            }
            self::check($what, false, get_class($e) . ': ' . $e->getMessage());
            return null;
        }
        self::check($what, false, "nothing was thrown, expected $class");
        return null;
    }

    /** Runs a group of checks; an unexpected exception fails the group instead of the run. */
    public static function section(string $title, callable $body): void
    {
        echo "-- $title\n";
        try {
            $body();
        } catch (\Throwable $e) {
            self::check("$title ran to its end", false, get_class($e) . ': ' . $e->getMessage()
                . ' at ' . basename($e->getFile()) . ':' . $e->getLine());
        }
    }

    public static function finish(string $suite): never
    {
        $total = self::$passed + self::$failed;
        if ($total === 0) {
            echo "$suite: no check ran\n";
            exit(1);
        }
        echo "$suite: " . self::$passed . ' passed, ' . self::$failed . " failed\n";
        exit(self::$failed === 0 ? 0 : 1);
    }
}
