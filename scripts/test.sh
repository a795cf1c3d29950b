#!/usr/bin/env bash
# Runs every test: the core's GoogleTest suites (unit, golden, corpus sweep, robustness) in a
# release build and under ASan + UBSan, then each libFuzzer target briefly.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh >/dev/null

echo "== release: build and test =="
cmake --workflow --preset release

echo "== sanitize (ASan + UBSan): build and test =="
cmake --workflow --preset sanitize

echo "== fuzz: each libFuzzer target for ${CLUSOP_FUZZ_SECONDS:-20} s =="
./scripts/fuzz.sh "${CLUSOP_FUZZ_SECONDS:-20}"
