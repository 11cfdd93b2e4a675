#!/usr/bin/env bash
# Runs under with-session.sh with Hubhook variables set by the caller (see tests/CMakeLists.txt):
# none of them, and none of the caller's XDG directories, may reach a test.
set -u
bad=0
while IFS='=' read -r name _; do
    case "$name" in
        HUBHOOK_BINARY|HUBHOOK_SIMULATOR_BINARY|HUBHOOK_SOURCE_DIR|HUBHOOK_SCREENSHOT_DIR|HUBHOOK_TEST_SCRATCH|HUBHOOK_TEST_INNER) ;;
        HUBHOOK_*) echo "leaked into the test: $name" >&2; bad=1 ;;
    esac
done < <(env)
[[ -z "${XDG_CONFIG_DIRS:-}" ]] || { echo "leaked into the test: XDG_CONFIG_DIRS" >&2; bad=1; }
[[ "$HOME" == "${HUBHOOK_TEST_SCRATCH:-/nonexistent}/home" ]] || { echo "HOME is not private: $HOME" >&2; bad=1; }
[[ "${XDG_CONFIG_HOME:-}" == "$HUBHOOK_TEST_SCRATCH/config" ]] || { echo "XDG_CONFIG_HOME is not private" >&2; bad=1; }
[[ "${XDG_STATE_HOME:-}" == "$HUBHOOK_TEST_SCRATCH/state" ]] || { echo "XDG_STATE_HOME is not private" >&2; bad=1; }
[[ $bad == 0 ]] && echo "environment is private"
exit $bad
