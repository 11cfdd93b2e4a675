#!/usr/bin/env bash
# The hardening stage: the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (leaks included), then each libFuzzer harness for a short while (HUBHOOK_FUZZ_SECONDS, 30 by
# default). Installs clang and libFuzzer (Debian packages) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh --tests
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    sudo=; [[ $EUID -eq 0 ]] || sudo=sudo
    $sudo apt-get install -y --no-install-recommends clang libclang-rt-14-dev
fi

# Sanitizers: its own build directory, the tray included. Leaks fail a test (LeakSanitizer at
# exit); leaks inside Qt and system libraries are suppressed by tests/lsan.supp, which names
# only those. Checks that compile nothing (formatting, packaging metadata, the .deb) ran above.
root=$PWD
san=${HUBHOOK_SANITIZE_BUILD_DIR:-build-sanitize}
# -g1 (line tables, enough for every report's file:line) keeps the build at about 6 minutes on
# 2 cores instead of half an hour with full debug information.
cmake -S . -B "$san" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" \
      -DHUBHOOK_SANITIZE=ON -DHUBHOOK_BUILD_TESTS=ON -DHUBHOOK_BUILD_UI=ON >/dev/null
cmake --build "$san" --parallel "$(nproc)"
(
    cd "$san"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
    ctest --output-on-failure --timeout 900 \
          -E '^(clang_format|desktop_file_validate|appstream_validate|deb_package|license_file|layer_check|function_length)$'
)

# Fuzzing: ~30 s per harness (scripts/fuzz.sh; clang comes from setup-debian.sh --tests).
bash scripts/fuzz.sh "${HUBHOOK_FUZZ_SECONDS:-30}"
