#!/usr/bin/env bash
# The layer rule of docs/ARCHITECTURE.md: a file may include only its own layer and the layers
# listed for it below. Prints every include that breaks it, with file and line, and fails.
#   tests/check-layers.sh SOURCE_DIR
set -euo pipefail
cd "$1"

declare -A allowed=(
    [support]="support"
    [core]="support core"
    [config]="support core config"
    [state]="support core config state"
    [secrets]="support secrets"
    [net]="support core net"
    [providers]="support core config net providers"
    [engine]="support core config state secrets net providers engine"
    [models]="support core config state engine models"
    [cli]="support core config state secrets net providers engine cli"
    [demo]="support core config demo simulator"
    [ui]="support core config state secrets engine models ui"
)

layer_of() { # app/providers/dockerhub/X.cpp -> providers; ui/X.cpp -> ui
    case "$1" in
        ui/*) echo ui ;;
        app/*/*) local rest=${1#app/}; echo "${rest%%/*}" ;;
        *) echo "" ;;
    esac
}

bad=0
checked=0
while IFS= read -r -d '' file; do
    layer=$(layer_of "$file")
    [[ -z "$layer" || "$layer" == simulator ]] && continue
    if [[ -z "${allowed[$layer]:-}" ]]; then
        echo "$file: folder \"$layer\" is not a known layer (add it to tests/check-layers.sh and docs/ARCHITECTURE.md)"
        bad=1
        continue
    fi
    checked=$((checked + 1))
    while IFS=: read -r line target; do
        dep=${target%%/*}
        if [[ "$target" != */* ]]; then
            echo "$file:$line: #include \"$target\" does not name its layer"
            bad=1
        elif [[ " ${allowed[$layer]} " != *" $dep "* ]]; then
            echo "$file:$line: $layer/ may not include $target (allowed: ${allowed[$layer]})"
            bad=1
        fi
    done < <(grep -n -o '^#include "[^"]*"' "$file" | sed 's/#include "\(.*\)"/\1/' | grep -v '\.moc$' || true)
done < <(git ls-files -z -- 'app/*.h' 'app/*.cpp' 'ui/*.h' 'ui/*.cpp' 2>/dev/null \
         || find app ui \( -name '*.h' -o -name '*.cpp' \) -print0)
if (( bad )); then
    echo "layer check failed (see docs/ARCHITECTURE.md)"
    exit 1
fi
echo "layers: $checked files, every include allowed"
