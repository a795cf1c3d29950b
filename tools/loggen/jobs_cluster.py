"""Scenarios on the standalone cluster of standalone_cluster.py (two executors of one core, on two
loopback hosts): speculation that wastes a copy, and executors left idle while the driver works.
"""

from __future__ import annotations

import time

from expected_rules import at_application, at_stage, ran_stages, stage_of
from spark_status import drain_listener_bus, executors, job_times, running_tasks

SPECULATION_PARTITIONS = 4
SPECULATION_SLOW_PARTITION = 0
SPECULATION_SLOW_SECONDS = 8     # every attempt of that partition: its data is slow, not its host
SPECULATION_SETTINGS = {
    "spark.speculation": "true",
    "spark.speculation.quantile": "0.5",
    # a copy only for a task 4x the median and 3 s old: cold starts never qualify, and the
    # original, 3 s ahead, always beats its copy
    "spark.speculation.multiplier": "4",
    "spark.speculation.minTaskRuntime": "3s",
    # judge by run time alone: the tasks here read no input records to rate them by
    "spark.speculation.efficiency.enabled": "false",
}
KILL_TIMEOUT_S = 120

IDLE_DRIVER_SECONDS = 15


def wait_for_no_running_task(sc, stage_id: int) -> None:
    """The losing copy is killed after the job returned: wait until Spark recorded its end."""
    deadline = time.monotonic() + KILL_TIMEOUT_S
    while True:
        drain_listener_bus(sc)
        if running_tasks(sc, stage_id, 0) == 0:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"stage {stage_id} still runs a task {KILL_TIMEOUT_S} s after its job ended")
        time.sleep(0.2)


def scenario_speculation(spark, steps, facts) -> None:
    """One partition of four takes SPECULATION_SLOW_SECONDS on any host; speculation copies it to
    the other executor, and the copy is killed when the original finishes first."""
    sc = spark.sparkContext
    label = "speculation:slow-partition"
    # one row per partition; the slow partition's row waits in the JVM (think of a lookup in a
    # slow service). No Python worker: a cold one costs seconds that would blur the timing.
    slow_ms = SPECULATION_SLOW_SECONDS * 1000
    how = (f"IF(id = {SPECULATION_SLOW_PARTITION}, "
           f"reflect('java.lang.Thread', 'sleep', CAST({slow_ms} AS BIGINT)), 'fast') AS how")
    with steps("speculation:warm-up"):
        # the same query, no slow row, one task per executor: both executors load and compile
        # it now, so the slow step's original is not slowed by a cold start its copy skips
        assert len(spark.range(1, 3, 1, 2).selectExpr("id", how).collect()) == 2
    with steps(label):
        rows = spark.range(0, SPECULATION_PARTITIONS, 1, SPECULATION_PARTITIONS).selectExpr("id", how).collect()
        assert len(rows) == SPECULATION_PARTITIONS
    tracker = sc.statusTracker()
    (job_id,) = tracker.getJobIdsForGroup(label)
    (stage_id,) = tracker.getJobInfo(job_id).stageIds
    wait_for_no_running_task(sc, stage_id)
    facts["problem"] = {"label": label, "partitions": SPECULATION_PARTITIONS,
                        "slow_partition": SPECULATION_SLOW_PARTITION,
                        "slow_seconds": SPECULATION_SLOW_SECONDS}


def expect_speculation(facts: dict) -> list:
    stage = stage_of(facts, facts["problem"]["label"])
    copies = stage["store"]["tasks"]["speculative"]
    # guards the generator: Spark really ran a copy, the original won and the copy was killed
    assert [c["status"] for c in copies] == ["KILLED"], copies
    for s in ran_stages(facts, "speculation:warm-up"):
        assert s["store"]["tasks"]["speculative"] == [], s
    return [at_stage("speculation_waste", stage)]


def scenario_idle_executors(spark, steps, facts) -> None:
    """Two short jobs with IDLE_DRIVER_SECONDS of driver-only time between them, while both
    executors stay allocated (no dynamic allocation)."""
    from pyspark.sql import functions as F

    data = spark.range(0, 200_000, 1, 2).select((F.col("id") % 100).alias("k"), F.col("id").alias("v"))
    with steps("idle_executors:before"):
        rows = data.groupBy("k").agg(F.sum("v").alias("total")).collect()
        assert len(rows) == 100
    # the driver alone: stands for driver-side work between jobs (a pandas step, a call to
    # another service); a sleep so that it costs the host no CPU
    started = time.monotonic()
    time.sleep(IDLE_DRIVER_SECONDS)
    driver_seconds = time.monotonic() - started
    with steps("idle_executors:after"):
        assert data.filter(F.col("k") == 7).count() == 2_000
    drain_listener_bus(spark.sparkContext)
    before = group_job_times(spark.sparkContext, "idle_executors:before")
    after = group_job_times(spark.sparkContext, "idle_executors:after")
    # the gap between the jobs as Spark timed them, and the executor cores it left idle
    gap_ms = min(j["submission_ms"] for j in after) - max(j["completion_ms"] for j in before)
    cores = sum(e["cores"] for e in executors(spark.sparkContext) if e["id"] != "driver")
    facts["problem"] = {"before_label": "idle_executors:before", "after_label": "idle_executors:after",
                        "driver_only_seconds": round(driver_seconds, 3),
                        "dynamic_allocation": spark.conf.get("spark.dynamicAllocation.enabled", "false"),
                        "gap_ms": gap_ms, "executor_cores": cores,
                        "idle_core_seconds": round(gap_ms / 1000 * cores, 3)}


def group_job_times(sc, label: str) -> list:
    return [job_times(sc, j) for j in sc.statusTracker().getJobIdsForGroup(label)]


def expect_idle_executors(facts: dict) -> list:
    return [at_application("idle_executors")]
