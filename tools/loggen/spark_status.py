"""What a running Spark application knows about itself: its status tracker, the driver's status
store and the SQL status store. Every fact a scenario records comes from here, never from clusop.
"""

from __future__ import annotations

import os
from typing import Callable, Dict, List, Optional


def drain_listener_bus(sc) -> None:
    """Waits until every posted event reached the listeners and the event log (no sleeping)."""
    sc._jsc.sc().listenerBus().waitUntilEmpty()


def scala_list(seq) -> list:
    out, it = [], seq.iterator()
    while it.hasNext():
        out.append(it.next())
    return out


def option(value):
    return value.get() if value.isDefined() else None


# ------------------------------------------------------------------ stages and tasks

def stage_store_facts(sc, stage_id: int, attempt: int) -> dict:
    """Spark's own per-stage totals from the driver's status store (what its UI would show)."""
    jvm, gw = sc._jvm, sc._gateway
    store = sc._jsc.sc().statusStore()
    quantiles = gw.new_array(jvm.double, 0)
    seq = store.stageData(stage_id, False, jvm.java.util.ArrayList(), False, quantiles)
    for s in scala_list(seq):
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
            "result_size_bytes": s.resultSize(),
            "input_bytes": s.inputBytes(),
            "input_records": s.inputRecords(),
        }
        out["task_run_time_ms"] = task_run_times(store, stage_id, attempt)
        out["tasks"] = task_attempts(store, stage_id, attempt)
        return out
    return {}


def _tasks(store, stage_id: int, attempt: int) -> list:
    return scala_list(store.taskList(stage_id, attempt, 100_000))


def task_run_times(store, stage_id: int, attempt: int) -> dict:
    """Max and median executor run time of the stage's successful tasks, as Spark recorded them."""
    times = []
    for t in _tasks(store, stage_id, attempt):
        if t.status() != "SUCCESS" or t.taskMetrics().isEmpty():
            continue
        times.append(t.taskMetrics().get().executorRunTime())
    if not times:
        return {}
    times.sort()
    return {"count": len(times), "max": times[-1], "median": times[(len(times) - 1) // 2]}


def task_attempts(store, stage_id: int, attempt: int) -> dict:
    """How many task attempts ended how, and the speculative copies one by one."""
    by_status: Dict[str, int] = {}
    speculative = []
    for t in _tasks(store, stage_id, attempt):
        by_status[t.status()] = by_status.get(t.status(), 0) + 1
        if t.speculative():
            m = option(t.taskMetrics())
            speculative.append({"task_id": t.taskId(), "index": t.index(), "attempt": t.attempt(),
                                "status": t.status(), "executor_id": t.executorId(), "host": t.host(),
                                "duration_ms": option(t.duration()),
                                "executor_run_time_ms": m.executorRunTime() if m is not None else None})
    return {"by_status": by_status, "speculative": speculative}


def running_tasks(sc, stage_id: int, attempt: int) -> int:
    store = sc._jsc.sc().statusStore()
    return sum(1 for t in _tasks(store, stage_id, attempt) if t.status() == "RUNNING")


# ------------------------------------------------------------------ jobs, steps, executors

def job_times(sc, job_id: int) -> dict:
    """Submission and completion of a job (epoch ms) as the driver's status store has them."""
    j = sc._jsc.sc().statusStore().job(job_id)
    sub, done = option(j.submissionTime()), option(j.completionTime())
    return {"submission_ms": sub.getTime() if sub is not None else None,
            "completion_ms": done.getTime() if done is not None else None}


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
        jobs.append({"job_id": job_id, "status": info.status, "stages": stages, **job_times(sc, job_id)})
    return {"label": group, "jobs": jobs}


def executors(sc) -> List[dict]:
    """Every executor the application had (the driver too in local mode), with its cores."""
    out = []
    for e in scala_list(sc._jsc.sc().statusStore().executorList(False)):
        removed = option(e.removeTime())
        out.append({"id": e.id(), "host": e.hostPort().rsplit(":", 1)[0], "cores": e.totalCores(),
                    "added_ms": e.addTime().getTime(),
                    "removed_ms": removed.getTime() if removed is not None else None,
                    "is_active": e.isActive()})
    return sorted(out, key=lambda e: e["id"])


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


# ------------------------------------------------------------------ SQL executions

def sql_executions(spark) -> List[dict]:
    """Every SQL execution of the application as the SQL status store (the SQL tab) has it."""
    store = spark._jsparkSession.sharedState().statusStore()
    out = []
    for e in scala_list(store.executionsList()):
        out.append({"execution_id": e.executionId(), "root_execution_id": e.rootExecutionId(),
                    "description": e.description(),
                    "job_ids": sorted(int(k) for k in scala_list(e.jobs().keys())),
                    "stage_ids": sorted(int(s) for s in scala_list(e.stages()))})
    return sorted(out, key=lambda e: e["execution_id"])


def execution_plan_nodes(spark, execution_id: int) -> List[dict]:
    """The nodes of an execution's final plan graph with their metric values (the SQL tab's
    numbers): {"name", "desc", "metrics": {metric name: value string}}."""
    store = spark._jsparkSession.sharedState().statusStore()
    # a Scala Map[Long, String]: read into Python, as py4j boxes small ids as Integer
    values = {int(t._1()): t._2() for t in scala_list(store.executionMetrics(execution_id))}
    nodes = []
    for node in scala_list(store.planGraph(execution_id).allNodes()):
        metrics = {}
        for m in scala_list(node.metrics()):
            if int(m.accumulatorId()) in values:
                metrics[m.name()] = values[int(m.accumulatorId())]
        nodes.append({"name": node.name(), "desc": node.desc(), "metrics": metrics})
    return nodes


def metric_count(value: str) -> int:
    """A SUM metric as the SQL tab prints it ("1,200"): Spark formats it with grouping."""
    return int(value.replace(",", "").strip())


# ------------------------------------------------------------------ the driver process

def driver_cpu_seconds(sc) -> Optional[float]:
    """CPU time the driver JVM used so far (Linux /proc), to size the generation on a loaded host."""
    return process_cpu_seconds(sc._jvm.java.lang.ProcessHandle.current().pid())


def process_cpu_seconds(pid: int, children: bool = False) -> Optional[float]:
    """utime + stime of a process (and of its reaped children when asked) from /proc."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])
        if children:
            ticks += int(fields[13]) + int(fields[14])
        return round(ticks / os.sysconf("SC_CLK_TCK"), 1)
    except (OSError, ValueError, IndexError):
        return None
