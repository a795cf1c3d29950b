#!/usr/bin/env bash
# Sets everything up, runs the main job on bundled plans and event logs a real local Spark
# produced (tests/golden/plans, tests/io/data), keeps the logs' figures in an embedded DuckDB
# file through the Python package's `clusop ingest`, then serves the web app locally and prints
# its address.
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
echo "== 4. The tables: clusop ingest (the Python package) writes the same logs into an embedded DuckDB file =="
# the package in a virtualenv of its own (PyPI: duckdb, anywidget, the build backend); the
# console script's `clusop analyze|scan` are the binary's own code, run in-process
VENV=build/demo-venv
python3 -c 'import venv, ensurepip' 2>/dev/null || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null; }
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check duckdb anywidget scikit-build-core nanobind
CLUSOP_LISTENER_JAR_MODE=none "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
  --no-build-isolation --no-deps -C build-dir="$PWD/build/demo-wheel" ./notebook-widget
DB=build/demo.duckdb
rm -f "$DB"
"$VENV/bin/clusop" ingest tests/io/data/spark-3.5.9 --db "$DB"
echo
echo "-- a query of $DB: per application, its stages, tasks, worst skew, spill and recommendations"
"$VENV/bin/python" - "$DB" <<'SQL'
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
con.sql("""
  SELECT a.name, count(*) AS stages, sum(s.num_tasks) AS tasks,
         max(s.max_task_skew_ratio) AS worst_skew, sum(s.total_shuffle_spill_mb) AS spill_mb,
         (SELECT count(*) FROM clusop_recommendations r
           WHERE r.app_id = a.app_id AND r.attempt = a.attempt) AS recommendations
  FROM clusop_apps a JOIN clusop_stage_metrics s USING (app_id, attempt)
  GROUP BY a.app_id, a.attempt, a.name ORDER BY a.name""").show()
SQL

echo
echo "== 5. The web app (paste a plan or drop a log; nothing leaves the browser). Ctrl-C stops it. =="
exec ./scripts/serve-web.sh
