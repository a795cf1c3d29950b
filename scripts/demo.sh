#!/usr/bin/env bash
# Sets everything up, runs the main job on bundled plans and event logs a real local Spark
# produced (tests/golden/plans, tests/io/data), then serves the web app locally and prints its address.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh >/dev/null

echo "== 1. Apache DataFusion Comet: a Python UDF drags the query off the native engine =="
./build/release/clusop analyze tests/golden/plans/comet/python_udf.tree.txt

echo
echo "== 2. The same kind of query on a Photon jobs cluster (8 x i3.xlarge, 30 min, 24 runs a day) =="
./build/release/clusop analyze --photon-enabled true --cloud aws --sku jobs --tier premium \
  --node-type i3.xlarge --workers 8 --runtime-seconds 1800 --runs-per-day 24 \
  tests/golden/plans/spark/python_udf.tree.txt

echo
echo "== 3. Whole event logs: one application per codec and layout, read by the same core =="
./build/release/clusop scan tests/io/data/spark-3.5.9

echo
echo "== 4. The web app (paste a plan or drop a log; nothing leaves the browser). Ctrl-C stops it. =="
exec ./scripts/serve-web.sh
