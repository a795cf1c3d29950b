#!/usr/bin/env bash
# Regenerates the full snapshots tests/golden/expected/**/*.analysis.json from our own analysis of
# their plans (the compact *.expect.json files state only what matters and are written by people).
# Review the diff before committing: the snapshots are never edited by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build --preset release --target golden_tests
CLUSOP_UPDATE_GOLDEN=1 ./build/release/tests/golden/golden_tests >/dev/null
git status --short tests/golden/expected
