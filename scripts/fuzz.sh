#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz (clang, ASan + UBSan, in build-fuzz) and runs each
# for N seconds (default 300), starting from its seed corpus in tests/fuzz/corpus/<name>/.
#   scripts/fuzz.sh [seconds] [name...]     e.g. scripts/fuzz.sh 30 config timetext
# A crash leaves its input in build-fuzz/fuzz/findings/<name>/ and fails the script; inputs
# that found new coverage go to build-fuzz/fuzz/corpus/<name>/ (the seeds stay untouched).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
build=${HUBHOOK_FUZZ_BUILD_DIR:-build-fuzz}
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ missing (scripts/hardening.sh installs it)" >&2; exit 1; }
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHUBHOOK_FUZZ=ON -DHUBHOOK_BUILD_TESTS=OFF -DHUBHOOK_BUILD_UI=OFF >/dev/null
cmake --build "$build" --target fuzzers --parallel "$(nproc)"

names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
    names=(config schedule timetext dockerhub github statefiles outbox ratelimit)
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 TZ=UTC
failed=()
for name in "${names[@]}"; do
    seeds=tests/fuzz/corpus/$name
    work=$build/fuzz/corpus/$name
    findings=$build/fuzz/findings/$name
    mkdir -p "$work" "$findings"
    echo "== fuzz_$name: ${seconds}s" >&2
    # The seeds (and reproducers of past findings) first: each must still pass.
    if ! "$build/fuzz/fuzz_$name" -runs=0 "$seeds" >"$findings/seeds.log" 2>&1; then
        echo "fuzz_$name: a seed input fails (see $findings/seeds.log)" >&2
        tail -30 "$findings/seeds.log" >&2
        failed+=("$name")
        continue
    fi
    if ! "$build/fuzz/fuzz_$name" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
            -rss_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 \
            "$work" "$seeds" >"$findings/run.log" 2>&1; then
        echo "fuzz_$name: FOUND A CRASH (input in $findings/, log $findings/run.log)" >&2
        grep -E "ERROR|FUZZ_CHECK|runtime error|SUMMARY" "$findings/run.log" | head -10 >&2 || true
        failed+=("$name")
    else
        grep -E "stat::number_of_executed_units|cov:" "$findings/run.log" | tail -2 >&2 || true
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz.sh: failed: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz.sh: all ${#names[@]} harnesses ran ${seconds}s without a finding" >&2
