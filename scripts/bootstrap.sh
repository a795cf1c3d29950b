#!/usr/bin/env bash
# Installs what clusop needs on a fresh Debian 12 machine and builds the release preset.
# Idempotent: packages already present are not reinstalled.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  nlohmann-json3-dev   # JSON for requests, the price table and the WebAssembly build
  libsimdjson-dev libzstd-dev zlib1g-dev liblz4-dev libsnappy-dev   # event logs: JSON and codecs
  ccache
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev   # libFuzzer targets
  emscripten           # the WebAssembly build of the core (Debian's 3.1.6)
  xz-utils bzip2       # unpack the Debian source packages the WebAssembly build compiles
  chromium             # browser tests of the web app (never a downloaded browser)
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake --preset release >/dev/null
cmake --build --preset release

# the WebAssembly core and the static site (build/web)
cmake --workflow --preset wasm >/dev/null

# the web app's test dependency (playwright-core only; it drives /usr/bin/chromium)
if [ -f web/package-lock.json ]; then
  npm ci --prefix web --no-audit --no-fund --loglevel=error
fi
