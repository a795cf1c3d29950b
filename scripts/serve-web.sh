#!/usr/bin/env bash
# Serves the static site (build/web, made by `cmake --workflow --preset wasm`) on 127.0.0.1.
# PORT overrides the port (default 8080). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f build/web/index.html ]]; then
  echo "serve-web: build/web is missing; build it first: cmake --workflow --preset wasm" >&2
  exit 1
fi
exec node web/tools/serve.mjs build/web
