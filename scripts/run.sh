#!/usr/bin/env bash
# Builds and starts Hubhook on a fresh Debian 12 machine: installs what is missing, builds,
# then runs the tray application (or, with no display, the headless mode). Without a config
# (and without arguments) it runs the built-in demo against a simulated Docker Hub. Extra
# arguments go to hubhook (e.g. --config FILE, --headless --once).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
build=${HUBHOOK_BUILD_DIR:-build}
# The test suite needs tools the app does not (scripts/setup-debian.sh --tests): not configured here.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${HUBHOOK_BUILD_TYPE:-RelWithDebInfo} -DHUBHOOK_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target hubhook hubhook-simulator
if [[ $# -eq 0 ]]; then
    config="${XDG_CONFIG_HOME:-$HOME/.config}/hubhook/config.json"
    if [[ ! -f "$config" ]]; then
        echo "No config at $config: running the demo (a simulated Docker Hub on loopback)." >&2
        set -- --demo
    fi
    if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
        echo "No display: running headless." >&2
        set -- "$@" --headless
    fi
fi
exec "$build/hubhook" "$@"
