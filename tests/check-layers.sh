#!/usr/bin/env bash
# The layer rule of docs/ARCHITECTURE.md: a file may include only its own layer and the layers
# listed for it below. Also: a provider's own headers (providers/<name>/...) are included only
# inside app/providers/ (and by app/main.cpp and the tests); no header ui/ includes brings net/
# or a provider's own headers along (through engine/ or models/ headers); nothing of app/ or ui/
# includes the simulator; and simulator/ includes only itself and the shared files named below. Prints every
# include that breaks a rule, with file and line, and fails.
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
    [demo]="support core config demo"
    [ui]="support core config state secrets engine models ui"
)

# What simulator/ may include from outside itself (paths from the source root). None so far: it
# is a simulated Docker Hub and GitHub, not a part of Hubhook.
simulator_shared=()

# Includes of providers/<name>/ headers outside app/providers/ that are known and not yet gone,
# as "FILE:HEADER". Each is printed on every run; remove the line with the include.
provider_include_exceptions=()

layer_of() { # app/providers/dockerhub/X.cpp -> providers; ui/X.cpp -> ui
    case "$1" in
        ui/*) echo ui ;;
        app/*/*) local rest=${1#app/}; echo "${rest%%/*}" ;;
        *) echo "" ;;
    esac
}

includes_of() { # FILE -> LINE:TARGET for each #include "TARGET"
    grep -n -o '^#include "[^"]*"' "$1" | sed 's/#include "\(.*\)"/\1/' | grep -v '\.moc$' || true
}

files_under() { # FOLDER... -> its .h and .cpp files, NUL-separated
    local patterns=() folder
    for folder in "$@"; do patterns+=("$folder/*.h" "$folder/*.cpp"); done
    git ls-files -z -- "${patterns[@]}" 2>/dev/null || find "$@" \( -name '*.h' -o -name '*.cpp' \) -print0
}

bad=0
checked=0

# app/ and ui/: the layers, a provider's own headers, no simulator.
check_app_include() { # FILE LAYER LINE TARGET
    local file=$1 layer=$2 line=$3 target=$4
    if [[ "$target" == simulator/* ]]; then
        echo "$file:$line: #include \"$target\": the application does not include the simulator (--demo runs it as a process)"
        bad=1
    fi
    if [[ "$target" =~ ^providers/[^/]+/ && "$file" != app/providers/* && "$file" != app/main.cpp ]]; then
        if [[ " ${provider_include_exceptions[*]} " == *" $file:$target "* ]]; then
            echo "$file:$line: #include \"$target\": tolerated for now (provider_include_exceptions); use providers/Provider.h or providers/Providers.h"
        else
            echo "$file:$line: #include \"$target\": a provider's own headers are for app/providers/ (use providers/Provider.h or providers/Providers.h)"
            bad=1
        fi
    fi
    [[ -z "$layer" ]] && return 0 # app/main.cpp, the composition root
    local dep=${target%%/*}
    if [[ "$target" != */* ]]; then
        echo "$file:$line: #include \"$target\" does not name its layer"
        bad=1
    elif [[ " ${allowed[$layer]} " != *" $dep "* ]]; then
        echo "$file:$line: $layer/ may not include $target (allowed: ${allowed[$layer]})"
        bad=1
    fi
}

while IFS= read -r -d '' file; do
    layer=$(layer_of "$file")
    if [[ -n "$layer" && -z "${allowed[$layer]:-}" ]]; then
        echo "$file: folder \"$layer\" is not a known layer (add it to tests/check-layers.sh and docs/ARCHITECTURE.md)"
        bad=1
        continue
    fi
    checked=$((checked + 1))
    while IFS=: read -r line target; do
        check_app_include "$file" "$layer" "$line" "$target"
    done < <(includes_of "$file")
done < <(files_under app ui)

# ui/ sees the engine through its headers, never the network layer: no header ui/ includes
# reaches net/ (or a provider's own headers) through engine/, models/ or any other app/ header.
declare -A reached=()
reach() { # TARGET (relative to app/) -> marks it and everything it includes in `reached`
    [[ -n "${reached[$1]:-}" || ! -f "app/$1" ]] && return 0
    reached[$1]=1
    local line target
    while IFS=: read -r line target; do reach "$target"; done < <(includes_of "app/$1")
}
while IFS= read -r -d '' file; do
    while IFS=: read -r line target; do
        reached=()
        reach "$target"
        for header in "${!reached[@]}"; do
            if [[ "$header" == net/* || "$header" =~ ^providers/[^/]+/ ]]; then
                echo "$file:$line: #include \"$target\" brings $header into ui/ (keep network and provider types behind the engine)"
                bad=1
            fi
        done
    done < <(includes_of "$file")
done < <(files_under ui)

# simulator/: an include names a file of simulator/ (beside the includer, under simulator/, or
# as "simulator/..."), or one of simulator_shared.
simulator_include_ok() { # FILE TARGET
    local dir candidate
    dir=$(dirname "$1")
    for candidate in "$dir/$2" "simulator/$2" "$2"; do
        candidate=$(realpath -m --relative-to=. "$candidate")
        if [[ -f "$candidate" && "$candidate" == simulator/* ]]; then
            return 0
        fi
    done
    local shared
    for shared in "${simulator_shared[@]}"; do
        [[ "$2" == "$shared" ]] && return 0
    done
    return 1
}

while IFS= read -r -d '' file; do
    checked=$((checked + 1))
    while IFS=: read -r line target; do
        if ! simulator_include_ok "$file" "$target"; then
            echo "$file:$line: #include \"$target\": simulator/ includes only itself (and simulator_shared in tests/check-layers.sh: ${simulator_shared[*]:-none})"
            bad=1
        fi
    done < <(includes_of "$file")
done < <(files_under simulator)

if (( bad )); then
    echo "layer check failed (see docs/ARCHITECTURE.md)"
    exit 1
fi
echo "layers: $checked files, every include allowed"
