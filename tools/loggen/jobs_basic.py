"""The first scenarios: a clean job and one classic problem each (skew, spill, a retried task, a
missed broadcast, tiny tasks, a Python UDF under Comet), and the clean job logged in other layouts.
Each `expect_*` names the finding its problem must produce, at the stage or execution the job
recorded (see expected_rules.py).
"""

from __future__ import annotations

import glob
import os

from expected_rules import at_execution, at_stage, execution_of, stage_of

# Spark refuses spark.eventLog.rolling.maxFileSize below 10 MiB, so the rolling scenario makes
# its jobs' events large (a local property travels in every JobStart and StageSubmitted event).
ROLLING_MAX_FILE_SIZE = "10m"
ROLLING_PADDING_BYTES = 2_500_000

SKEW_PARTITIONS = 200
SKEW_HOT_ROWS = 600_000
SKEW_OTHER_ROWS = 600_000
SKEW_OTHER_KEYS = 50_000

SPILL_THRESHOLD = 2_000          # spark.shuffle.spill.numElementsForceSpillThreshold
SPILL_ROWS = 200_000
SPILL_PARTITIONS = 4

RETRY_PARTITIONS = 4
RETRY_FAILING_PARTITION = 2

BROADCAST_SMALL_ROWS = 200
BROADCAST_BIG_ROWS = 300_000

TINY_PARTITIONS = 2_000
TINY_ROWS_PER_PARTITION = 5


# ------------------------------------------------------------------ the jobs

def clean_steps(spark, steps) -> None:
    """A small healthy job: a groupBy and a join of balanced data (AQE on, as Spark 3.5 runs)."""
    from pyspark.sql import functions as F

    # two partitions for two cores: one wave of equal tasks, so no task waits behind another
    facts = spark.range(0, 400_000, 1, 2).select(
        (F.col("id") % 1000).alias("k"), ((F.col("id") * 7) % 97).alias("v"))
    dims = spark.range(0, 1000, 1, 1).select(
        F.col("id").alias("k"), F.concat(F.lit("d"), F.col("id").cast("string")).alias("name"))
    with steps("clean:groupby"):
        rows = facts.groupBy("k").agg(F.sum("v").alias("total")).collect()
        assert len(rows) == 1000, len(rows)
    steps.pause_point()
    with steps("clean:join"):
        rows = (facts.join(dims, "k").groupBy("name")
                .agg(F.count("*").alias("n")).collect())
        assert len(rows) == 1000 and all(r["n"] == 400 for r in rows)


def scenario_clean(spark, steps, facts) -> None:
    clean_steps(spark, steps)


def scenario_skew(spark, steps, facts) -> None:
    """One shuffle partition holds the hot key's rows: ~200x the rows of the median partition."""
    from pyspark.sql import functions as F

    total = SKEW_HOT_ROWS + SKEW_OTHER_ROWS
    data = spark.range(0, total, 1, 4).select(
        F.when(F.col("id") < SKEW_HOT_ROWS, F.lit(0))
         .otherwise(1 + F.col("id") % SKEW_OTHER_KEYS).alias("k"),
        ((F.col("id") * 7919) % 100_003).alias("v"))
    with steps("skew:sort-by-key"):
        (data.repartition(SKEW_PARTITIONS, "k").sortWithinPartitions("k", "v")
             .write.format("noop").mode("overwrite").save())
    with steps("skew:control"):
        (spark.range(0, total, 1, 4).select((F.col("id") % SKEW_OTHER_KEYS).alias("k"))
             .repartition(8, "k").sortWithinPartitions("k")
             .write.format("noop").mode("overwrite").save())
    # the partition HashPartitioning gives key 0: pmod(murmur3 hash, partitions), asked of Spark
    hot_partition = spark.sql(
        f"SELECT pmod(hash(CAST(0 AS BIGINT)), {SKEW_PARTITIONS}) AS p").collect()[0]["p"]
    facts["problem"] = {
        "label": "skew:sort-by-key", "partitions": SKEW_PARTITIONS,
        "hot_key": 0, "hot_partition": hot_partition, "hot_rows": SKEW_HOT_ROWS, "other_rows": SKEW_OTHER_ROWS,
        "other_keys": SKEW_OTHER_KEYS,
        "median_partition_rows_expected": SKEW_OTHER_ROWS // SKEW_PARTITIONS,
    }


def scenario_spill(spark, steps, facts) -> None:
    """A sort of 50,000 rows per task with Spark told to spill every 2,000 elements."""
    from pyspark.sql import functions as F

    with steps("spill:sort"):
        (spark.range(0, SPILL_ROWS, 1, 2)
             .select(((F.col("id") * 7919) % SPILL_ROWS).alias("k"), F.col("id").alias("v"))
             .repartition(SPILL_PARTITIONS, "k").sortWithinPartitions("k")
             .write.format("noop").mode("overwrite").save())
    with steps("spill:control"):
        # below the threshold in every task: nothing may spill here
        rows = (spark.range(0, 4000, 1, 4).select((F.col("id") % 10).alias("k"))
                .groupBy("k").count().collect())
        assert len(rows) == 10
    facts["problem"] = {
        "label": "spill:sort", "control_label": "spill:control",
        "force_spill_threshold": SPILL_THRESHOLD, "rows": SPILL_ROWS,
        "sort_partitions": SPILL_PARTITIONS,
    }


def _fail_first_attempt(index, rows):
    from pyspark import TaskContext

    ctx = TaskContext.get()
    if ctx.partitionId() == RETRY_FAILING_PARTITION and ctx.attemptNumber() == 0:
        raise RuntimeError("clusop loggen: planned failure of the first attempt")
    return [sum(1 for _ in rows)]


def scenario_retry(spark, steps, facts) -> None:
    """One task fails on its first attempt only; the retry succeeds and so does the job."""
    sc = spark.sparkContext
    with steps("retry:fail-once"):
        counts = sc.parallelize(range(400), RETRY_PARTITIONS) \
                   .mapPartitionsWithIndex(_fail_first_attempt).collect()
        assert sum(counts) == 400
    with steps("retry:control"):
        assert spark.range(0, 1000, 1, 2).count() == 1000
    facts["problem"] = {"label": "retry:fail-once", "partitions": RETRY_PARTITIONS,
                        "failing_partition": RETRY_FAILING_PARTITION, "failed_attempts": 1}


def scenario_broadcast(spark, steps, facts) -> None:
    """A join of a 200-row table with a 300,000-row one, broadcast joins switched off."""
    from pyspark.sql import functions as F

    data = os.path.join(facts["_workdir"], "data")
    small_path, big_path = os.path.join(data, "small"), os.path.join(data, "big")
    with steps("broadcast:setup"):
        (spark.range(0, BROADCAST_SMALL_ROWS, 1, 1)
             .select(F.col("id").alias("k"), F.concat(F.lit("name-"), F.col("id").cast("string")).alias("name"))
             .write.mode("overwrite").parquet(small_path))
        (spark.range(0, BROADCAST_BIG_ROWS, 1, 2)
             .select((F.col("id") % BROADCAST_SMALL_ROWS).alias("k"), F.col("id").alias("v"))
             .write.mode("overwrite").parquet(big_path))
    small_bytes = sum(os.path.getsize(p) for p in glob.glob(os.path.join(small_path, "*.parquet")))
    with steps("broadcast:join"):
        small, big = spark.read.parquet(small_path), spark.read.parquet(big_path)
        df = big.join(small, "k").groupBy("name").agg(F.sum("v").alias("total"))
        rows = df.collect()
        assert len(rows) == BROADCAST_SMALL_ROWS
        plan = df._jdf.queryExecution().executedPlan().toString()
    facts["problem"] = {
        "label": "broadcast:join", "small_rows": BROADCAST_SMALL_ROWS,
        "big_rows": BROADCAST_BIG_ROWS, "small_parquet_bytes": small_bytes,
        "executed_plan_has_sort_merge_join": "SortMergeJoin" in plan,
        "executed_plan_has_broadcast": "Broadcast" in plan,
    }


def scenario_tiny(spark, steps, facts) -> None:
    """2,000 partitions of 5 rows each: scheduling costs more than the work."""
    from pyspark.sql import functions as F

    with steps("tiny:many-partitions"):
        (spark.range(0, TINY_PARTITIONS * TINY_ROWS_PER_PARTITION, 1, TINY_PARTITIONS)
             .select(F.col("id"), (F.col("id") * 2).alias("twice"))
             .write.format("noop").mode("overwrite").save())
    with steps("tiny:control"):
        spark.range(0, 200_000, 1, 2).write.format("noop").mode("overwrite").save()
    facts["problem"] = {"label": "tiny:many-partitions", "partitions": TINY_PARTITIONS,
                        "rows_per_partition": TINY_ROWS_PER_PARTITION}


def _plus_one(v):
    return None if v is None else v + 1


def scenario_comet_udf(spark, steps, facts) -> None:
    """A Python row UDF in a projection over a Parquet scan, under Comet."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType

    jvm = spark.sparkContext._jvm
    if not jvm.org.apache.comet.NativeBase.isLoaded():
        raise RuntimeError("Comet's native library is not loaded")
    path = os.path.join(facts["_workdir"], "data", "t")
    with steps("comet:setup"):
        (spark.range(0, 20_000, 1, 2)
             .select((F.col("id") % 100).alias("k"), F.col("id").alias("v"))
             .write.mode("overwrite").parquet(path))
    plus_one = F.udf(_plus_one, LongType())
    with steps("comet:python-udf"):
        df = (spark.read.parquet(path).select("k", plus_one(F.col("v")).alias("w"))
              .groupBy("k").agg(F.sum("w").alias("total")))
        assert len(df.collect()) == 100
        udf_plan = df._jdf.queryExecution().executedPlan().toString()
    with steps("comet:native"):
        df = spark.read.parquet(path).groupBy("k").agg(F.sum("v").alias("total"))
        assert len(df.collect()) == 100
        native_plan = df._jdf.queryExecution().executedPlan().toString()
    facts["problem"] = {
        "label": "comet:python-udf", "control_label": "comet:native", "engine": "comet",
        "comet_version": facts["_comet_version"],
        "udf_plan_has_batch_eval_python": "BatchEvalPython" in udf_plan,
        "udf_plan_has_comet_operator": "Comet" in udf_plan,
        "native_plan_has_comet_operator": "Comet" in native_plan,
        "native_plan_has_batch_eval_python": "BatchEvalPython" in native_plan,
    }


def scenario_codec(spark, steps, facts) -> None:
    clean_steps(spark, steps)
    facts["problem"] = {"same_job_as": "clean"}


def scenario_rolling(spark, steps, facts) -> None:
    spark.sparkContext.setLocalProperty("clusop.loggen.padding", "p" * ROLLING_PADDING_BYTES)
    clean_steps(spark, steps)
    facts["problem"] = {"same_job_as": "clean", "max_file_size": ROLLING_MAX_FILE_SIZE,
                        "padding_property_bytes": ROLLING_PADDING_BYTES}


def scenario_inprogress(spark, steps, facts) -> None:
    clean_steps(spark, steps)
    facts["problem"] = {"same_job_as": "clean", "copied_after": "clean:groupby",
                        "not_in_copy": "clean:join"}


# ------------------------------------------------------------------ what each problem must produce

def expect_skew(facts: dict) -> list:
    p = facts["problem"]
    return [at_stage("task_skew", stage_of(facts, p["label"], num_tasks=p["partitions"]))]


def expect_spill(facts: dict) -> list:
    p = facts["problem"]
    return [at_stage("spill", stage_of(facts, p["label"], num_tasks=p["sort_partitions"]))]


def expect_retry(facts: dict) -> list:
    p = facts["problem"]
    return [at_stage("task_failures", stage_of(facts, p["label"], num_tasks=p["partitions"]))]


def expect_broadcast(facts: dict) -> list:
    return [at_execution("missed_broadcast", execution_of(facts, facts["problem"]["label"]))]


def expect_tiny(facts: dict) -> list:
    # no shuffle here: shuffle_partitions has nothing to judge
    return [at_stage("tiny_tasks", stage_of(facts, facts["problem"]["label"]))]


def expect_comet_udf(facts: dict) -> list:
    udf = execution_of(facts, facts["problem"]["label"])
    return [at_execution("python_udf", udf), at_execution("engine_fallback", udf)]
