#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a scratch directory and runs the installed
# hubhook from there: --version, `config check` of a sample config, and one sweep of the demo,
# whose simulator (hubhook-simulator, a child process) it finds beside itself.
set -euo pipefail
build=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$build"
cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1 || { cat "$scratch/cpack.log"; exit 1; }
deb=$(ls "$scratch"/out/*.deb)
echo "package: $(basename "$deb")"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6core6 libqt6network6 libqt6widgets6 libqt6keychain1 libqt6svg6 qt6-qpa-plugins; do
    grep -q "$lib" <<<"$depends" || { echo "missing runtime dependency: $lib"; exit 1; }
done
dpkg-deb -x "$deb" "$scratch/root"
for f in usr/bin/hubhook usr/bin/hubhook-simulator usr/share/applications/io.github.hubhook.Hubhook.desktop \
         usr/share/metainfo/io.github.hubhook.Hubhook.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.hubhook.Hubhook.svg \
         usr/share/icons/hicolor/48x48/apps/io.github.hubhook.Hubhook.png \
         usr/lib/systemd/user/hubhook.service usr/share/hubhook/io.github.hubhook.Hubhook.desktop; do
    [[ -e "$scratch/root/$f" || -e "$scratch/root/${f#usr/}" ]] || { echo "not in the package: $f"; exit 1; }
done
"$scratch/root/usr/bin/hubhook" --version
cat >"$scratch/config.json" <<'JSON'
{"version": 1, "accounts": {"hub": {"provider": "dockerhub"}},
 "watch": [{"account": "hub", "repository": "library/nginx", "tags": ["latest"]}]}
JSON
"$scratch/root/usr/bin/hubhook" config check --config "$scratch/config.json"
demo=$(env -u HUBHOOK_SIMULATOR_BINARY "$scratch/root/usr/bin/hubhook" --headless --once --demo 2>&1) \
    || { echo "$demo"; echo "the installed hubhook --demo failed"; exit 1; }
grep -q 'demo/worker' <<<"$demo" || { echo "$demo"; echo "the installed demo showed no demo/worker"; exit 1; }
echo "the installed demo runs its installed simulator"
echo "the installed hubhook runs"
