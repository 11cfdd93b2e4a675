#!/usr/bin/env bash
# What the README's run command shows on a machine without a config: `hubhook --demo`, here on
# the Xvfb display that tests/with-session.sh display provides. Waits until the demo's first
# failure has been detected, saves a screenshot of the screen, and stops the app.
set -euo pipefail
hubhook=$1
out=$2
mkdir -p "$(dirname "$out")"
log=$(mktemp)
"$hubhook" --demo 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
deadline=$((SECONDS + 60))
until grep -q "build.failed demo/worker" "$log" && xwininfo -root -tree | grep -q '"Hubhook"'; do
    kill -0 $pid 2>/dev/null || { echo "hubhook --demo exited:"; cat "$log"; exit 1; }
    (( SECONDS < deadline )) || { echo "the demo showed no failure within 60 s:"; cat "$log"; exit 1; }
    sleep 0.2
done
# Only for the picture (nothing is asserted on it): give the window a moment to paint the rows.
sleep 1
import -window root "$out"
echo "screenshot: $out"
grep -E "build\.(failed|stuck)" "$log"
