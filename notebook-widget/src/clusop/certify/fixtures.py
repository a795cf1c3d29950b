"""The query fixture suite, as data: each fixture is a small query built to run natively or to fall
back for one known cause, with what the analysis must say about it beside it.

``expect`` is ``clean`` or ``fallback``; ``cause`` is the core's cause name the headline verdict
must give (core/src/diagnose/fallback_cause.cpp). ``engines`` lists the engines on which the
expectation is known to hold (None: every engine): an expression or operator one engine lacks may
run natively on another, so elsewhere the fixture still runs and is reported, but is not counted
in the catch rate.

Every builder takes (spark, tables) and returns a DataFrame; ``tables`` holds the paths of the
Parquet tables written once by :func:`write_tables` under the run's work folder (shared storage on
a cluster, never a driver-local file)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, Tuple

ORDERS_ROWS = 4000
CUSTOMERS_ROWS = 50


@dataclass(frozen=True)
class Fixture:
    name: str
    expect: str                     # clean | fallback
    cause: Optional[str]            # the verdict's cause when a fallback is expected
    build: Callable[[Any, Dict[str, str]], Any]
    what: str                       # one line: what the query does and why it should behave so
    engines: Optional[Tuple[str, ...]] = None


def write_tables(spark, folder: str) -> Dict[str, str]:
    """Two small Parquet tables from spark.range (nothing read from the driver's disk)."""
    orders = folder.rstrip("/") + "/orders"
    customers = folder.rstrip("/") + "/customers"
    (spark.range(0, ORDERS_ROWS, numPartitions=2)
     .selectExpr("id AS order_id", f"id % {CUSTOMERS_ROWS} AS cust_id", "CAST(id % 7 AS INT) AS qty",
                 "CAST(id * 37 % 1000 AS DOUBLE) / 10 AS amount",
                 "TIMESTAMP_SECONDS(1700000000 + id * 3600) AS ts")
     .write.mode("overwrite").parquet(orders))
    (spark.range(0, CUSTOMERS_ROWS, numPartitions=1)
     .selectExpr("id AS cust_id", "CONCAT('customer-', CAST(id AS STRING)) AS name")
     .write.mode("overwrite").parquet(customers))
    return {"orders": orders, "customers": customers}


def _orders(spark, t):
    return spark.read.parquet(t["orders"])


def clean_scan_aggregate(spark, t):
    from pyspark.sql import functions as F

    return _orders(spark, t).where("qty > 2").groupBy("cust_id").agg(F.sum("amount").alias("total"))


def clean_join(spark, t):
    from pyspark.sql import functions as F

    customers = spark.read.parquet(t["customers"])
    return (_orders(spark, t).join(customers, "cust_id").groupBy("name")
            .agg(F.count(F.lit(1)).alias("orders")))


def python_udf(spark, t):
    from pyspark.sql import functions as F

    @F.udf("boolean")
    def is_even(n):
        return n is not None and n % 2 == 0

    return _orders(spark, t).where(is_even("qty")).select("order_id", "amount")


def pandas_udf(spark, t):
    from pyspark.sql import functions as F

    @F.pandas_udf("double")
    def discounted(amount):
        return amount * 0.9

    return _orders(spark, t).where("qty = 3").select("order_id", discounted("amount").alias("net"))


def unsupported_expression(spark, t):
    # date_format has no native implementation in Comet 0.12: its Project stays on the JVM
    return _orders(spark, t).where("qty = 4").selectExpr("order_id", "date_format(ts, 'yyyy-MM-dd HH:mm') AS day")


def unsupported_operator(spark, t):
    # a join without an equality key is a BroadcastNestedLoopJoin, which Comet 0.12 does not run
    customers = spark.read.parquet(t["customers"])
    orders = _orders(spark, t).where("qty = 1")
    return orders.join(customers, orders.amount > customers.cust_id * 2).select("order_id", "name")


def dataset_lambda(spark, t):
    """PySpark has no typed Dataset API; the nearest Dataset lambda it reaches is the JVM's own
    ``Dataset.toJSON`` (a ``mapPartitions`` over deserialised rows), taken as a DataFrame."""
    from pyspark.sql import DataFrame

    jdf = _orders(spark, t).where("qty = 5")._jdf.toJSON().toDF()
    return DataFrame(jdf, spark)


def row_columnar_roundtrip(spark, t):
    # Sample runs on the JVM between a native scan and a native shuffle: columnar -> rows -> columnar
    return _orders(spark, t).sample(fraction=0.5, seed=7).groupBy("qty").count()


FIXTURES: Tuple[Fixture, ...] = (
    Fixture("clean_scan_aggregate", "clean", None, clean_scan_aggregate,
            "Parquet scan, filter, hash aggregate: every engine runs it natively"),
    Fixture("clean_join", "clean", None, clean_join,
            "Parquet scans, an equi-join and an aggregate: natively run everywhere"),
    Fixture("python_udf", "fallback", "python_udf", python_udf,
            "a Python UDF in a filter: BatchEvalPython runs in Python workers"),
    Fixture("pandas_udf", "fallback", "pandas_udf", pandas_udf,
            "a pandas UDF: ArrowEvalPython runs in Python workers"),
    Fixture("unsupported_expression", "fallback", "unsupported_expression", unsupported_expression,
            "date_format in a projection: not native in Comet 0.12", engines=("comet",)),
    Fixture("unsupported_operator", "fallback", "unsupported_operator", unsupported_operator,
            "a non-equi join (BroadcastNestedLoopJoin): not native in Comet 0.12", engines=("comet",)),
    Fixture("dataset_lambda", "fallback", "dataset_api", dataset_lambda,
            "Dataset.toJSON through the JVM: a Scala lambda over deserialised objects"),
    # the round trip is named by what causes it: Sample, an operator Comet 0.12 never runs
    Fixture("row_columnar_roundtrip", "fallback", "unsupported_operator", row_columnar_roundtrip,
            "Sample between a native scan and a native shuffle: columnar -> rows -> columnar, "
            "caused by an operator Comet 0.12 never runs",
            engines=("comet",)),
)
