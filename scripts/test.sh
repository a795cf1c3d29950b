#!/usr/bin/env bash
# Runs every test: the core's GoogleTest suites (unit, golden, corpus sweep, robustness) in a
# release build and under ASan + UBSan, each libFuzzer target briefly, the WebAssembly parity
# and web app tests (Node + headless Chromium), the event-log suite against logs a real local Spark
# writes, the Spark listener's and the notebook package's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# compiler cache keyed on paths relative to the checkout, so a fresh clone reuses earlier builds
export CCACHE_BASEDIR="$(pwd)" CCACHE_NOHASHDIR=true
T0=$(date +%s)
stage() { printf '\n== %s (at %ss) ==\n' "$*" "$(( $(date +%s) - T0 ))"; }
./scripts/bootstrap.sh >/dev/null

stage "core: release build and tests"
cmake --workflow --preset release

stage "core: ASan + UBSan build and tests"
cmake --workflow --preset sanitize

stage "core: each libFuzzer target for ${CLUSOP_FUZZ_SECONDS:-20} s"
./scripts/fuzz.sh "${CLUSOP_FUZZ_SECONDS:-20}"

stage "WebAssembly parity and the web app (headless Chromium)"
node --test wasm/tests/ web/tests/

stage "event logs a real local Spark writes (each codec, rolling, in-progress, one problem each)"
./scripts/eventlog-test.sh

stage "Spark listener (JNI, Maven, Comet, pyspark)"
./scripts/listener-test.sh

stage "notebook package (wheel, pyspark, Spark Connect, JupyterLab + Notebook 7 in Chromium)"
./scripts/notebook-test.sh

stage "all passed"
