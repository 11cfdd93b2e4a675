#!/usr/bin/env bash
# The benchmark suite (tests/bench/README.md), not part of the test run: installs the Debian
# packages it needs (Xvfb, trayer, dbus, ... as root or with sudo), builds build-bench (Release,
# -DHUBHOOK_BENCH=ON) and runs it in a private HOME, session bus and X display. Prints a header
# with the machine, the seven figures, a PASS/MISS per target and notes; exits 3 when a target
# is missed. Extra arguments go to hubhook-bench: --only 1,3  --idle-seconds N  --verbose.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh --tests

build=build-bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHUBHOOK_BENCH=ON >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target hubhook-bench

scratch=$(mktemp -d "${TMPDIR:-/tmp}/hubhook-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"/{home,config,state,data,cache,runtime}
chmod 700 "$scratch/runtime"
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_STATE_HOME="$scratch/state" \
       XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" \
       XDG_RUNTIME_DIR="$scratch/runtime" LC_ALL=C.UTF-8 LANG=C.UTF-8
# The suite starts its own Xvfb, session bus and tray host; nothing reaches the user's session.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM QT_LOGGING_RULES
set +e
"$build/bench/hubhook-bench" "$@"
exit $?
