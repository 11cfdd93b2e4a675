#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs what is missing, builds, runs CTest.
# Extra arguments go to ctest (e.g. -R sweep).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh --tests
build=${HUBHOOK_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${HUBHOOK_BUILD_TYPE:-RelWithDebInfo} -DHUBHOOK_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --parallel "$(nproc)"
cd "$build"
ctest --output-on-failure --timeout 600 "$@"
