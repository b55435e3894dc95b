#!/usr/bin/env bash
# Installs, with apt-get, everything ssrlink needs to build, test and run its demo on Debian 12:
# the compiler and CMake, Boost 1.81, OpenSSL, unixODBC with the SQLite and PostgreSQL drivers,
# a PostgreSQL server for the integration tests, GoogleTest, Google Benchmark, libabigail, clang
# (libFuzzer), clang-format and clang-tidy (the lint stage), PHP 8.2 with FFI and OpenJDK 17 with
# Debian's JNA (the PHP and Java bindings' tests), and the demo's browser test (Chromium, Node.js,
# and its npm packages, pinned by tests/integration/demo/package-lock.json), and pyodbc for the
# reference mailer with aiosmtpd for its tests (Debian's, for /usr/bin/python3), and tzdata (the
# time zone database the sweep's schedule reads, /usr/share/zoneinfo). Safe to run again:
# what is already there is left alone. Needs root, or sudo, for apt-get.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev openssl curl
  unixodbc unixodbc-dev libsqliteodbc odbc-postgresql sqlite3 tzdata
  postgresql postgresql-client
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  abigail-tools clang libclang-rt-14-dev clang-format clang-tidy
  python3 python3-pyodbc python3-aiosmtpd chromium
  php8.2-cli openjdk-17-jdk-headless libjna-java
)
# Node.js for the browser test: Debian's nodejs and npm, unless a Node.js that bundles npm (such
# as NodeSource's, which conflicts with Debian's npm package) is already there.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
# The browser test's npm packages, exactly as the lock file pins them, into the source tree
# (tests/integration/demo/node_modules, ignored by git). Any failure is printed and stops here.
install_browser_test_packages() {
  local dir
  dir=$(cd "$(dirname "$0")/.." && pwd)/tests/integration/demo
  if [ -d "$dir/node_modules/playwright-core" ] && [ -d "$dir/node_modules/axe-core" ] &&
    cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-from-lock" 2>/dev/null; then
    return 0
  fi
  echo "setup: npm ci in $dir"
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
    echo "setup: npm ci failed in $dir (the output above says why)" >&2
    return 1
  fi
  # Remembers which lock file this install came from, so a changed lock file installs again.
  cp "$dir/package-lock.json" "$dir/node_modules/.installed-from-lock"
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: every Debian package is already installed"
  install_browser_test_packages
  exit
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_browser_test_packages
