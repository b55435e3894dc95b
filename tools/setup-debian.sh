#!/usr/bin/env bash
# Installs, with apt-get, everything ssrlink needs to build, test and run its demo on Debian 12:
# the compiler and CMake, Boost 1.81, OpenSSL, unixODBC with the SQLite and PostgreSQL drivers,
# a PostgreSQL server for the integration tests, GoogleTest, Google Benchmark, libabigail, clang
# (libFuzzer), and the demo's browser test (Chromium, Node.js). Safe to run again: packages
# already present are left alone. Needs root, or sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev openssl curl
  unixodbc unixodbc-dev libsqliteodbc odbc-postgresql sqlite3
  postgresql postgresql-client
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  abigail-tools clang libclang-rt-14-dev clang-format
  python3 chromium
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
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: every Debian package is already installed"
  exit 0
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
