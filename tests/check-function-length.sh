#!/usr/bin/env bash
# No function of app/, ui/ or simulator/ is longer than 60 lines, counted as Universal Ctags
# counts them: from the line of the signature to the line of the closing brace (a lambda counts
# in the function that holds it). Prints every function over the limit, with file and line,
# and fails.
#   tests/check-function-length.sh SOURCE_DIR
set -euo pipefail
cd "$1"
limit=60
ctags=${CTAGS:-ctags}

if ! command -v "$ctags" >/dev/null 2>&1; then
    echo "function length: no ctags found (apt-get install universal-ctags, or run scripts/setup-debian.sh --tests)"
    exit 1
fi
version=$("$ctags" --version 2>/dev/null || true)
if [[ "${version%%$'\n'*}" != *"Universal Ctags"* ]]; then
    echo "function length: $(command -v "$ctags") is not Universal Ctags (apt-get install universal-ctags, or run scripts/setup-debian.sh --tests)"
    exit 1
fi

# app/simulator/ today, simulator/ at the top level once it moves: both are checked.
dirs=()
for d in app ui simulator; do
    [[ -d "$d" ]] && dirs+=("$d")
done
files=()
while IFS= read -r -d '' f; do
    [[ -f "$f" ]] && files+=("$f")
done < <(git ls-files -z -- 'app/*.h' 'app/*.cpp' 'ui/*.h' 'ui/*.cpp' \
                          'simulator/*.h' 'simulator/*.cpp' 2>/dev/null \
         || find "${dirs[@]}" \( -name '*.h' -o -name '*.cpp' \) -print0)
if (( ${#files[@]} == 0 )); then
    echo "function length: no source files found under ${dirs[*]:-app ui simulator}"
    exit 1
fi

# One JSON object a line; a function's "line" is its signature, "end" its closing brace.
# The anonymous namespaces' generated names (__anon1234abcd) are left out of what is printed.
if ! tags=$("$ctags" --output-format=json --fields=+ne --kinds-C++=f -f - "${files[@]}"); then
    echo "function length: $ctags failed (it needs JSON output: the Debian package universal-ctags has it)"
    exit 1
fi
report=$(awk -v limit="$limit" '
    function field(name,    re) {
        re = "\"" name "\": *\"[^\"]*\""
        if (!match($0, re)) return ""
        s = substr($0, RSTART, RLENGTH)
        sub("^\"" name "\": *\"", "", s)
        return substr(s, 1, length(s) - 1)
    }
    function number(name,    re) {
        re = "\"" name "\": *[0-9]+"
        if (!match($0, re)) return -1
        s = substr($0, RSTART, RLENGTH)
        sub("^\"" name "\": *", "", s)
        return s + 0
    }
    /"_type": *"tag"/ {
        line = number("line"); end = number("end")
        if (line < 0 || end < 0) next
        functions++
        length_ = end - line + 1
        if (length_ <= limit) next
        name = field("name"); scope = field("scope")
        if (scope != "") name = scope "::" name
        gsub(/__anon[0-9a-f]+::/, "", name)
        printf "%s:%d: %s is %d lines\n", field("path"), line, name, length_
    }
    END { printf "#%d\n", functions }' <<<"$tags")

count=$(grep '^#' <<<"$report" | tr -d '#')
over=$(grep -v '^#' <<<"$report" | sort -t: -k1,1 -k2,2n || true)
if [[ -n "$over" ]]; then
    echo "$over"
    echo "function length: $(wc -l <<<"$over") of $count functions are over $limit lines (split them by meaning)"
    exit 1
fi
echo "function length: $count functions in ${#files[@]} files, none over $limit lines"
