#!/usr/bin/env bash
# Keeps the README true: its example config (the first ```json block under "## Configuration")
# must pass `hubhook config check`.
set -euo pipefail
hubhook=$1
readme=$2
config=$(mktemp --suffix=.json)
trap 'rm -f "$config"' EXIT
awk '/^## Configuration/ { section = 1 }
     section && /^```json$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$readme" >"$config"
[[ -s "$config" ]] || { echo "no example config found in $readme"; exit 1; }
"$hubhook" config check --config "$config"
