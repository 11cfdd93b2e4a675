#!/usr/bin/env bash
# Builds and starts Hubhook on a fresh Debian 12 machine: installs what is missing, builds,
# then runs the tray application (or, with no display, the headless mode). Extra arguments go
# to hubhook (e.g. --config FILE, --headless --once).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
build=${HUBHOOK_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${HUBHOOK_BUILD_TYPE:-RelWithDebInfo} >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target hubhook hubhook-simulator
if [[ $# -eq 0 && -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    echo "No display: running headless (use --headless --once for one sweep)." >&2
    set -- --headless
fi
exec "$build/hubhook" "$@"
