#!/usr/bin/env bash
# Tests the Spark listener (listener/): builds the JNI library, runs the Maven build and its JUnit
# tests against Spark 3.5 (with Apache DataFusion Comet) and against Spark 4.0 (profile spark-4.0,
# Comet tests excluded: no Comet for Spark 4.0 on Maven Central here), checks that both builds
# reference the same Spark methods (one jar serves both), then runs the PySpark tests (a Python
# UDF and a pandas UDF under Comet). Exits non-zero if any stage fails.
#
# Works on a fresh Debian 12 machine after scripts/bootstrap.sh: installs OpenJDK 17 and Maven
# (apt) and the Python packages of tools/plangen/requirements.txt plus pytest (pip; in a venv at
# listener/.venv when the system Python is externally managed) if they are missing.
#
#   LISTENER_SPARK4=0   skip the Spark 4.0 stage
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { printf '\n== %s ==\n' "$*"; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

# ---------------------------------------------------------------- tools
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
need_apt=()
{ command -v javac >/dev/null && javac -version 2>&1 | grep -q ' 17\.'; } || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need_apt+=(maven)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
[ -n "${JAVA_HOME:-}" ] && export PATH="$JAVA_HOME/bin:$PATH"

PY=python3
py_ok() {
  "$1" - <<'PYEOF' 2>/dev/null
import pyspark, pandas, pyarrow, pytest
assert pyspark.__version__ == "3.5.9", pyspark.__version__
PYEOF
}
if ! py_ok "$PY"; then
  [ -x listener/.venv/bin/python ] && py_ok listener/.venv/bin/python && PY=listener/.venv/bin/python
fi
if ! py_ok "$PY"; then
  log "installing tools/plangen/requirements.txt and pytest"
  if ! python3 -m pip install -q -r tools/plangen/requirements.txt pytest 2>/dev/null || ! py_ok python3; then
    # Debian's Python is externally managed (PEP 668): use a venv of our own
    python3 -m venv listener/.venv 2>/dev/null || {
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv python3-pip >/dev/null
      python3 -m venv listener/.venv
    }
    PY=listener/.venv/bin/python
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -r tools/plangen/requirements.txt pytest
  fi
fi

declare -A RESULT
failed=0
record() { RESULT[$1]=$2; [ "$2" = ok ] || failed=1; }

# surefire reports -> "Tests run: N, Failures: F, Errors: E, Skipped: S"
surefire_summary() {
  "$PY" - "$1" <<'PYEOF'
import glob, sys, xml.etree.ElementTree as ET
t = f = e = s = 0
for p in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    r = ET.parse(p).getroot()
    t += int(r.get("tests", 0)); f += int(r.get("failures", 0))
    e += int(r.get("errors", 0)); s += int(r.get("skipped", 0))
print(f"Tests run: {t}, Failures: {f}, Errors: {e}, Skipped: {s}")
PYEOF
}

# ---------------------------------------------------------------- native library (and the CLI the parity tests call)
log "native: cmake release preset, targets clusop_jni and clusop"
if cmake --preset release >/dev/null && cmake --build --preset release --target clusop_jni clusop; then
  record native ok
  # a snapshot of the pair, so a rebuild of build/release during the run cannot split them
  mkdir -p listener/target/native
  cp build/release/listener/libclusop_jni.so build/release/clusop listener/target/native/
  MVN_NATIVE=(-Dclusop.native.dir="$ROOT/listener/target/native" -Dclusop.cli="$ROOT/listener/target/native/clusop")
else
  record native FAILED
  echo "listener-test: the native build failed; nothing else can run" >&2
  exit 1
fi

# ---------------------------------------------------------------- Spark 3.5 + Comet
log "maven: Spark 3.5 (default profile), mvn verify"
rm -rf listener/target/surefire-reports
if mvn -q -B -f listener/pom.xml "${MVN_NATIVE[@]}" verify; then record spark35 ok; else record spark35 FAILED; fi
SUM35=$(surefire_summary listener/target/surefire-reports)
echo "Spark 3.5: $SUM35"

# ---------------------------------------------------------------- Spark 4.0
if [ "${LISTENER_SPARK4:-1}" != 0 ]; then
  log "maven: Spark 4.0 (profile spark-4.0, build dir listener/target/spark-4.0), mvn verify"
  rm -rf listener/target/spark-4.0/surefire-reports
  if mvn -q -B -f listener/pom.xml -Pspark-4.0 "${MVN_NATIVE[@]}" verify; then record spark40 ok; else record spark40 FAILED; fi
  SUM40=$(surefire_summary listener/target/spark-4.0/surefire-reports)
  echo "Spark 4.0: $SUM40"

  log "bytecode: the Spark 3.5 and Spark 4.0 builds call the same Spark methods"
  refs() {
    (cd "$1" && for c in com/clusop/listener/*.class; do javap -c -p "$c"; done) \
      | grep -oE '// (Method|InterfaceMethod|Field) (org/apache/spark|scala)/[^ ]*' | sort -u
  }
  if [ -d listener/target/classes ] && [ -d listener/target/spark-4.0/classes ] \
     && diff <(refs listener/target/classes) <(refs listener/target/spark-4.0/classes); then
    echo "identical: $(refs listener/target/classes | wc -l) Spark/Scala references"
    record bytecode ok
  else
    record bytecode FAILED
  fi
fi

# ---------------------------------------------------------------- PySpark: Python and pandas UDFs under Comet
log "pytest: listener/python_tests (PySpark $("$PY" -c 'import pyspark; print(pyspark.__version__)') + Comet)"
JAR=$(ls listener/target/clusop-listener-*.jar 2>/dev/null | head -1)
COMET=$(ls listener/target/python-jars/comet-spark-spark3.5_2.12-*.jar 2>/dev/null | head -1)
if [ -n "$JAR" ] && [ -n "$COMET" ]; then
  PYTEST_OUT=$(mktemp)
  if CLUSOP_LISTENER_JAR="$ROOT/$JAR" COMET_JAR="$ROOT/$COMET" "$PY" -m pytest -q -p no:cacheprovider \
       listener/python_tests 2>&1 | tee "$PYTEST_OUT"; then
    record pytest ok
  else
    record pytest FAILED
  fi
  SUMPY=$(grep -E '(passed|failed|error)' "$PYTEST_OUT" | tail -1)
  rm -f "$PYTEST_OUT"
else
  echo "listener-test: the listener jar or the Comet jar is missing (the Maven stage failed?)" >&2
  record pytest FAILED
  SUMPY="not run"
fi

# ---------------------------------------------------------------- summary
log "summary"
printf '%-10s %-7s %s\n' native "${RESULT[native]}" ""
printf '%-10s %-7s %s\n' spark-3.5 "${RESULT[spark35]}" "JUnit $SUM35"
if [ "${LISTENER_SPARK4:-1}" != 0 ]; then
  printf '%-10s %-7s %s\n' spark-4.0 "${RESULT[spark40]}" "JUnit $SUM40"
  printf '%-10s %-7s %s\n' bytecode "${RESULT[bytecode]}" "one jar for Spark 3.5 and 4.0"
fi
printf '%-10s %-7s %s\n' pytest "${RESULT[pytest]}" "$SUMPY"
if [ "$failed" -ne 0 ]; then
  echo "listener-test: FAILED"
  exit 1
fi
echo "listener-test: all passed"
