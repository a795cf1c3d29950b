#!/usr/bin/env bash
# Holds `clusop scan` to what real Spark jobs did: tools/loggen/scenarios.py runs a local
# pyspark 3.5.9 (and Comet 0.12.0) once per scenario, one application each with one known
# problem (skew, spill, retried task, missed broadcast, tiny tasks, Python UDF under Comet, large
# collect, nested-loop join, AQE off, small files, too few partitions, and on a standalone
# cluster of two loopback hosts speculation and idle executors) or none (clean, each codec,
# rolling, in-progress), then the pytest suite tests/spark_logs/ compares the scan of each log
# with the facts the job recorded, and the rules' findings with the findings each job expects.
#
# Builds nothing: expects build/release/clusop (or CLUSOP_BIN). Installs what it needs if
# missing: OpenJDK 17 and Maven (apt), the Python packages of tools/plangen/requirements.txt
# plus pytest (pip; in a venv at build/loggen-venv when no Python at hand has them), the Comet
# jar (tools/plangen/fetch_comet.sh). Exits non-zero when a test fails; prints pytest's summary.
#
#   CLUSOP_SPARK_LOGS   reuse (or fill) this folder of generated logs instead of a temp dir
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

export CLUSOP_BIN="${CLUSOP_BIN:-$ROOT/build/release/clusop}"
if [ ! -x "$CLUSOP_BIN" ]; then
  echo "eventlog-test: no clusop binary at $CLUSOP_BIN (build the release preset first)" >&2
  exit 1
fi

# ---------------------------------------------------------------- Java 17 and Maven
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
need_apt=()
{ command -v java >/dev/null && java -version 2>&1 | grep -q ' 17\.'; } || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need_apt+=(maven)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "eventlog-test: installing ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
[ -n "${JAVA_HOME:-}" ] && export PATH="$JAVA_HOME/bin:$PATH"

# ---------------------------------------------------------------- Python with pyspark 3.5.9 and pytest
py_ok() {
  "$1" - <<'PYEOF' 2>/dev/null
import pyspark, pytest
assert pyspark.__version__ == "3.5.9", pyspark.__version__
PYEOF
}
PY=""
for candidate in "${CLUSOP_PYTHON:-}" python3 build/loggen-venv/bin/python /opt/clusop-venv/bin/python; do
  [ -n "$candidate" ] && command -v "$candidate" >/dev/null && py_ok "$candidate" && { PY=$candidate; break; }
done
if [ -z "$PY" ]; then
  echo "eventlog-test: installing tools/plangen/requirements.txt and pytest into build/loggen-venv"
  python3 -m venv build/loggen-venv 2>/dev/null || {
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv python3-pip >/dev/null
    python3 -m venv build/loggen-venv
  }
  PY=build/loggen-venv/bin/python
  "$PY" -m pip install -q --upgrade pip
  "$PY" -m pip install -q -r tools/plangen/requirements.txt pytest || {
    echo "eventlog-test: pip install failed" >&2; exit 1; }
fi

# ---------------------------------------------------------------- Comet jar (Maven Central)
COMET=$(tools/plangen/fetch_comet.sh) || { echo "eventlog-test: could not fetch the Comet jar" >&2; exit 1; }
export COMET_JAR_DIR
COMET_JAR_DIR=$(dirname "$COMET")

# ---------------------------------------------------------------- the suite
OUT=$(mktemp)
"$PY" -m pytest -q -p no:cacheprovider -rs tests/spark_logs 2>&1 | tee "$OUT"
rc=${PIPESTATUS[0]}
summary=$(grep -E '(passed|failed|error|skipped)' "$OUT" | tail -1)
rm -f "$OUT"
echo "eventlog-test: ${summary:-no pytest summary}"
exit "$rc"
