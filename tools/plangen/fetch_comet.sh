#!/usr/bin/env bash
# Fetch the Apache DataFusion Comet jar (Spark 3.5 / Scala 2.12) from Maven Central
# into build/plangen/jars/ under the repository root. Idempotent: does nothing if the
# jar is already present and non-empty.
#
# COMET_VERSION may be overridden from the environment. 0.12.0 is the newest
# comet-spark-spark3.5_2.12 release published on Maven Central as reachable here
# (maven-metadata lists 0.9.0 and 0.12.0); its bundled linux/amd64 libcomet.so needs
# AVX2, which this machine has.
set -euo pipefail

COMET_VERSION="${COMET_VERSION:-0.12.0}"
ARTIFACT="org.apache.datafusion:comet-spark-spark3.5_2.12:${COMET_VERSION}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT_DIR="${REPO_ROOT}/build/plangen/jars"
JAR="${OUT_DIR}/comet-spark-spark3.5_2.12-${COMET_VERSION}.jar"

if [[ "$(uname -m)" == "x86_64" ]] && ! grep -q -w avx2 /proc/cpuinfo; then
  echo "warning: CPU lacks AVX2; Comet's bundled native library will likely fail to load" >&2
fi

if [[ -s "${JAR}" ]]; then
  echo "${JAR}"
  exit 0
fi

mkdir -p "${OUT_DIR}"
mvn -B -q dependency:copy \
  -Dartifact="${ARTIFACT}" \
  -DoutputDirectory="${OUT_DIR}" \
  -Dmdep.overWriteReleases=false >&2

if [[ ! -s "${JAR}" ]]; then
  echo "error: ${JAR} was not produced" >&2
  exit 1
fi
echo "${JAR}"
