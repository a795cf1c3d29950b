"""Scenarios on a local[2] Spark, one problem each, for the rules of issue 10: a large collect, a
nested-loop join, AQE off, many small input files, and a big stage with fewer tasks than cores.
Each problem step has a control step beside it that must not be flagged.
"""

from __future__ import annotations

import json
import os

from expected_rules import at_application, at_execution, at_stage, execution_of, stage_of
from spark_status import drain_listener_bus, execution_plan_nodes, metric_count, sql_executions

LARGE_COLLECT_ROWS = 150_000     # x (128 + 64 hex characters + a long): ~30 MB to the driver

NLJ_LEFT_ROWS = 40_000
NLJ_RIGHT_ROWS = 500             # bands of NLJ_BAND_WIDTH values: 20 million comparisons
NLJ_BAND_WIDTH = NLJ_LEFT_ROWS // NLJ_RIGHT_ROWS

AQE_OFF_ROWS = 1_500_000
AQE_OFF_KEYS = 1_000

SMALL_FILES = 1_000
SMALL_FILE_ROWS = 2

FEW_PARTITIONS_ROWS = 500_000    # one task hashes them all while the other core waits
FEW_PARTITIONS_CONTROL_ROWS = 125_000


def executed_plan(df) -> str:
    return df._jdf.queryExecution().executedPlan().toString()


def _hashed(spark, rows: int, partitions: int):
    """Rows whose hashes cost CPU: the work a stage with too few tasks leaves on one core."""
    from pyspark.sql import functions as F

    h = F.sha2(F.col("id").cast("string"), 256)
    return spark.range(0, rows, 1, partitions).select(F.sha2(F.sha2(h, 512), 256).alias("h"))


# ------------------------------------------------------------------ large collect

def scenario_large_collect(spark, steps, facts) -> None:
    """~30 MB of rows collected to the driver; the control collects a 10-row aggregate."""
    from pyspark.sql import functions as F

    df = spark.range(0, LARGE_COLLECT_ROWS, 1, 2).select(
        F.col("id"), F.sha2(F.col("id").cast("string"), 512).alias("a"),
        F.sha2(F.concat(F.lit("x"), F.col("id").cast("string")), 256).alias("b"))
    with steps("large_collect:collect"):
        rows = df.collect()
    assert len(rows) == LARGE_COLLECT_ROWS
    text_bytes = sum(len(r["a"]) + len(r["b"]) for r in rows)
    del rows
    with steps("large_collect:control"):
        counts = df.groupBy((F.col("id") % 10).alias("k")).count().collect()
        assert len(counts) == 10
    facts["problem"] = {"label": "large_collect:collect", "control_label": "large_collect:control",
                        "rows": LARGE_COLLECT_ROWS, "string_bytes_received": text_bytes}


def expect_large_collect(facts: dict) -> list:
    return [at_stage("large_collect", stage_of(facts, facts["problem"]["label"]))]


# ------------------------------------------------------------------ nested-loop join

def scenario_nested_loop_join(spark, steps, facts) -> None:
    """A range (non-equi) join: Spark can only run it as a BroadcastNestedLoopJoin. The control
    computes the same bands with an equi join on the band number (a BroadcastHashJoin)."""
    from pyspark.sql import functions as F

    values = spark.range(0, NLJ_LEFT_ROWS, 1, 2).select(F.col("id").alias("v"))
    bands = spark.range(0, NLJ_RIGHT_ROWS, 1, 1).select(
        F.col("id").alias("band"), (F.col("id") * NLJ_BAND_WIDTH).alias("lo"),
        (F.col("id") * NLJ_BAND_WIDTH + NLJ_BAND_WIDTH - 1).alias("hi"))
    with steps("nested_loop_join:band-join"):
        df = (values.join(bands, (values.v >= bands.lo) & (values.v <= bands.hi))
              .groupBy("band").count())
        rows = df.collect()
        nlj_plan = executed_plan(df)
    assert len(rows) == NLJ_RIGHT_ROWS and all(r["count"] == NLJ_BAND_WIDTH for r in rows)
    with steps("nested_loop_join:control"):
        keyed = values.select((F.col("v") / NLJ_BAND_WIDTH).cast("long").alias("band"))
        df = keyed.join(bands.select("band"), "band").groupBy("band").count()
        rows = df.collect()
        control_plan = executed_plan(df)
    assert len(rows) == NLJ_RIGHT_ROWS and all(r["count"] == NLJ_BAND_WIDTH for r in rows)
    facts["problem"] = {
        "label": "nested_loop_join:band-join", "control_label": "nested_loop_join:control",
        "left_rows": NLJ_LEFT_ROWS, "right_rows": NLJ_RIGHT_ROWS,
        "comparisons": NLJ_LEFT_ROWS * NLJ_RIGHT_ROWS,
        "plan_has_broadcast_nested_loop_join": "BroadcastNestedLoopJoin" in nlj_plan,
        "plan_has_cartesian_product": "CartesianProduct" in nlj_plan,
        "control_plan_has_broadcast_hash_join": "BroadcastHashJoin" in control_plan,
        "control_plan_has_nested_loop_join": ("NestedLoopJoin" in control_plan
                                              or "CartesianProduct" in control_plan),
    }


def expect_nested_loop_join(facts: dict) -> list:
    return [at_execution("nested_loop_join", execution_of(facts, facts["problem"]["label"]))]


# ------------------------------------------------------------------ AQE off

def scenario_aqe_off(spark, steps, facts) -> None:
    """The clean scenario's kind of work (a groupBy and a join of balanced data) with
    spark.sql.adaptive.enabled=false: every shuffle keeps its planned partition count."""
    from pyspark.sql import functions as F

    data = spark.range(0, AQE_OFF_ROWS, 1, 2).select(
        (F.col("id") % AQE_OFF_KEYS).alias("k"), ((F.col("id") * 7) % 97).alias("v"))
    plans = {}
    with steps("aqe_off:groupby"):
        df = data.groupBy("k").agg(F.sum("v").alias("total"))
        assert len(df.collect()) == AQE_OFF_KEYS
        plans["aqe_off:groupby"] = executed_plan(df)
    with steps("aqe_off:join"):
        dims = spark.range(0, AQE_OFF_KEYS, 1, 1).select(F.col("id").alias("k"))
        df = data.join(dims, "k").groupBy((F.col("k") % 10).alias("g")).count()
        assert len(df.collect()) == 10
        plans["aqe_off:join"] = executed_plan(df)
    facts["problem"] = {
        "labels": sorted(plans),
        "adaptive_enabled": spark.conf.get("spark.sql.adaptive.enabled"),
        "shuffle_partitions": int(spark.conf.get("spark.sql.shuffle.partitions")),
        "plans_adaptive": {k: v.startswith("AdaptiveSparkPlan") for k, v in plans.items()},
        "plans_have_exchange": {k: "Exchange" in v for k, v in plans.items()},
    }


def expect_aqe_off(facts: dict) -> list:
    return [at_application("aqe_off")]


# ------------------------------------------------------------------ small files

def write_small_files(folder: str, files: int, rows_per_file: int) -> int:
    """JSON-lines files as an upstream process might drop them; returns the bytes written."""
    os.makedirs(folder, exist_ok=True)
    total, row = 0, 0
    for f in range(files):
        lines = []
        for _ in range(rows_per_file):
            lines.append(json.dumps({"k": row % 10, "v": row}))
            row += 1
        text = "\n".join(lines) + "\n"
        with open(os.path.join(folder, f"part-{f:05d}.json"), "w", encoding="ascii") as fh:
            fh.write(text)
        total += len(text)
    return total


def scan_metrics(spark, label: str) -> dict:
    """The file scan node's own metrics in the execution's plan graph (the SQL tab's numbers)."""
    drain_listener_bus(spark.sparkContext)
    execution = execution_of({"sql_executions": sql_executions(spark)}, label)
    scans = [n for n in execution_plan_nodes(spark, execution["execution_id"]) if n["name"].startswith("Scan ")]
    assert len(scans) == 1, [n["name"] for n in scans]
    m = scans[0]["metrics"]
    return {"node": scans[0]["name"], "files_read": metric_count(m["number of files read"]),
            "output_rows": metric_count(m["number of output rows"]),
            "size_of_files_read": m.get("size of files read")}


def scenario_small_files(spark, steps, facts) -> None:
    """1,000 JSON files of two rows each read and aggregated; the control reads the same 2,000
    rows from one file."""
    from pyspark.sql import functions as F

    data = os.path.join(facts["_workdir"], "data")
    many, one = os.path.join(data, "many"), os.path.join(data, "one")
    many_bytes = write_small_files(many, SMALL_FILES, SMALL_FILE_ROWS)
    one_bytes = write_small_files(one, 1, SMALL_FILES * SMALL_FILE_ROWS)
    schema = "k BIGINT, v BIGINT"
    with steps("small_files:read"):
        rows = spark.read.schema(schema).json(many).groupBy("k").agg(F.sum("v")).collect()
        assert len(rows) == 10
    with steps("small_files:control"):
        rows = spark.read.schema(schema).json(one).groupBy("k").agg(F.sum("v")).collect()
        assert len(rows) == 10
    facts["problem"] = {"label": "small_files:read", "control_label": "small_files:control",
                        "files": SMALL_FILES, "rows": SMALL_FILES * SMALL_FILE_ROWS,
                        "bytes": many_bytes, "control_files": 1, "control_bytes": one_bytes,
                        "scan": scan_metrics(spark, "small_files:read"),
                        "control_scan": scan_metrics(spark, "small_files:control")}


def expect_small_files(facts: dict) -> list:
    return [at_execution("small_files", execution_of(facts, facts["problem"]["label"]))]


# ------------------------------------------------------------------ too few partitions

def scenario_too_few_partitions(spark, steps, facts) -> None:
    """coalesce(1) before CPU-heavy work: one task does it all on a two-core executor. The control
    does a quarter of the work in two tasks, one per core."""
    with steps("too_few_partitions:coalesce-1"):
        (_hashed(spark, FEW_PARTITIONS_ROWS, 2).coalesce(1)
         .write.format("noop").mode("overwrite").save())
    with steps("too_few_partitions:control"):
        (_hashed(spark, FEW_PARTITIONS_CONTROL_ROWS, 2)
         .write.format("noop").mode("overwrite").save())
    facts["problem"] = {"label": "too_few_partitions:coalesce-1",
                        "control_label": "too_few_partitions:control",
                        "rows": FEW_PARTITIONS_ROWS, "tasks": 1,
                        "control_rows": FEW_PARTITIONS_CONTROL_ROWS, "control_tasks": 2}


def expect_too_few_partitions(facts: dict) -> list:
    return [at_stage("too_few_partitions", stage_of(facts, facts["problem"]["label"]))]
