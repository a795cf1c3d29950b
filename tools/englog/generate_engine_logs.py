#!/usr/bin/env python3
"""Generate the engines' own fallback reports by running a REAL local Spark with the engine's jar.

Each engine runs the same few queries in its own JVM; the driver's stderr (log4j at WARN, as
pyspark sets it) is written verbatim to tests/engine_log/logs/<engine>/<name>.log: nothing is
hand-written or edited.

  comet   Apache DataFusion Comet 0.12.0 (comet-spark-spark3.5_2.12, Maven Central) with
          spark.comet.explainFallback.enabled=true: "WARN CometExecRule: Comet cannot execute some
          parts of this plan natively ..." followed by the plan with [COMET: reason] tags.
  rapids  RAPIDS Accelerator 25.04.0 (com.nvidia:rapids-4-spark_2.12, Maven Central) with
          spark.rapids.sql.mode=explainOnly and spark.rapids.sql.explain=ALL: runs on a CPU and logs
          "!Exec <...> cannot run on GPU because ..." / "*Exec <...> will run on GPU" per query.
          The jar's newest shim is Spark 3.5.5, so this engine runs in a venv of its own with
          pyspark==3.5.5 (build/englog-rapids-venv, created by this script on first use).
          Its SQL rules are installed as the session extension com.nvidia.spark.rapids.SQLExecPlugin
          (what the driver plugin would add to spark.sql.extensions), NOT as spark.plugins: the
          plugin's executor half initialises CUDA even in explainOnly mode and, with no GPU driver,
          stalls the local executor's registration (heartbeats fail with "idWithoutTopologyInfo is
          null") until cudaErrorInsufficientDriver shuts the JVM down. The executed plans of the
          same queries (CPU plans: explainOnly converts nothing) are written beside the log to
          tests/engine_log/plans/rapids/<name>.tree.txt.

  commands  plain Spark: EXPLAIN of statements Spark runs as ExecutedCommandExec, whose printed
          children are the command's logical plan (tests/engine_log/commands/<name>.tree.txt), for
          the regression "a command is not a query the engine accelerates".

Usage (repository root, pyspark 3.5 and Java 17; jars fetched with Maven into ~/.m2; the RAPIDS
venv needs PyPI once):
    mvn -q dependency:get -Dartifact=org.apache.datafusion:comet-spark-spark3.5_2.12:0.12.0 -Dtransitive=false
    mvn -q dependency:get -Dartifact=com.nvidia:rapids-4-spark_2.12:25.04.0 -Dtransitive=false
    python tools/englog/generate_engine_logs.py [--engine comet|rapids]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(REPO_ROOT, "tests", "engine_log", "logs")
M2 = os.path.expanduser("~/.m2/repository")
JARS = {
    "comet": os.path.join(M2, "org/apache/datafusion/comet-spark-spark3.5_2.12/0.12.0/"
                              "comet-spark-spark3.5_2.12-0.12.0.jar"),
    "rapids": os.path.join(M2, "com/nvidia/rapids-4-spark_2.12/25.04.0/rapids-4-spark_2.12-25.04.0.jar"),
}
# The newest Spark the RAPIDS jar ships a shim for; its worker runs in a venv with this pyspark.
RAPIDS_PYSPARK = "3.5.5"
RAPIDS_VENV = os.path.join(REPO_ROOT, "build", "englog-rapids-venv")
PLAN_DIR = os.path.join(REPO_ROOT, "tests", "engine_log", "plans")
WORKDIR = "/tmp/clusop-englog"  # fixed, so paths in the logs are stable across runs

QUERIES = {
    # an expression the engines run only partly (date formatting, regular expressions)
    "month_totals": "SELECT status, date_format(ts, 'yyyy-MM') AS month, sum(amount) AS total "
                    "FROM orders GROUP BY status, date_format(ts, 'yyyy-MM')",
    "regexp_filter": "SELECT order_id FROM orders WHERE regexp_extract(status, '^(s[a-z]+)', 1) <> ''",
    # top-k per group: Spark 3.5 plans a WindowGroupLimit below the Window
    "top_k": "SELECT * FROM (SELECT order_id, status, amount, "
             "rank() OVER (PARTITION BY status ORDER BY amount DESC) AS r FROM orders) WHERE r <= 2",
    # a month arithmetic function and a collection function
    "months_arrays": "SELECT order_id, add_months(ts, 1) AS next_month, "
                     "sort_array(array(qty, order_id)) AS a FROM orders",
    # what RAPIDS leaves off unless a setting turns it on (an exec, two expressions): its words
    # name the setting
    "first_rows": "SELECT order_id, status FROM orders LIMIT 3",
    "to_json": "SELECT order_id, to_json(named_struct('status', status, 'qty', qty)) AS j FROM orders",
    "hex_ids": "SELECT order_id, conv(cast(order_id AS string), 10, 16) AS hex FROM orders",
}


def session(engine: str):
    from pyspark.sql import SparkSession

    jar = JARS[engine]
    b = (SparkSession.builder.master("local[1]").appName(f"clusop-englog-{engine}")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "2")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.sql.warehouse.dir", "file://" + os.path.join(WORKDIR, engine, "warehouse"))
         .config("spark.jars", jar)
         .config("spark.driver.extraClassPath", jar))
    if engine == "comet":
        b = (b.config("spark.plugins", "org.apache.spark.CometPlugin")
              .config("spark.shuffle.manager",
                      "org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager")
              .config("spark.memory.offHeap.enabled", "true")
              .config("spark.memory.offHeap.size", "1g")
              .config("spark.comet.enabled", "true")
              .config("spark.comet.exec.enabled", "true")
              .config("spark.comet.exec.shuffle.enabled", "true")
              .config("spark.comet.explainFallback.enabled", "true"))
    else:
        # The SQL half of com.nvidia.spark.SQLPlugin only (see the docstring: the executor half
        # needs a GPU driver even in explainOnly mode).
        b = (b.config("spark.sql.extensions", "com.nvidia.spark.rapids.SQLExecPlugin")
              .config("spark.rapids.sql.mode", "explainOnly")
              .config("spark.rapids.sql.explain", "ALL"))
    return b.getOrCreate()


def worker(engine: str) -> None:
    data = os.path.join(WORKDIR, engine, "orders")
    spark = session(engine)
    rows = [(i, ["shipped", "open", "returned"][i % 3], float(i * 7 % 50), i % 4 + 1,
             f"2024-0{i % 9 + 1}-1{i % 9} 10:00:00") for i in range(60)]
    (spark.createDataFrame(rows, "order_id int, status string, amount double, qty int, ts string")
     .selectExpr("order_id", "status", "amount", "qty", "cast(ts AS timestamp) AS ts")
     .write.mode("overwrite").parquet(data))
    spark.read.parquet(data).createOrReplaceTempView("orders")
    for name, sql in QUERIES.items():
        df = spark.sql(sql)
        df.collect()
        if engine == "rapids":
            write_plan(engine, name, df._jdf.queryExecution().executedPlan().toString())
    spark.stop()


def write_plan(engine: str, name: str, plan: str) -> None:
    os.makedirs(os.path.join(PLAN_DIR, engine), exist_ok=True)
    with open(os.path.join(PLAN_DIR, engine, name + ".tree.txt"), "w", encoding="utf-8") as out:
        out.write(plan)


def rapids_python() -> str:
    """The venv's python with pyspark==RAPIDS_PYSPARK, created on first use."""
    python = os.path.join(RAPIDS_VENV, "bin", "python")
    probe = [python, "-c", "import pyspark, sys; sys.exit(pyspark.__version__ != %r)" % RAPIDS_PYSPARK]
    if os.path.isfile(python) and subprocess.run(probe).returncode == 0:
        return python
    subprocess.run([sys.executable, "-m", "venv", RAPIDS_VENV], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", "pyspark==" + RAPIDS_PYSPARK], check=True)
    return python


COMMANDS = {
    "create_view": "CREATE OR REPLACE TEMPORARY VIEW recent AS "
                   "SELECT id, id % 7 AS k FROM range(100) WHERE id > 10",
    "cache_table": "CACHE LAZY TABLE cached_ids AS SELECT id, id * 2 AS twice FROM range(50)",
}


def command_plans() -> int:
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[1]").appName("clusop-englog-commands")
             .config("spark.ui.enabled", "false").getOrCreate())
    out_dir = os.path.join(REPO_ROOT, "tests", "engine_log", "commands")
    os.makedirs(out_dir, exist_ok=True)
    for name, sql in COMMANDS.items():
        plan = spark.sql("EXPLAIN " + sql).collect()[0][0]
        with open(os.path.join(out_dir, name + ".tree.txt"), "w", encoding="utf-8") as out:
            out.write(plan)
        print(f"wrote {name}.tree.txt")
    spark.stop()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=sorted(JARS), action="append")
    parser.add_argument("--worker", choices=sorted(JARS))
    parser.add_argument("--commands", action="store_true", help="write the command plans only")
    args = parser.parse_args()
    if args.commands:
        return command_plans()
    if args.worker:
        worker(args.worker)
        return 0
    failed = 0
    for engine in args.engine or sorted(JARS):
        if not os.path.isfile(JARS[engine]):
            print(f"{engine}: jar missing ({JARS[engine]}); fetch it with Maven (see --help)", file=sys.stderr)
            failed += 1
            continue
        shutil.rmtree(os.path.join(WORKDIR, engine), ignore_errors=True)
        env = dict(os.environ, JAVA_HOME=os.environ.get("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"))
        python = rapids_python() if engine == "rapids" else sys.executable
        run = subprocess.run([python, __file__, "--worker", engine], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=900)
        if run.returncode != 0:
            print(f"{engine}: worker failed ({run.returncode}):\n{run.stderr.decode()[-3000:]}", file=sys.stderr)
            failed += 1
            continue
        os.makedirs(os.path.join(OUT_DIR, engine), exist_ok=True)
        path = os.path.join(OUT_DIR, engine, "local_queries.log")
        with open(path, "wb") as out:
            out.write(run.stderr)
        print(f"wrote {path} ({len(run.stderr)} bytes)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
