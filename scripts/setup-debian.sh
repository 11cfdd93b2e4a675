#!/usr/bin/env bash
# Installs the Debian 12 packages Hubhook needs, and only those that are missing.
#   scripts/setup-debian.sh          build + run
#   scripts/setup-debian.sh --tests  also what the test suite starts (Xvfb, dbus, gnome-keyring, ...)
set -euo pipefail

packages=(cmake ninja-build ccache g++ pkg-config
          qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev qt6-svg-dev
          libgl-dev qt6-qpa-plugins libqt6svg6 tzdata)
if [[ "${1:-}" == "--tests" ]]; then
    packages+=(xvfb xauth x11-utils dbus dbus-x11 gnome-keyring libsecret-tools clang-format trayer dunst openssl
                  desktop-file-utils appstream dpkg-dev file imagemagick systemd xdotool universal-ctags)
fi

missing=()
for p in "${packages[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
        missing+=("$p")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
