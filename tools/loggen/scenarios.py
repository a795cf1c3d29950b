#!/usr/bin/env python3
"""Write Spark event logs of jobs with ONE known problem each, by running a REAL local Spark.

Every scenario is one application (one SparkContext, one Python + JVM process: event-log
settings are per context). Beside its log each scenario writes `facts.json`: what the job itself
knows, taken from its own parameters and from Spark's own status API (`sc.statusTracker()` and
the driver's status store), never from clusop. tests/spark_logs/ holds `clusop scan` to them.

Usage (from the repository root):
    /opt/clusop-venv/bin/python tools/loggen/scenarios.py --out DIR [--only a,b] [--jobs 2]

Layout of DIR/<scenario>/:
    eventlog/    the log exactly as Spark left it (a file, or an eventlog_v2_* folder)
    facts.json   see `write_facts`; "skipped" names why a scenario could not run (no Comet jar)
    worker.log   the worker's stdout/stderr

Each scenario runs a problem step and a control step; every step is a job group whose id and
description are its label ("skew:sort-by-key"), so the SQL execution, its jobs and stages are
found by that label.
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
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Dict, List, Optional

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64"
DEFAULT_COMET_DIR = os.path.join(REPO_ROOT, "build", "plangen", "jars")
SCENARIO_TIMEOUT_S = 600
DEFAULT_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

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


# name -> (run, session settings)
SCENARIOS: Dict[str, tuple] = {
    "clean": (scenario_clean, {}),
    "skew": (scenario_skew, {"spark.sql.adaptive.enabled": "false"}),
    "spill": (scenario_spill, {"spark.sql.adaptive.enabled": "false",
                               "spark.shuffle.spill.numElementsForceSpillThreshold": str(SPILL_THRESHOLD)}),
    "retry": (scenario_retry, {"master": "local[2,2]", "spark.task.maxFailures": "2"}),
    "broadcast": (scenario_broadcast, {"spark.sql.autoBroadcastJoinThreshold": "-1"}),
    "tiny": (scenario_tiny, {}),
    "comet_udf": (scenario_comet_udf, {"comet": "true"}),
    "zstd": (scenario_codec, {"codec": "zstd"}),
    "lz4": (scenario_codec, {"codec": "lz4"}),
    "snappy": (scenario_codec, {"codec": "snappy"}),
    "lzf": (scenario_codec, {"codec": "lzf"}),
    "rolling": (scenario_rolling, {"spark.eventLog.rolling.enabled": "true",
                                   "spark.eventLog.rolling.maxFileSize": ROLLING_MAX_FILE_SIZE}),
    "inprogress": (scenario_inprogress, {"inprogress_copy": "true"}),
}
# longest first, so two workers finish close together
RUN_ORDER = ["comet_udf", "tiny", "skew", "rolling", "spill", "broadcast", "retry",
             "clean", "inprogress", "zstd", "lz4", "snappy", "lzf"]


# ------------------------------------------------------------------ facts from Spark itself

def stage_store_facts(sc, stage_id: int, attempt: int) -> dict:
    """Spark's own per-stage totals from the driver's status store (what its UI would show)."""
    jvm, gw = sc._jvm, sc._gateway
    store = sc._jsc.sc().statusStore()
    quantiles = gw.new_array(jvm.double, 0)
    seq = store.stageData(stage_id, False, jvm.java.util.ArrayList(), False, quantiles)
    it = seq.iterator()
    while it.hasNext():
        s = it.next()
        if s.attemptId() != attempt:
            continue
        out = {
            "status": s.status().toString(),
            "num_complete_tasks": s.numCompleteTasks(),
            "num_failed_tasks": s.numFailedTasks(),
            "num_killed_tasks": s.numKilledTasks(),
            "executor_run_time_ms": s.executorRunTime(),
            "memory_spilled_bytes": s.memoryBytesSpilled(),
            "disk_spilled_bytes": s.diskBytesSpilled(),
            "shuffle_read_bytes": s.shuffleReadBytes(),
            "shuffle_write_bytes": s.shuffleWriteBytes(),
            "shuffle_read_records": s.shuffleReadRecords(),
        }
        out["task_run_time_ms"] = task_run_times(store, stage_id, attempt)
        return out
    return {}


def task_run_times(store, stage_id: int, attempt: int) -> dict:
    """Max and median executor run time of the stage's successful tasks, as Spark recorded them."""
    tasks = store.taskList(stage_id, attempt, 100_000)
    times, it = [], tasks.iterator()
    while it.hasNext():
        t = it.next()
        if t.status() != "SUCCESS" or t.taskMetrics().isEmpty():
            continue
        times.append(t.taskMetrics().get().executorRunTime())
    if not times:
        return {}
    times.sort()
    return {"count": len(times), "max": times[-1], "median": times[(len(times) - 1) // 2]}


class Steps:
    """Runs each step as a job group labelled `label` and records its jobs and stages."""

    def __init__(self, sc, pause: Optional[Callable[[], None]] = None):
        self.sc = sc
        self.steps: List[dict] = []
        self._pause = pause

    def __call__(self, label: str):
        steps = self

        class _Step:
            def __enter__(self):
                steps.sc.setJobGroup(label, label)
                return self

            def __exit__(self, *exc):
                steps.sc.setLocalProperty("spark.jobGroup.id", None)
                steps.sc.setLocalProperty("spark.job.description", None)
                if exc[0] is None:
                    steps.steps.append({"label": label})
                return False
        return _Step()

    def pause_point(self) -> None:
        if self._pause:
            self._pause()

    def describe(self, only: Optional[List[str]] = None) -> List[dict]:
        tracker = self.sc.statusTracker()
        out = []
        for step in self.steps:
            if only is not None and step["label"] not in only:
                continue
            out.append(describe_group(self.sc, tracker, step["label"]))
        return out


def describe_group(sc, tracker, group: Optional[str]) -> dict:
    jobs = []
    for job_id in sorted(tracker.getJobIdsForGroup(group)):
        info = tracker.getJobInfo(job_id)
        stages = []
        for stage_id in sorted(info.stageIds):
            s = tracker.getStageInfo(stage_id)
            if s is None:
                continue
            stage = {"stage_id": s.stageId, "attempt": s.currentAttemptId,
                     "num_tasks": s.numTasks, "num_completed_tasks": s.numCompletedTasks,
                     "num_failed_tasks": s.numFailedTasks,
                     # a stage another job already computed is skipped: it has no task at all
                     "ran": s.numCompletedTasks > 0 or s.numFailedTasks > 0}
            if stage["ran"]:
                stage["store"] = stage_store_facts(sc, s.stageId, s.currentAttemptId)
            stages.append(stage)
        jobs.append({"job_id": job_id, "status": info.status, "stages": stages})
    return {"label": group, "jobs": jobs}


# ------------------------------------------------------------------ one scenario (worker)

def comet_jar(comet_dir: str) -> Optional[str]:
    jars = sorted(glob.glob(os.path.join(comet_dir, "comet-spark-spark3.5_2.12-*.jar")))
    return jars[-1] if jars else None


def build_session(name: str, settings: dict, event_dir: str, comet: Optional[str]):
    from pyspark.sql import SparkSession

    b = (SparkSession.builder
         .master(settings.get("master", "local[2]"))
         .appName(f"clusop-loggen:{name}")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.driver.memory", "1g")
         .config("spark.sql.shuffle.partitions", "4")
         .config("spark.default.parallelism", "2")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.eventLog.enabled", "true")
         .config("spark.eventLog.dir", "file://" + event_dir)
         .config("spark.eventLog.compress", "false")
         .config("spark.eventLog.rolling.enabled", "false"))
    # C1 only and one GC thread: these drivers live seconds, and the JIT's C2 work would cost
    # about as much CPU as the jobs themselves (measured: 16.5 s instead of 29.8 s for "clean")
    java_opts = os.environ.get("CLUSOP_LOGGEN_JAVA_OPTS", DEFAULT_JAVA_OPTS)
    if java_opts:
        b = b.config("spark.driver.extraJavaOptions", java_opts)
    if "codec" in settings:
        b = (b.config("spark.eventLog.compress", "true")
              .config("spark.eventLog.compression.codec", settings["codec"]))
    for k, v in settings.items():
        if k.startswith("spark."):
            b = b.config(k, v)
    if settings.get("comet"):
        # the Comet session of tools/plangen/generate_plans.py
        b = (b.config("spark.jars", comet)
              .config("spark.driver.extraClassPath", comet)
              .config("spark.executor.extraClassPath", comet)
              .config("spark.plugins", "org.apache.spark.CometPlugin")
              .config("spark.shuffle.manager",
                      "org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager")
              .config("spark.memory.offHeap.enabled", "true")
              .config("spark.memory.offHeap.size", "1g")
              .config("spark.comet.enabled", "true")
              .config("spark.comet.exec.enabled", "true")
              .config("spark.comet.exec.shuffle.enabled", "true"))
    return b.getOrCreate()


def comet_version(jar: str) -> str:
    import zipfile

    with zipfile.ZipFile(jar) as z:
        for line in z.read("comet-git-info.properties").decode().splitlines():
            if line.startswith("git.build.version="):
                return line.split("=", 1)[1].strip()
    return "?"


def drain_listener_bus(sc) -> None:
    """Waits until every posted event reached the event log writer (no sleeping)."""
    sc._jsc.sc().listenerBus().waitUntilEmpty()


def driver_cpu_seconds(sc) -> Optional[float]:
    """CPU time the driver JVM used so far (Linux /proc), to size the generation on a loaded host."""
    try:
        pid = sc._jvm.java.lang.ProcessHandle.current().pid()
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)
    except (OSError, ValueError, IndexError):
        return None


def run_worker(name: str, scenario_dir: str, comet_dir: str) -> None:
    run, settings = SCENARIOS[name]
    shutil.rmtree(scenario_dir, ignore_errors=True)
    log_dir = os.path.join(scenario_dir, "eventlog")
    work_dir = os.path.join(scenario_dir, "work")
    os.makedirs(log_dir)
    os.makedirs(work_dir)
    facts: dict = {"scenario": name, "_workdir": work_dir}
    jar = None
    if settings.get("comet"):
        jar = comet_jar(comet_dir)
        if not jar:
            write_facts(scenario_dir, {"scenario": name,
                                       "skipped": f"no Comet jar in {comet_dir} (tools/plangen/fetch_comet.sh)"})
            return
        facts["_comet_version"] = comet_version(jar)
    inprogress = bool(settings.get("inprogress_copy"))
    spark_dir = os.path.join(work_dir, "live") if inprogress else log_dir
    os.makedirs(spark_dir, exist_ok=True)

    started = time.monotonic()
    spark = build_session(name, settings, spark_dir, jar)
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    copied: dict = {}

    def copy_inprogress() -> None:
        if not inprogress or copied:
            return
        drain_listener_bus(sc)
        live = glob.glob(os.path.join(spark_dir, "*.inprogress"))
        assert len(live) == 1, live
        dst = os.path.join(log_dir, os.path.basename(live[0]))
        shutil.copyfile(live[0], dst)
        copied["file"] = os.path.relpath(dst, scenario_dir)
        copied["steps"] = steps.describe()

    steps = Steps(sc, pause=copy_inprogress)
    run(spark, steps, facts)
    drain_listener_bus(sc)
    facts.update({
        "app_id": sc.applicationId,
        "app_name": sc.appName,
        "spark_version": spark.version,
        "master": sc.master,
        "settings": {k: v for k, v in settings.items()},
        "steps": steps.describe(),
        "ungrouped": describe_group(sc, sc.statusTracker(), None)["jobs"],
        "job_seconds": round(time.monotonic() - started, 1),
        "driver_cpu_seconds": driver_cpu_seconds(sc),
    })
    spark.stop()

    if inprogress:
        facts["complete"] = False
        facts["log"] = copied["file"]
        # only what Spark had finished when the file was copied
        facts["steps"] = copied["steps"]
        shutil.rmtree(spark_dir)
    else:
        facts["complete"] = True
        entries = sorted(os.listdir(log_dir))
        assert len(entries) == 1, entries
        facts["log"] = os.path.join("eventlog", entries[0])
        if os.path.isdir(os.path.join(log_dir, entries[0])):
            facts["log_parts"] = sorted(os.listdir(os.path.join(log_dir, entries[0])))
    shutil.rmtree(work_dir, ignore_errors=True)
    write_facts(scenario_dir, facts)


def write_facts(scenario_dir: str, facts: dict) -> None:
    facts = {k: v for k, v in facts.items() if not k.startswith("_")}
    with open(os.path.join(scenario_dir, "facts.json"), "w", encoding="utf-8") as fh:
        json.dump(facts, fh, indent=1, sort_keys=True)
        fh.write("\n")


# ------------------------------------------------------------------ all scenarios (parent)

def run_one(name: str, out: str, comet_dir: str) -> tuple:
    scenario_dir = os.path.join(out, name)
    os.makedirs(scenario_dir, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("JAVA_HOME", DEFAULT_JAVA_HOME)
    env["PYSPARK_PYTHON"] = sys.executable
    env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    started = time.monotonic()
    log_path = os.path.join(out, f"{name}.worker.log")
    with open(log_path, "w", encoding="utf-8") as log:
        try:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", name,
                                   "--scenario-dir", scenario_dir, "--comet-dir", comet_dir],
                                  stdout=log, stderr=subprocess.STDOUT, env=env,
                                  timeout=SCENARIO_TIMEOUT_S, check=False)
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    shutil.move(log_path, os.path.join(scenario_dir, "worker.log"))
    seconds = time.monotonic() - started
    facts_path = os.path.join(scenario_dir, "facts.json")
    if rc == 0 and os.path.exists(facts_path):
        with open(facts_path, encoding="utf-8") as fh:
            skipped = json.load(fh).get("skipped")
        return name, ("skipped: " + skipped) if skipped else "ok", seconds
    return name, f"FAILED ({rc}), see {os.path.join(scenario_dir, 'worker.log')}", seconds


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="folder to write DIR/<scenario>/ into")
    ap.add_argument("--only", help="comma-separated scenario names (default: all)")
    ap.add_argument("--jobs", type=int, default=2, help="scenarios run at once (default 2)")
    ap.add_argument("--comet-dir", default=os.environ.get("COMET_JAR_DIR", DEFAULT_COMET_DIR))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--scenario-dir", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        try:
            run_worker(args.worker, args.scenario_dir, args.comet_dir)
        except Exception:
            traceback.print_exc()
            return 1
        return 0

    if not args.out:
        ap.error("--out is required")
    names = args.only.split(",") if args.only else list(RUN_ORDER)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        ap.error(f"unknown scenario(s) {unknown}; expected some of {RUN_ORDER}")
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()
    failed = 0
    with ThreadPoolExecutor(max_workers=max(1, min(args.jobs, 2))) as pool:
        for name, status, seconds in pool.map(lambda n: run_one(n, args.out, args.comet_dir), names):
            print(f"{name:<11} {seconds:6.1f} s  {status}", flush=True)
            failed += status.startswith("FAILED")
    print(f"generated {len(names)} scenario(s) in {time.monotonic() - started:.1f} s "
          f"into {args.out}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
