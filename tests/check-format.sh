#!/usr/bin/env bash
# Fails, listing the files, when a C++ file of the tree differs from what clang-format makes of it.
set -euo pipefail
clang_format=$1
cd "$2"
bad=()
while IFS= read -r -d '' f; do
    if ! "$clang_format" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
        bad+=("$f")
    fi
done < <(git ls-files -z -- '*.cpp' '*.h' 2>/dev/null || find app ui tests \( -name '*.cpp' -o -name '*.h' \) -print0)
if (( ${#bad[@]} )); then
    echo "Not formatted with .clang-format (run: $clang_format -i FILE):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
echo "clang-format: all files formatted"
