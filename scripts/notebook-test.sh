#!/usr/bin/env bash
# Tests the notebook face (notebook-widget/): builds the Python package `clusop` (the C++ core
# as a nanobind extension, the widget front end from the built site, the listener jar, the
# autoload .pth), installs it into a virtualenv of its own and runs:
#   pytest   notebook-widget/tests   analyze on text and on real PySpark DataFrames (Java 17),
#                                   the clusop command (byte parity with build/release/clusop),
#                                   clusop ingest into DuckDB on real logs (locked, read-only),
#                                   Comet for a real partial fallback, watch on live queries, the
#                                   .pth arming a fresh interpreter, dormancy on Spark Connect,
#                                   the wheel's contents, its manylinux tag and what its native code
#                                   needs, a fresh-virtualenv install, start-up cost, show() in a
#                                   real nbconvert HTML export (no JavaScript)
#   browser  notebook-widget/tests/browser   headless JupyterLab 4 + Notebook 7, Debian's Chromium
#                                   through playwright-core (never a downloaded browser)
# Screenshots and measurements: build/notebook-test-artifacts/. Exits non-zero on any failure.
#
# Works on a fresh Debian 12 machine after scripts/bootstrap.sh: installs OpenJDK 17 and Maven
# (apt) if missing; the Python packages go into build/notebook-venv (PyPI), playwright-core into
# notebook-widget/node_modules (npm). Builds what is missing: the WebAssembly site (build/web),
# the listener jar (listener/target), the Comet jar (tools/plangen/fetch_comet.sh) and the Spark
# Connect server jar (Maven Central) for the dormancy test.
#
#   NOTEBOOK_TEST_BROWSER=0   skip the browser test
#   NOTEBOOK_TEST_PYTEST="notebook-widget/tests/test_fix.py ..."   run only these pytest paths
#   NOTEBOOK_TEST_VENV=DIR    use/create another virtualenv
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ART="$ROOT/build/notebook-test-artifacts"
VENV="${NOTEBOOK_TEST_VENV:-$ROOT/build/notebook-venv}"
T0=$(date +%s)

log() { printf '\n== %s (%ss) ==\n' "$*" "$(( $(date +%s) - T0 ))"; }
die() { echo "notebook-test: $*" >&2; exit 1; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
mkdir -p "$ART"

# ---------------------------------------------------------------- tools
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
need_apt=()
{ command -v javac >/dev/null && javac -version 2>&1 | grep -q ' 17\.'; } || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need_apt+=(maven)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
# clusop serve's tests start their own PostgreSQL server (initdb/pg_ctl; as root through runuser)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null || die "apt-get failed"
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
export PATH="$JAVA_HOME/bin:$PATH"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed (scripts/bootstrap.sh)"

# ---------------------------------------------------------------- Python packages (a virtualenv of our own)
log "python: $VENV"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || die "python3 -m venv failed"
PY="$VENV/bin/python"
"$PY" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1
"$PY" -m pip install -q --disable-pip-version-check \
  -r tools/plangen/requirements.txt "pyspark[connect]==3.5.9" \
  pytest jupyterlab notebook anywidget scikit-build-core nanobind zstandard duckdb libcst \
  starlette uvicorn "psycopg[binary]" httpx \
  "delta-spark==3.3.2" fsspec s3fs "moto[server]" || die "pip install failed"
# the fleet test's Delta jars (io.delta:delta-spark_2.12:3.3.2, the pip package's version) are
# fetched from Maven Central by Spark's Ivy into ~/.ivy2 on first use

# ---------------------------------------------------------------- npm: playwright-core (no browser download)
log "npm: notebook-widget (playwright-core)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix notebook-widget --no-audit --no-fund --loglevel=error \
  || die "npm ci failed"

# ---------------------------------------------------------------- what the package is built from
if [ ! -f build/web/wasm/clusop.wasm ] || [ ! -f build/web/index.html ]; then
  log "wasm: cmake --workflow --preset wasm"
  cmake --workflow --preset wasm >/dev/null || die "the WebAssembly build failed"
fi

log "listener jar"
# the JNI library for the jar; the CLI for tests/test_scan.py's byte parity with `clusop scan`
cmake --preset release >/dev/null && cmake --build --preset release --target clusop_jni clusop >/dev/null \
  || die "the JNI library or the CLI did not build"
JAR="$ROOT/listener/target/clusop-listener-0.1.0.jar"
stale=0
[ -f "$JAR" ] || stale=1
if [ "$stale" = 0 ]; then
  for f in listener/src/main/java/com/clusop/listener/*.java build/release/listener/libclusop_jni.so listener/pom.xml; do
    [ "$f" -nt "$JAR" ] && stale=1
  done
fi
if [ "$stale" = 1 ]; then
  mvn -q -B -f listener/pom.xml -DskipTests package || die "mvn package of the listener failed"
fi
echo "$JAR"

log "Comet jar and Spark Connect server jar"
COMET_JAR=$(tools/plangen/fetch_comet.sh 2>/dev/null | tail -1) || COMET_JAR=""
[ -s "$COMET_JAR" ] || { echo "notebook-test: no Comet jar: the Comet test will be skipped" >&2; COMET_JAR=""; }
# the server jar is not in pyspark's wheel; the Maven Central reachable here has no 3.5.9 of it,
# so the newest 3.5.x there serves (a plugin of the same Spark line)
CONNECT_JAR=""
for v in 3.5.9 3.5.8 3.5.7; do
  f="$ROOT/build/notebook-jars/spark-connect_2.12-$v.jar"
  if [ ! -s "$f" ]; then
    mvn -B -q dependency:copy -Dartifact="org.apache.spark:spark-connect_2.12:$v" \
      -DoutputDirectory="$ROOT/build/notebook-jars" >/dev/null 2>&1 || true
  fi
  if [ -s "$f" ]; then CONNECT_JAR="$f"; break; fi
done
[ -n "$CONNECT_JAR" ] && echo "$CONNECT_JAR" || echo "notebook-test: no spark-connect jar: the Connect test will be skipped" >&2

# ---------------------------------------------------------------- the wheel
log "wheel: scripts/build-wheel.sh (pip wheel, auditwheel repair)"
# the manylinux wheel a user installs (the codecs and simdjson grafted in); the tests install it
WHEEL=$(scripts/build-wheel.sh --python "$PY" --jar "$JAR" --build "$ROOT/build/notebook-widget" | tail -1) \
  && [ -f "$WHEEL" ] || die "the wheel did not build"
echo "$WHEEL ($(du -k "$WHEEL" | cut -f1) KB)"
"$PY" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "$WHEEL" || die "installing the wheel failed"

declare -A RESULT
failed=0
record() { RESULT[$1]=$2; [ "$2" = ok ] || failed=1; }

# ---------------------------------------------------------------- pytest
log "pytest: notebook-widget/tests"
PYTEST_OUT="$ART/pytest.txt"
if CLUSOP_WHEEL="$WHEEL" COMET_JAR="$COMET_JAR" SPARK_CONNECT_JAR="$CONNECT_JAR" JAVA_HOME="$JAVA_HOME" \
     "$PY" -m pytest -q -rs --durations=12 ${NOTEBOOK_TEST_PYTEST:-notebook-widget/tests} 2>&1 | tee "$PYTEST_OUT"; then
  record pytest ok
else
  record pytest FAILED
fi
SUMPY=$(grep -E '(passed|failed|error)' "$PYTEST_OUT" | tail -1)

# ---------------------------------------------------------------- the browser
if [ "${NOTEBOOK_TEST_BROWSER:-1}" != 0 ]; then
  log "browser: JupyterLab 4 + Notebook 7 in /usr/bin/chromium"
  BROWSER_OUT="$ART/browser.txt"
  if CLUSOP_PYTHON="$PY" node --test notebook-widget/tests/browser/ 2>&1 | tee "$BROWSER_OUT" | grep -E '^(not )?ok|^# (pass|fail)'; then
    grep -q '^# fail 0' "$BROWSER_OUT" && record browser ok || record browser FAILED
  else
    record browser FAILED
  fi
  SUMBR=$(grep -E '^# (pass|fail)' "$BROWSER_OUT" | tr '\n' ' ')
fi

# ---------------------------------------------------------------- summary
log "summary"
printf '%-8s %-7s %s\n' pytest "${RESULT[pytest]}" "$SUMPY"
if [ "${NOTEBOOK_TEST_BROWSER:-1}" != 0 ]; then
  printf '%-8s %-7s %s\n' browser "${RESULT[browser]}" "$SUMBR"
fi
[ -f "$ART/startup.json" ] && echo "start-up cost of the .pth: $(tr -d '\n ' < "$ART/startup.json" | grep -oE '"overhead_ms":[-0-9.]+')"
echo "artifacts: $ART"
if [ "$failed" -ne 0 ]; then
  echo "notebook-test: FAILED"
  exit 1
fi
echo "notebook-test: all passed ($(( $(date +%s) - T0 )) s)"
