#!/bin/sh
# The SIGKILL soak of webhook delivery (issue #14): about 1,000 events to a healthy receiver, one
# failing half its attempts and one answering a byte a second, while the worker delivering them
# (the engine's Outbox + Deliverer) is killed with SIGKILL 50 times at random moments. Prints
# events expected, delivered, lost, duplicated (the same webhook-id answered 2xx twice), lock
# files left, and the healthy target's worst delay. A few minutes on 2 cores; not part of CTest.
#
#   scripts/soak.sh [BUILD_DIR] [--events N] [--kills K] [--seed S] [--every-ms MS]
#                   [--kill-gap-ms MS]   (defaults: 1000 events, one every 150 ms; 50 kills, 3 s apart)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=$here/build-soak
case "${1:-}" in
    ""|-*) ;;
    *) build=$1; shift ;;
esac
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUBHOOK_BUILD_UI=OFF >/dev/null
fi
ninja -C "$build" hubhook-soak >/dev/null
QT_QPA_PLATFORM=offscreen exec "$build/tests/hubhook-soak" "$@"
