#!/usr/bin/env bash
# Regenerates tests/golden/expected/** from our own analysis of tests/golden/plans/**.
# Review the diff before committing: the expected files are never edited by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build --preset release --target golden_tests
CLUSOP_UPDATE_GOLDEN=1 ./build/release/tests/golden/golden_tests >/dev/null
git status --short tests/golden/expected
