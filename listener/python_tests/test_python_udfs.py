"""The listener under PySpark, with Apache DataFusion Comet as the native engine.

A Python UDF and a pandas UDF make Comet fall back to the JVM (BatchEvalPython / ArrowEvalPython);
a plain aggregation runs natively. After the session stops, the JSON Lines sink must hold exactly
one signal naming python_udf and one naming pandas_udf, and nothing for the clean query.

Jars: CLUSOP_LISTENER_JAR (default listener/target/clusop-listener-*.jar) and COMET_JAR (default
listener/target/python-jars/comet-spark-spark3.5_2.12-*.jar), both produced by
`mvn -f listener/pom.xml verify`. Run: `python -m pytest listener/python_tests`.
"""

from __future__ import annotations

import glob
import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
LISTENER_DIR = os.path.dirname(HERE)

N = 4000


def _find(env: str, pattern: str) -> str:
    path = os.environ.get(env)
    if not path:
        found = sorted(p for p in glob.glob(os.path.join(LISTENER_DIR, pattern))
                       if not p.endswith(("-sources.jar", "-tests.jar")))
        path = found[-1] if found else ""
    if not path or not os.path.isfile(path):
        pytest.fail(f"{env} not set and nothing matches listener/{pattern}: run mvn -f listener/pom.xml verify")
    return path


# the expected results are computed with these (the UDFs inside the fixture are the same code)
def _plus_tax(amount):
    return None if amount is None else round(amount * 1.2, 2)


def _is_even(n):
    return n is not None and n % 2 == 0


def _orders():
    """The orders table of tools/plangen (without dates), as plain Python rows."""
    rows = []
    for i in range(N):
        rows.append({
            "order_id": i,
            "cust_id": i % 200,
            "amount": ((i * 37) % 1000) / 10,
            "qty": i % 7,
            "status": ("open", "shipped", "returned")[i % 3],
        })
    return rows


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Runs the three queries in one listener-equipped session; returns results and signals."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    os.environ.setdefault("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("TZ", "UTC")

    listener_jar = _find("CLUSOP_LISTENER_JAR", "target/clusop-listener-*.jar")
    comet_jar = _find("COMET_JAR", "target/python-jars/comet-spark-spark3.5_2.12-*.jar")
    work = tmp_path_factory.mktemp("clusop-pyspark")
    signals_dir = work / "signals"

    # the data is written by pyarrow, not Spark: the listener sees only the three queries
    orders = _orders()
    pq.write_table(pa.Table.from_pylist(orders), str(work / "orders.parquet"))

    from pyspark.sql import SparkSession
    from pyspark.sql.functions import pandas_udf, udf
    from pyspark.sql.types import BooleanType, DoubleType

    jars = f"{listener_jar},{comet_jar}"
    cp = f"{listener_jar}:{comet_jar}"
    spark = (SparkSession.builder
             .master("local[2]")
             .appName("clusop-pyspark-test")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "4")
             .config("spark.default.parallelism", "2")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.adaptive.enabled", "true")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.jars", jars)
             .config("spark.driver.extraClassPath", cp)
             .config("spark.executor.extraClassPath", cp)
             .config("spark.plugins", "org.apache.spark.CometPlugin")
             .config("spark.shuffle.manager",
                     "org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager")
             .config("spark.memory.offHeap.enabled", "true")
             .config("spark.memory.offHeap.size", "1g")
             .config("spark.comet.enabled", "true")
             .config("spark.comet.exec.enabled", "true")
             .config("spark.comet.exec.shuffle.enabled", "true")
             # the listener: two lines on any cluster, plus where to write
             .config("spark.sql.queryExecutionListeners", "com.clusop.listener.PhotonFallbackListener")
             .config("spark.clusop.jsonl.dir", str(signals_dir))
             .getOrCreate())
    try:
        spark.sparkContext.setLogLevel("WARN")
        df = spark.read.parquet(str(work / "orders.parquet"))
        df.createOrReplaceTempView("orders")

        # defined here, not at module level, so cloudpickle ships them by value to the Python
        # workers (which cannot import this test module)
        def py_plus_tax(amount):
            return None if amount is None else round(amount * 1.2, 2)

        def py_is_even(n):
            return n is not None and n % 2 == 0

        plus_tax = udf(py_plus_tax, DoubleType())
        is_even = udf(py_is_even, BooleanType())

        @pandas_udf(DoubleType())
        def pd_discount(v):
            return v * 0.9

        results = {
            "python_udf": df.where(is_even(df.qty))
                            .select("order_id", plus_tax(df.amount).alias("gross")).collect(),
            "pandas_udf": df.where("status = 'shipped'")
                            .select("order_id", pd_discount(df.amount).alias("discounted")).collect(),
            "clean": spark.sql("SELECT status, COUNT(*) AS n, SUM(amount) AS total FROM orders "
                               "WHERE amount > 20 AND qty >= 2 GROUP BY status").collect(),
        }
        comet_loaded = spark.sparkContext._jvm.org.apache.comet.NativeBase.isLoaded()
    finally:
        spark.stop()  # application end: the listener drains its queue and writes the final flush

    lines = []
    for f in sorted(glob.glob(str(signals_dir / "*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            lines += [json.loads(l) for l in fh if l.strip()]
    latest = {}
    for s in lines:
        latest[s["signature"]] = s
    return {"results": results, "signals": list(latest.values()), "lines": lines,
            "orders": orders, "comet_loaded": comet_loaded}


def test_queries_are_unaffected(run):
    assert run["comet_loaded"], "Comet's native library loaded: the queries ran on a native engine"
    orders = run["orders"]
    got = sorted((r.order_id, r.gross) for r in run["results"]["python_udf"])
    want = sorted((o["order_id"], _plus_tax(o["amount"])) for o in orders if _is_even(o["qty"]))
    assert got == want
    got = sorted((r.order_id, round(r.discounted, 6)) for r in run["results"]["pandas_udf"])
    want = sorted((o["order_id"], round(o["amount"] * 0.9, 6)) for o in orders if o["status"] == "shipped")
    assert got == want
    clean = {r.status: r.n for r in run["results"]["clean"]}
    want = {}
    for o in orders:
        if o["amount"] > 20 and o["qty"] >= 2:
            want[o["status"]] = want.get(o["status"], 0) + 1
    assert clean == want


def test_signals_name_python_udf_and_pandas_udf_only(run):
    signals = run["signals"]
    causes = sorted(s["cause"] for s in signals)
    assert causes == ["pandas_udf", "python_udf"], json.dumps(signals, indent=1)[:4000]
    by_cause = {s["cause"]: s for s in signals}

    py = by_cause["python_udf"]
    assert py["schema"] == "clusop.signal/1"
    assert py["app_name"] == "clusop-pyspark-test"
    assert py["count"] == 1
    assert py["analysis"]["engine"] == "comet"
    assert py["analysis"]["verdict"] == {"kind": "fix_fallback", "cause": "python_udf"}
    assert "BatchEvalPython" in py["sample"]["plan"]
    ops = [op for fb in py["analysis"]["fallbacks"] for op in fb["operators"]]
    assert ops.count("BatchEvalPython") == 2, ops  # the filter's UDF and the select's UDF

    pd = by_cause["pandas_udf"]
    assert pd["analysis"]["verdict"] == {"kind": "fix_fallback", "cause": "pandas_udf"}
    assert "ArrowEvalPython" in pd["sample"]["plan"]
    assert "ArrowEvalPython" in [op for fb in pd["analysis"]["fallbacks"] for op in fb["operators"]]

    for s in signals:
        assert s["flush"]["final"] is True
        assert s["dropped"] == 0
        assert s["total_runtime_seconds"] > 0
        assert s["analysis"]["signature"] == s["signature"]


def test_nothing_for_the_clean_query(run):
    for s in run["signals"]:
        plan = s["sample"]["plan"]
        assert "CometHashAggregate" not in plan, "the clean aggregation produced a signal:\n" + plan
