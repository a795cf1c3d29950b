#!/usr/bin/env python3
"""Generate golden Spark executed-plan fixtures by running a REAL local Spark.

Every file written under tests/golden/plans/ is text that Spark (or, for
``*.comet_extended.txt``, Comet's own ExtendedExplainInfo running inside Spark)
produced for a query that was actually executed.  Nothing is hand-written or
post-processed: the strings returned by the JVM are written verbatim.

Usage (from the repository root):

    pip install -r tools/plangen/requirements.txt
    tools/plangen/fetch_comet.sh
    python tools/plangen/generate_plans.py            # all engines, all cases
    python tools/plangen/generate_plans.py --engine comet --case python_udf

Each case runs in its own Python + JVM process (``--worker``), so expression ids
(``#12L``) and ``plan_id``s depend only on the case itself, and a failing case
(e.g. Comet not loadable) is reported and skipped without affecting the others.

Output formats (file suffix):
  tree            ``queryExecution.explainString(simple)``   == df.explain()
  extended        ``queryExecution.explainString(extended)`` == df.explain(True)
  formatted       ``queryExecution.explainString(formatted)``
  event           the single event-log JSON line carrying the final sparkPlanInfo
                  (last SparkListenerSQLAdaptiveExecutionUpdate of the execution,
                  or its SparkListenerSQLExecutionStart if AQE never updated it)
  comet_extended  ``org.apache.comet.ExtendedExplainInfo.generateExtendedInfo``
                  applied to the executed plan (Spark 3.5 has no
                  spark.sql.extendedExplainProviders, so it is called directly)
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO_ROOT, "tests", "golden", "plans")
DEFAULT_JAR_DIR = os.path.join(REPO_ROOT, "build", "plangen", "jars")
# A fixed (not random) work dir keeps parquet paths in the plans stable across runs.
DEFAULT_WORKDIR = "/tmp/clusop-plangen"
DEFAULT_JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64"
CASE_TIMEOUT_S = 600

FMT_SUFFIX = {
    "tree": ".tree.txt",
    "extended": ".extended.txt",
    "formatted": ".formatted.txt",
    "event": ".event.json",
    "comet_extended": ".comet_extended.txt",
}
EXPLAIN_MODE = {"tree": "simple", "extended": "extended", "formatted": "formatted"}


# --------------------------------------------------------------------------
# Case table
# --------------------------------------------------------------------------

@dataclass
class Case:
    engine: str                     # "spark" | "comet"
    name: str
    query: str                      # SQL or short description (goes to MANIFEST)
    run: Callable                   # run(spark, tables) -> DataFrame | None
    formats: List[str]
    # Expectation written by a human after READING the generated plan
    # (not computed by any analyzer).
    fallback: bool
    fallback_ops: str               # operators seen running on the JVM ("-" if none)
    conf: Dict[str, str] = field(default_factory=dict)  # runtime SQL confs
    # For commands executed eagerly (df.write...): no DataFrame to explain;
    # only "event" is meaningful.
    command: bool = False
    setup_sql: List[str] = field(default_factory=list)  # run before the measured query
    # Substrings the "tree" file must contain; only used to WARN when a regenerated
    # plan no longer shows what the human-written expectation above describes.
    must_contain: List[str] = field(default_factory=list)


# --- shared Python functions used as UDFs (defined at module level so the
# --- Python workers can unpickle them) -----------------------------------

def _py_plus_tax(amount):
    return None if amount is None else round(amount * 1.2, 2)


def _py_is_even(n):
    return n is not None and n % 2 == 0


def _make_udfs():
    from pyspark.sql.functions import pandas_udf, udf
    from pyspark.sql.types import BooleanType, DoubleType

    plus_tax = udf(_py_plus_tax, DoubleType())
    is_even = udf(_py_is_even, BooleanType())

    @pandas_udf(DoubleType())
    def pd_discount(v):  # pandas.Series -> pandas.Series
        return v * 0.9

    return plus_tax, is_even, pd_discount


# --- data -------------------------------------------------------------------

def make_tables(spark, data_dir):
    """Write tiny deterministic parquet tables and register them as views."""
    orders_path = os.path.join(data_dir, "orders")
    customers_path = os.path.join(data_dir, "customers")
    (spark.range(0, 4000, 1, 2)
        .selectExpr(
            "id AS order_id",
            "CAST(id % 200 AS INT) AS cust_id",
            "CAST((id * 37) % 1000 AS DOUBLE) / 10 AS amount",
            "CAST(id % 7 AS INT) AS qty",
            "DATE_ADD(DATE'2024-01-01', CAST(id % 365 AS INT)) AS order_date",
            "TIMESTAMP_SECONDS(1704067200 + id * 3600) AS ts",
            "CASE WHEN id % 3 = 0 THEN 'open' WHEN id % 3 = 1 THEN 'shipped' "
            "ELSE 'returned' END AS status",
            "CONCAT('note-', CAST(id % 17 AS STRING), '-', CAST(id % 5 AS STRING)) AS note")
        .write.mode("overwrite").parquet(orders_path))
    (spark.range(0, 200, 1, 1)
        .selectExpr(
            "CAST(id AS INT) AS cust_id",
            "CONCAT('cust_', CAST(id AS STRING)) AS name",
            "ELEMENT_AT(ARRAY('north', 'south', 'east', 'west'), CAST(id % 4 + 1 AS INT)) AS region",
            "CAST(id % 3 AS INT) AS tier")
        .write.mode("overwrite").parquet(customers_path))
    orders = spark.read.parquet(orders_path)
    customers = spark.read.parquet(customers_path)
    orders.createOrReplaceTempView("orders")
    customers.createOrReplaceTempView("customers")
    return {"orders": orders, "customers": customers, "data_dir": data_dir}


# --- query builders -----------------------------------------------------------

def q_sql(sql):
    def run(spark, t):
        return spark.sql(sql)
    run.sql = sql
    return run


SQL_FILTER_AGG = ("SELECT status, COUNT(*) AS n, SUM(amount) AS total "
                  "FROM orders WHERE amount > 20 AND qty >= 2 GROUP BY status")
SQL_JOIN_AGG = ("SELECT c.region, COUNT(*) AS n, SUM(o.amount) AS total "
                "FROM orders o JOIN customers c ON o.cust_id = c.cust_id "
                "WHERE o.qty > 0 GROUP BY c.region")
SQL_WINDOW = ("SELECT cust_id, order_id, amount, "
              "ROW_NUMBER() OVER (PARTITION BY cust_id ORDER BY ts) AS rn, "
              "SUM(amount) OVER (PARTITION BY cust_id ORDER BY ts "
              "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving_sum "
              "FROM orders WHERE status = 'open'")
SQL_TOPK_PER_GROUP = ("SELECT * FROM (SELECT cust_id, order_id, amount, "
                      "RANK() OVER (PARTITION BY cust_id ORDER BY amount DESC) AS rk "
                      "FROM orders) WHERE rk <= 2")
SQL_SCALAR_SUBQUERY = ("SELECT order_id, amount FROM orders "
                       "WHERE amount > (SELECT AVG(amount) FROM orders WHERE status = 'returned')")
SQL_UNION = ("SELECT cust_id, amount FROM orders WHERE status = 'open' "
             "UNION ALL SELECT cust_id, CAST(tier AS DOUBLE) AS amount FROM customers WHERE region = 'east'")
SQL_ORDER_LIMIT = "SELECT order_id, amount FROM orders WHERE qty = 3 ORDER BY amount DESC, order_id LIMIT 10"
SQL_CROSS_JOIN = ("SELECT o.order_id, c.name FROM orders o JOIN customers c "
                  "ON o.amount > c.cust_id * 2 WHERE o.qty = 1 AND c.tier = 0")
SQL_EXISTS_OR = ("SELECT c.cust_id, c.name FROM customers c "
                 "WHERE c.tier = 1 OR EXISTS (SELECT 1 FROM orders o "
                 "WHERE o.cust_id = c.cust_id AND o.amount > 99)")
SQL_REGEXP = ("SELECT order_id, REGEXP_EXTRACT(note, 'note-([0-9]+)', 1) AS code "
              "FROM orders WHERE note RLIKE '^note-1[0-9]-'")
SQL_DATETIME = ("SELECT order_id, DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm') AS ts_text, "
                "TO_TIMESTAMP(CONCAT(CAST(order_date AS STRING), ' 12:00'), 'yyyy-MM-dd HH:mm') AS noon "
                "FROM orders WHERE qty = 4")
SQL_CREATE_SINK = "CREATE TABLE sink (status STRING, total DOUBLE) USING parquet"
SQL_INSERT_TABLE = ("INSERT OVERWRITE TABLE sink "
                    "SELECT status, SUM(amount) AS total FROM orders WHERE qty > 1 GROUP BY status")


def q_python_udf(spark, t):
    plus_tax, is_even, _ = _make_udfs()
    o = t["orders"]
    return (o.where(is_even(o.qty))
             .select("order_id", "cust_id", plus_tax(o.amount).alias("gross")))


def q_pandas_udf(spark, t):
    _, _, pd_discount = _make_udfs()
    o = t["orders"]
    return o.where("status = 'shipped'").select("order_id", pd_discount(o.amount).alias("discounted"))


def _apply_in_pandas_fn(pdf):
    import pandas as pd
    return pd.DataFrame({"cust_id": [int(pdf["cust_id"].iloc[0])],
                         "n": [int(len(pdf))],
                         "max_amount": [float(pdf["amount"].max())]})


def q_apply_in_pandas(spark, t):
    o = t["orders"]
    return (o.select("cust_id", "amount").groupBy("cust_id")
             .applyInPandas(_apply_in_pandas_fn, "cust_id int, n long, max_amount double"))


def _map_in_pandas_fn(it):
    for pdf in it:
        pdf = pdf[pdf["qty"] > 3]
        yield pdf.assign(amount=pdf["amount"] * 2)[["order_id", "qty", "amount"]]


def q_map_in_pandas(spark, t):
    o = t["orders"]
    return o.select("order_id", "qty", "amount").mapInPandas(
        _map_in_pandas_fn, "order_id long, qty int, amount double")


def q_rdd_roundtrip(spark, t):
    # Dataset-style lambdas: DataFrame -> RDD[Row] -> Python map -> DataFrame
    o = t["orders"]
    rdd = o.select("order_id", "cust_id", "amount").rdd.map(
        lambda r: (r.order_id, r.cust_id, r.amount * 2.0))
    df = spark.createDataFrame(rdd, "order_id long, cust_id int, amount2 double")
    return df.where("amount2 > 50").groupBy("cust_id").count()


def q_collect_limit(spark, t):
    return t["orders"].where("status = 'open'").select("order_id", "note").limit(7)


def q_sample(spark, t):
    return (t["orders"].sample(withReplacement=False, fraction=0.1, seed=42)
             .groupBy("status").count())


def q_insert_table(spark, t):
    # spark.sql() runs the command eagerly; its DataFrame explains as CommandResult.
    return spark.sql(SQL_INSERT_TABLE)


def q_write_parquet(spark, t):
    out = os.path.join(t["data_dir"], "write_out")
    (t["orders"].where("qty > 2").select("order_id", "status", "amount")
        .write.mode("overwrite").partitionBy("status").parquet(out))
    return None


def q_broadcast_join(spark, t):
    return spark.sql(SQL_JOIN_AGG)


Q_WRITE_DESC = ("orders.where('qty > 2').select(order_id, status, amount)"
                ".write.mode('overwrite').partitionBy('status').parquet(dir)")

VANILLA = "- (vanilla Spark: no native engine)"
NO_BROADCAST = {"spark.sql.autoBroadcastJoinThreshold": "-1"}

CASES: List[Case] = [
    # ----------------------------------------------------------- vanilla Spark
    # No native engine: nothing can fall back (VANILLA is the manifest text).
    Case("spark", "filter_agg", SQL_FILTER_AGG, q_sql(SQL_FILTER_AGG),
         ["tree", "extended", "formatted", "event"], False, VANILLA,
         must_contain=["HashAggregate", "FileScan parquet"]),
    Case("spark", "broadcast_join", SQL_JOIN_AGG, q_broadcast_join, ["tree"], False, VANILLA,
         must_contain=["BroadcastHashJoin"]),
    Case("spark", "sort_merge_join", SQL_JOIN_AGG + "  [autoBroadcastJoinThreshold=-1]",
         q_sql(SQL_JOIN_AGG), ["tree"], False, VANILLA, conf=NO_BROADCAST,
         must_contain=["SortMergeJoin"]),
    Case("spark", "window", SQL_WINDOW, q_sql(SQL_WINDOW), ["tree"], False, VANILLA,
         must_contain=["Window ["]),
    Case("spark", "python_udf", "orders.where(is_even(qty)).select(order_id, cust_id, "
         "plus_tax(amount)) with Python @udf in filter and select",
         q_python_udf, ["tree"], False, VANILLA, must_contain=["BatchEvalPython"]),
    Case("spark", "pandas_udf", "orders.where(status='shipped').select(order_id, "
         "pd_discount(amount)) with scalar @pandas_udf", q_pandas_udf, ["tree"], False, VANILLA,
         must_contain=["ArrowEvalPython"]),
    Case("spark", "apply_in_pandas", "orders.groupBy(cust_id).applyInPandas(fn, schema)",
         q_apply_in_pandas, ["tree"], False, VANILLA, must_contain=["FlatMapGroupsInPandas"]),
    Case("spark", "map_in_pandas", "orders.select(order_id, qty, amount).mapInPandas(fn, schema)",
         q_map_in_pandas, ["tree"], False, VANILLA, must_contain=["MapInPandas"]),
    Case("spark", "rdd_roundtrip", "createDataFrame(orders.rdd.map(lambda)).where(amount2>50)"
         ".groupBy(cust_id).count()", q_rdd_roundtrip, ["tree"], False, VANILLA,
         must_contain=["Scan ExistingRDD"]),
    Case("spark", "scalar_subquery", SQL_SCALAR_SUBQUERY, q_sql(SQL_SCALAR_SUBQUERY),
         ["tree", "formatted"], False, VANILLA, must_contain=["Subquery subquery"]),
    Case("spark", "union", SQL_UNION, q_sql(SQL_UNION), ["tree"], False, VANILLA,
         must_contain=["Union"]),
    Case("spark", "collect_limit", "orders.where(status='open').select(order_id, note).limit(7)",
         q_collect_limit, ["tree"], False, VANILLA, must_contain=["CollectLimit"]),
    Case("spark", "insert_table", SQL_CREATE_SINK + "; " + SQL_INSERT_TABLE, q_insert_table,
         ["tree"], False, VANILLA, setup_sql=[SQL_CREATE_SINK],
         must_contain=["InsertIntoHadoopFsRelationCommand"]),
    Case("spark", "write_parquet", Q_WRITE_DESC, q_write_parquet, ["event"], False, VANILLA,
         command=True, must_contain=["InsertIntoHadoopFsRelationCommand"]),

    # ------------------------------------------------------------------ Comet
    # fully accelerated
    Case("comet", "scan_filter_agg", SQL_FILTER_AGG, q_sql(SQL_FILTER_AGG),
         ["tree", "formatted", "event", "comet_extended"], False,
         "- (only the final CometColumnarToRow transition)",
         must_contain=["CometHashAggregate", "CometNativeShuffle"]),
    Case("comet", "shuffle_join_agg", SQL_JOIN_AGG + "  [autoBroadcastJoinThreshold=-1]",
         q_sql(SQL_JOIN_AGG), ["tree", "comet_extended"], False,
         "- (only the final CometColumnarToRow transition)", conf=NO_BROADCAST,
         must_contain=["CometSortMergeJoin", "CometNativeShuffle"]),
    Case("comet", "broadcast_join", SQL_JOIN_AGG, q_broadcast_join, ["tree"], False,
         "- (only the final CometColumnarToRow transition)",
         must_contain=["CometBroadcastHashJoin", "CometBroadcastExchange"]),
    Case("comet", "order_limit", SQL_ORDER_LIMIT, q_sql(SQL_ORDER_LIMIT), ["tree"], False,
         "- (only the final CometColumnarToRow transition)",
         must_contain=["CometTakeOrderedAndProject"]),
    # real fallbacks
    Case("comet", "python_udf", "orders.where(is_even(qty)).select(order_id, cust_id, "
         "plus_tax(amount)) with Python @udf in filter and select",
         q_python_udf, ["tree", "event", "comet_extended"], True,
         "BatchEvalPython x2 (filter UDF and select UDF), Filter, Project x2; "
         "fed by CometColumnarToRow over CometScan",
         must_contain=["BatchEvalPython", "CometColumnarToRow"]),
    Case("comet", "pandas_udf", "orders.where(status='shipped').select(order_id, "
         "pd_discount(amount)) with scalar @pandas_udf", q_pandas_udf, ["tree"], True,
         "ArrowEvalPython, Project (above CometColumnarToRow)",
         must_contain=["ArrowEvalPython", "CometColumnarToRow"]),
    Case("comet", "map_in_pandas", "orders.select(order_id, qty, amount).mapInPandas(fn, schema)",
         q_map_in_pandas, ["tree"], True, "MapInPandas (above CometColumnarToRow)",
         must_contain=["MapInPandas", "CometColumnarToRow"]),
    Case("comet", "rdd_roundtrip", "createDataFrame(orders.rdd.map(lambda)).where(amount2>50)"
         ".groupBy(cust_id).count()", q_rdd_roundtrip, ["tree"], True,
         "Scan ExistingRDD, Filter, Project, HashAggregate partial+final, ColumnarToRow; "
         "only the shuffle is Comet (CometColumnarExchange, JVM columnar shuffle)",
         must_contain=["Scan ExistingRDD", "CometColumnarExchange"]),
    Case("comet", "window_group_limit", SQL_TOPK_PER_GROUP, q_sql(SQL_TOPK_PER_GROUP),
         ["tree", "comet_extended"], True,
         "WindowGroupLimit Partial+Final, Window, Filter; shuffle is CometColumnarExchange",
         must_contain=["WindowGroupLimit", "Window ["]),
    Case("comet", "window", SQL_WINDOW, q_sql(SQL_WINDOW), ["tree"], True,
         "Window, Project (above CometColumnarToRow over CometSort)",
         must_contain=["Window [", "CometSort"]),
    Case("comet", "sample", "orders.sample(False, 0.1, seed=42).groupBy(status).count()",
         q_sample, ["tree"], True,
         "Sample, HashAggregate partial+final, ColumnarToRow; shuffle is CometColumnarExchange",
         must_contain=["Sample ", "CometColumnarExchange"]),
    Case("comet", "nested_loop_join", SQL_CROSS_JOIN, q_sql(SQL_CROSS_JOIN),
         ["tree", "comet_extended"], True,
         "BroadcastNestedLoopJoin, BroadcastExchange IdentityBroadcastMode, Project",
         must_contain=["BroadcastNestedLoopJoin"]),
    Case("comet", "exists_or", SQL_EXISTS_OR, q_sql(SQL_EXISTS_OR),
         ["tree", "comet_extended"], True,
         "BroadcastHashJoin ExistenceJoin, BroadcastExchange, Filter, Project "
         "(comet_extended gives no [COMET: ...] reason for them)",
         must_contain=["ExistenceJoin"]),
    Case("comet", "regexp", SQL_REGEXP, q_sql(SQL_REGEXP), ["tree", "comet_extended"], True,
         "Filter (RLIKE pattern not compatible), Project (regexp_extract)",
         must_contain=["RLIKE", "CometColumnarToRow"]),
    Case("comet", "datetime", SQL_DATETIME, q_sql(SQL_DATETIME), ["tree", "comet_extended"],
         True, "Project (date_format, gettimestamp/to_timestamp)",
         must_contain=["date_format", "CometColumnarToRow"]),
    Case("comet", "insert_table", SQL_CREATE_SINK + "; " + SQL_INSERT_TABLE, q_insert_table,
         ["tree"], True,
         "Execute InsertIntoHadoopFsRelationCommand, WriteFiles (the query below is all Comet)",
         setup_sql=[SQL_CREATE_SINK], must_contain=["InsertIntoHadoopFsRelationCommand"]),
]


def case_files(case: Case) -> List[str]:
    return [os.path.join(case.engine, case.name + FMT_SUFFIX[f]) for f in case.formats]


# --------------------------------------------------------------------------
# Worker: one case, one JVM
# --------------------------------------------------------------------------

def comet_jar(jar_dir: str) -> Optional[str]:
    jars = sorted(glob.glob(os.path.join(jar_dir, "comet-spark-spark3.5_2.12-*.jar")))
    return jars[-1] if jars else None


def comet_version(jar: Optional[str]) -> str:
    if not jar:
        return "-"
    with zipfile.ZipFile(jar) as z:
        for line in z.read("comet-git-info.properties").decode().splitlines():
            if line.startswith("git.build.version="):
                return line.split("=", 1)[1].strip()
    return "?"


def build_session(engine: str, event_dir: str, warehouse_dir: str, jar_dir: str):
    from pyspark.sql import SparkSession

    b = (SparkSession.builder
         .master("local[2]")
         .appName("clusop-plangen")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "4")
         .config("spark.default.parallelism", "2")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.sql.adaptive.enabled", "true")
         .config("spark.driver.memory", "2g")
         .config("spark.sql.warehouse.dir", "file://" + warehouse_dir)
         .config("spark.eventLog.enabled", "true")
         .config("spark.eventLog.dir", "file://" + event_dir)
         .config("spark.eventLog.compress", "false")
         .config("spark.eventLog.rolling.enabled", "false"))
    if engine == "comet":
        jar = comet_jar(jar_dir)
        if not jar:
            raise RuntimeError(f"Comet jar not found in {jar_dir}; run tools/plangen/fetch_comet.sh")
        b = (b.config("spark.jars", jar)
              .config("spark.driver.extraClassPath", jar)
              .config("spark.executor.extraClassPath", jar)
              .config("spark.plugins", "org.apache.spark.CometPlugin")
              .config("spark.shuffle.manager",
                      "org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager")
              .config("spark.memory.offHeap.enabled", "true")
              .config("spark.memory.offHeap.size", "1g")
              .config("spark.comet.enabled", "true")
              .config("spark.comet.exec.enabled", "true")
              .config("spark.comet.exec.shuffle.enabled", "true")
              # 0.12.x name, and the newer name used by later Comet releases
              .config("spark.comet.explainFallback.enabled", "true")
              .config("spark.comet.explain.fallback.enabled", "true"))
    return b.getOrCreate()


def extract_event_line(event_dir: str, marker: str) -> str:
    files = [f for f in glob.glob(os.path.join(event_dir, "*")) if os.path.isfile(f)]
    if len(files) != 1:
        raise RuntimeError(f"expected exactly one event log in {event_dir}, found {files}")
    with open(files[0], encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    exec_id = None
    start_line = None
    for line in lines:
        if "SparkListenerSQLExecutionStart" not in line:
            continue
        ev = json.loads(line)
        if not ev.get("Event", "").endswith("SparkListenerSQLExecutionStart"):
            continue
        if ev.get("description") != marker:
            continue
        root = ev.get("rootExecutionId", ev["executionId"])
        if root != ev["executionId"]:
            continue
        exec_id, start_line = ev["executionId"], line
        break
    if exec_id is None:
        raise RuntimeError(f"no SQLExecutionStart with description {marker!r}")
    last_update = None
    for line in lines:
        if "SparkListenerSQLAdaptiveExecutionUpdate" not in line:
            continue
        ev = json.loads(line)
        if ev.get("Event", "").endswith("SparkListenerSQLAdaptiveExecutionUpdate") \
                and ev.get("executionId") == exec_id:
            last_update = line
    return last_update if last_update is not None else start_line


def run_worker(engine: str, case_name: str, out_dir: str, workdir: str, jar_dir: str) -> dict:
    case = next(c for c in CASES if c.engine == engine and c.name == case_name)
    case_dir = os.path.join(workdir, engine, case_name)
    shutil.rmtree(case_dir, ignore_errors=True)
    data_dir = os.path.join(case_dir, "data")
    event_dir = os.path.join(case_dir, "eventlog")
    os.makedirs(data_dir)
    os.makedirs(event_dir)

    spark = build_session(engine, event_dir, os.path.join(case_dir, "warehouse"), jar_dir)
    result = {"spark_version": spark.version, "files": {}}
    pending_event = None
    marker = f"clusop-plangen:{engine}/{case_name}"
    try:
        spark.sparkContext.setLogLevel("WARN")
        tables = make_tables(spark, data_dir)
        for stmt in case.setup_sql:
            spark.sql(stmt)
        for k, v in case.conf.items():
            spark.conf.set(k, v)
        sc = spark.sparkContext
        sc.setJobDescription(marker)
        df = case.run(spark, tables)
        if df is not None:
            df.collect()  # execute first so AQE plans are final (isFinalPlan=true)
        sc.setJobDescription(None)

        jvm = sc._jvm
        if engine == "comet":
            # Fail loudly instead of silently writing vanilla plans into comet/.
            if not jvm.org.apache.comet.NativeBase.isLoaded():
                raise RuntimeError("Comet native library is not loaded")
            exts = spark.conf.get("spark.sql.extensions", "")
            if "Comet" not in exts:
                raise RuntimeError(f"Comet session extensions not installed ({exts!r})")
            if df is not None and "Comet" not in df._jdf.queryExecution().executedPlan().toString():
                raise RuntimeError("executed plan contains no Comet operator; is Comet active?")
        texts = {}
        if df is not None:
            qe = df._jdf.queryExecution()
            ExplainMode = jvm.org.apache.spark.sql.execution.ExplainMode
            for fmt in case.formats:
                if fmt in EXPLAIN_MODE:
                    texts[fmt] = qe.explainString(ExplainMode.fromString(EXPLAIN_MODE[fmt]))
                elif fmt == "comet_extended":
                    texts[fmt] = jvm.org.apache.comet.ExtendedExplainInfo() \
                        .generateExtendedInfo(qe.executedPlan())
        elif any(f != "event" for f in case.formats):
            raise RuntimeError("command case can only produce the 'event' format")
        for fmt, text in texts.items():
            path = os.path.join(out_dir, case.engine, case.name + FMT_SUFFIX[fmt])
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text if text.endswith("\n") else text + "\n")
            result["files"][fmt] = path
        pending_event = "event" in case.formats
    finally:
        spark.stop()  # flushes and closes the event log
    if pending_event:
        line = extract_event_line(event_dir, marker)
        path = os.path.join(out_dir, case.engine, case.name + FMT_SUFFIX["event"])
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(line + "\n")
        result["files"]["event"] = path
    return result


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def write_manifest(out_dir: str, spark_version: str, comet_ver: str, failures: Dict[str, str]):
    rows = []
    for case in CASES:
        for fmt in case.formats:
            rel = os.path.join(case.engine, case.name + FMT_SUFFIX[fmt])
            if not os.path.exists(os.path.join(out_dir, rel)):
                continue
            rows.append("| `{}` | {} | {} | {} | {} | {} | {} | {} |".format(
                rel, case.engine, fmt, spark_version,
                comet_ver if case.engine == "comet" else "-",
                md_escape(case.query),
                "yes" if case.fallback else "no",
                md_escape(case.fallback_ops)))
    lines = [
        "# Golden executed-plan fixtures",
        "",
        "**Generated files — never hand-edit.** Every file in this directory (including this",
        "manifest) is regenerated by `python tools/plangen/generate_plans.py` (after",
        "`pip install -r tools/plangen/requirements.txt` and `tools/plangen/fetch_comet.sh`),",
        "which runs a real local Spark (`local[2]`) and writes the plan text exactly as Spark",
        "printed it. To change a fixture, change the generator and rerun it.",
        "",
        "Formats: `tree` = `explain()` (simple, physical only); `extended` = `explain(True)`;",
        "`formatted` = `explain(mode='formatted')`; `event` = the single event-log JSON line",
        "(last `SparkListenerSQLAdaptiveExecutionUpdate` of the execution, else its",
        "`SparkListenerSQLExecutionStart`); `comet_extended` = Comet's",
        "`ExtendedExplainInfo.generateExtendedInfo(executedPlan)` (Spark 3.5 has no",
        "`spark.sql.extendedExplainProviders`, so it is invoked directly through py4j).",
        "All queries were executed (`collect()` or a write) before capture, so AQE plans",
        "are final (`isFinalPlan=true`).",
        "",
        "`expected fallback` / `operators` are a human reading of each plan (for vanilla",
        "Spark there is no native engine, so nothing can fall back). They are not computed",
        "by any analyzer.",
        "",
        "| file | engine | format | Spark | Comet | query | expected fallback | operator(s) on JVM |",
        "|---|---|---|---|---|---|---|---|",
    ] + rows
    if failures:
        lines += ["", "## Cases that failed in the last full run (no files)", ""]
        lines += [f"- `{k}`: {md_escape(v)[:300]}" for k, v in sorted(failures.items())]
    with open(os.path.join(out_dir, "MANIFEST.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", choices=["spark", "comet", "all"], default="all")
    ap.add_argument("--case", action="append", default=[],
                    help="case name (repeatable); default: all cases of the engine(s)")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--workdir", default=DEFAULT_WORKDIR)
    ap.add_argument("--jar-dir", default=DEFAULT_JAR_DIR)
    ap.add_argument("--list", action="store_true", help="list cases and exit")
    ap.add_argument("--worker", nargs=2, metavar=("ENGINE", "CASE"), help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    os.environ.setdefault("JAVA_HOME", DEFAULT_JAVA_HOME)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("TZ", "UTC")

    if args.worker:
        engine, name = args.worker
        try:
            res = run_worker(engine, name, args.out, args.workdir, args.jar_dir)
            res["ok"] = True
        except Exception as e:  # reported to the parent, never fatal there
            res = {"ok": False, "error": f"{type(e).__name__}: {e}",
                   "traceback": traceback.format_exc()}
        with open(args.result, "w") as fh:
            json.dump(res, fh)
        return 0 if res["ok"] else 1

    selected = [c for c in CASES
                if (args.engine == "all" or c.engine == args.engine)
                and (not args.case or c.name in args.case)]
    if args.list:
        for c in selected:
            print(f"{c.engine}/{c.name}: {', '.join(c.formats)}")
        return 0
    if not selected:
        print("no case selected", file=sys.stderr)
        return 2
    full_run = args.engine == "all" and not args.case

    jar = comet_jar(args.jar_dir)
    comet_ver = comet_version(jar)
    import pyspark
    spark_version = pyspark.__version__

    for eng in sorted({c.engine for c in selected}):
        os.makedirs(os.path.join(args.out, eng), exist_ok=True)
    if full_run:  # drop files no case produces any more
        known = {f for c in CASES for f in case_files(c)}
        for eng in ("spark", "comet"):
            for p in glob.glob(os.path.join(args.out, eng, "*")):
                if os.path.relpath(p, args.out) not in known:
                    os.remove(p)

    failures: Dict[str, str] = {}
    os.makedirs(args.workdir, exist_ok=True)
    for c in selected:
        key = f"{c.engine}/{c.name}"
        for rel in case_files(c):  # a failed case must not leave stale files
            p = os.path.join(args.out, rel)
            if os.path.exists(p):
                os.remove(p)
        result_path = os.path.join(args.workdir, f"result-{c.engine}-{c.name}.json")
        log_path = os.path.join(args.workdir, f"log-{c.engine}-{c.name}.txt")
        if os.path.exists(result_path):
            os.remove(result_path)
        t0 = time.time()
        cmd = [sys.executable, os.path.abspath(__file__), "--worker", c.engine, c.name,
               "--result", result_path, "--out", args.out, "--workdir", args.workdir,
               "--jar-dir", args.jar_dir]
        with open(log_path, "w") as log:
            try:
                subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT,
                               timeout=CASE_TIMEOUT_S, check=False)
            except subprocess.TimeoutExpired:
                pass
        res = {"ok": False, "error": f"worker produced no result (see {log_path})"}
        if os.path.exists(result_path):
            with open(result_path) as fh:
                res = json.load(fh)
        dt = time.time() - t0
        if res.get("ok"):
            print(f"[ok]   {key:32s} {dt:5.1f}s  " + ", ".join(sorted(res["files"])))
            first = os.path.join(args.out, case_files(c)[0])
            with open(first, encoding="utf-8") as fh:
                text = fh.read()
            for needle in c.must_contain:
                if needle not in text:
                    print(f"[WARN] {key}: {os.path.basename(first)} no longer contains "
                          f"{needle!r}; re-read the plan and update the case's expectation")
        else:
            failures[key] = res.get("error", "?")
            print(f"[FAIL] {key:32s} {dt:5.1f}s  {failures[key]}  (log: {log_path})")

    write_manifest(args.out, spark_version, comet_ver, failures if full_run else {})
    n = sum(1 for c in CASES for f in case_files(c) if os.path.exists(os.path.join(args.out, f)))
    print(f"{n} plan files in {args.out}; {len(failures)} case(s) failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
