#!/usr/bin/env bash
# Runs one test in a private environment, so that no test touches the user's files, bus,
# keyring or display, and everything it starts is stopped when it ends.
#   with-session.sh plain   TEST [ARGS]   private HOME and XDG directories
#   with-session.sh session TEST [ARGS]   + a private session bus and an unlocked gnome-keyring
#   with-session.sh locked  TEST [ARGS]   + a private session bus and a *locked* gnome-keyring
#   with-session.sh display TEST [ARGS]   + session as above and an Xvfb display
set -euo pipefail

mode=$1
shift

if [[ "${HUBHOOK_TEST_INNER:-}" != 1 ]]; then
    # Hubhook's own variables from the caller's shell (HUBHOOK_SECRET_* as the README tells
    # server users to set, for one) must not change what a test sees: only those CTest sets
    # for the test itself survive.
    for var in $(compgen -e); do
        case "$var" in
            HUBHOOK_BINARY|HUBHOOK_SIMULATOR_BINARY|HUBHOOK_SOURCE_DIR|HUBHOOK_SCREENSHOT_DIR) ;;
            HUBHOOK_*) unset "$var" ;;
        esac
    done
    unset XDG_CONFIG_DIRS XDG_DATA_DIRS XDG_SESSION_TYPE XDG_CURRENT_DESKTOP
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/hubhook-test.XXXXXX")
    trap 'rm -rf "$scratch"' EXIT
    mkdir -p "$scratch"/{home,config,state,data,cache,runtime}
    chmod 700 "$scratch/runtime"
    export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_STATE_HOME="$scratch/state" \
           XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" \
           XDG_RUNTIME_DIR="$scratch/runtime" HUBHOOK_TEST_SCRATCH="$scratch"
    unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
    if [[ "$mode" == plain ]]; then
        "$@"
        exit $?
    fi
    command -v dbus-run-session >/dev/null || { echo "with-session: dbus-run-session missing (apt-get install dbus)" >&2; exit 1; }
    export HUBHOOK_TEST_INNER=1
    set +e
    dbus-run-session -- "$0" "$mode" "$@"
    rc=$?
    exit $rc
fi

# Inside the private bus.
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

wait_for() { # wait_for SECONDS COMMAND...: polls a condition, with a deadline
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        (( SECONDS < deadline )) || return 1
        sleep 0.05
    done
}
has_secrets_service() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean true'
}

if [[ "$mode" == locked ]]; then
    gnome-keyring-daemon --foreground --components=secrets </dev/null >/dev/null 2>&1 &
else
    printf 'hubhook-test' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
fi
pids+=($!)
wait_for 15 has_secrets_service || { echo "with-session: gnome-keyring did not start" >&2; exit 1; }

if [[ "$mode" == display ]]; then
    mkfifo "$HUBHOOK_TEST_SCRATCH/xvfb.fifo"
    exec {fd}<>"$HUBHOOK_TEST_SCRATCH/xvfb.fifo"
    Xvfb -displayfd "$fd" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    pids+=($!)
    read -r -t 15 -u "$fd" num || { echo "with-session: Xvfb did not start" >&2; exit 1; }
    export DISPLAY=":$num"
    # D-Bus activated services (a notification daemon) need the display too.
    dbus-update-activation-environment DISPLAY >/dev/null 2>&1 || true
    unset QT_QPA_PLATFORM
fi

set +e
"$@"
exit $?
