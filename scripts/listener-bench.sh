#!/usr/bin/env bash
# The listener's overhead (a benchmark, not a test): a few hundred local queries with and without
# the listener in one JVM (alternating blocks), the wall-time ratio (target <= 1.02), and the
# per-plan processing time (median, p99) for small plans and ~1,000-node plans.
# Class: listener/src/test/java/com/clusop/listener/ListenerBenchmark.java (JUnit tag "bench",
# excluded from the normal test run). Report: listener/target/bench/listener-bench.{txt,json}.
#
#   QUERIES=300    queries per arm        BIG_RUNS=10   runs of the real 1,000-node query
#   BIG_FEEDS=300  direct feeds of the 1,000-node plan text to the dispatcher
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
cmake --preset release >/dev/null
cmake --build --preset release --target clusop_jni clusop
rm -f listener/target/bench/listener-bench.txt
mvn -q -B -f listener/pom.xml test -Dtest=ListenerBenchmark -Dexcluded.groups=none \
  -Dclusop.bench.queries="${QUERIES:-300}" -Dclusop.bench.bigRuns="${BIG_RUNS:-10}" \
  -Dclusop.bench.bigFeeds="${BIG_FEEDS:-300}"
echo "== listener overhead =="
cat listener/target/bench/listener-bench.txt
