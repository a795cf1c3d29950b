#!/usr/bin/env python3
"""Write Spark event logs of jobs with ONE known problem each, by running a REAL local Spark.

Every scenario is one application (one SparkContext: event-log settings are per context). Beside
its log each scenario writes `facts.json`: what the job itself knows, taken from its own
parameters and from Spark's own status API (`sc.statusTracker()`, the driver's status store, the
SQL status store), never from clusop, and `expected_rules`: the findings its problem must produce.
tests/spark_logs/ holds `clusop scan` to them.

Usage (from the repository root):
    /opt/clusop-venv/bin/python tools/loggen/scenarios.py --out DIR [--only a,b] [--jobs 2]

Layout of DIR/<scenario>/:
    eventlog/    the log exactly as Spark left it (a file, or an eventlog_v2_* folder)
    facts.json   see `run_scenario`; "skipped" names why a scenario could not run (no Comet jar)
    worker.log   the output of the worker process that ran it

Scenarios run in a few worker processes (GROUPS), each one driver JVM that runs its scenarios
one after another, one SparkContext each: starting a JVM cost more CPU than most jobs here.
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
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

import jobs_basic as basic
import jobs_cluster as cluster
import jobs_local as local
from expected_rules import none
from session import comet_jar, comet_version, java_opts, launch_driver_jvm, start_session
from spark_status import Steps, describe_group, drain_listener_bus, executors, process_cpu_seconds, sql_executions
from standalone_cluster import StandaloneCluster

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64"
DEFAULT_COMET_DIR = os.path.join(REPO_ROOT, "build", "plangen", "jars")
SCENARIO_TIMEOUT_S = 600  # per scenario of a group


@dataclass(frozen=True)
class Scenario:
    run: Callable
    settings: Dict[str, str] = field(default_factory=dict)
    expect: Callable[[dict], list] = none


SCENARIOS: Dict[str, Scenario] = {
    "clean": Scenario(basic.scenario_clean),
    "skew": Scenario(basic.scenario_skew, {}, basic.expect_skew),
    "spill": Scenario(basic.scenario_spill,
                      {"spark.shuffle.spill.numElementsForceSpillThreshold": str(basic.SPILL_THRESHOLD)},
                      basic.expect_spill),
    # local mode ignores spark.task.maxFailures: the second number of the master is the one
    "retry": Scenario(basic.scenario_retry, {"master": "local[2,2]", "spark.task.maxFailures": "2"},
                      basic.expect_retry),
    "broadcast": Scenario(basic.scenario_broadcast, {"spark.sql.autoBroadcastJoinThreshold": "-1"},
                          basic.expect_broadcast),
    "tiny": Scenario(basic.scenario_tiny, {}, basic.expect_tiny),
    "comet_udf": Scenario(basic.scenario_comet_udf, {"comet": "true"}, basic.expect_comet_udf),
    "zstd": Scenario(basic.scenario_codec, {"codec": "zstd"}),
    "lz4": Scenario(basic.scenario_codec, {"codec": "lz4"}),
    "snappy": Scenario(basic.scenario_codec, {"codec": "snappy"}),
    "lzf": Scenario(basic.scenario_codec, {"codec": "lzf"}),
    "rolling": Scenario(basic.scenario_rolling, {"spark.eventLog.rolling.enabled": "true",
                                                 "spark.eventLog.rolling.maxFileSize": basic.ROLLING_MAX_FILE_SIZE}),
    "inprogress": Scenario(basic.scenario_inprogress, {"inprogress_copy": "true"}),
    "large_collect": Scenario(local.scenario_large_collect, {}, local.expect_large_collect),
    "nested_loop_join": Scenario(local.scenario_nested_loop_join, {}, local.expect_nested_loop_join),
    "aqe_off": Scenario(local.scenario_aqe_off, {"spark.sql.adaptive.enabled": "false"}, local.expect_aqe_off),
    "small_files": Scenario(local.scenario_small_files, {}, local.expect_small_files),
    "too_few_partitions": Scenario(local.scenario_too_few_partitions, {}, local.expect_too_few_partitions),
    "speculation": Scenario(cluster.scenario_speculation, {"cluster": "standalone", **cluster.SPECULATION_SETTINGS},
                            cluster.expect_speculation),
    "idle_executors": Scenario(cluster.scenario_idle_executors, {"cluster": "standalone"},
                               cluster.expect_idle_executors),
}

# One worker process (one driver JVM) per group, two groups at a time, the longest first so the
# two lanes end close together. Comet needs its jar on the JVM's class path: a group of its own.
# The standalone scenarios come first in their group: their waits leave the CPU to the other lane.
GROUPS: List[List[str]] = [
    ["speculation", "idle_executors", "skew", "tiny", "rolling", "spill", "large_collect",
     "too_few_partitions"],
    ["comet_udf"],
    ["broadcast", "retry", "clean", "inprogress", "zstd", "lz4", "snappy", "lzf",
     "nested_loop_join", "aqe_off", "small_files"],
]
ALL = [n for g in GROUPS for n in g]

# Python functions the tasks run (a planned failure, a slow partition, a UDF) travel by value:
# executors' Python workers do not have tools/loggen on their path.
for _module in (basic, cluster, local):
    from pyspark import cloudpickle

    cloudpickle.register_pickle_by_value(_module)
assert sorted(ALL) == sorted(SCENARIOS), "every scenario belongs to exactly one group"


# ------------------------------------------------------------------ one scenario (in a worker)

class Worker:
    """Runs scenarios one after another in this process's driver JVM."""

    def __init__(self, out: str, comet_dir: str):
        self.out = out
        self.comet_dir = comet_dir
        self.jvm_started = False
        self.cluster: Optional[StandaloneCluster] = None

    def standalone(self) -> StandaloneCluster:
        if self.cluster is None:
            self.cluster = StandaloneCluster(os.path.join(self.out, "_standalone"), java_opts())
            self.cluster.start()
        return self.cluster

    def close(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()
            print(f"standalone cluster: master, workers and executors used {self.cluster.cpu_seconds} CPU s",
                  flush=True)
            self.cluster.remove()

    def jvm_cpu_seconds(self) -> Optional[float]:
        from pyspark import SparkContext

        return process_cpu_seconds(SparkContext._jvm.java.lang.ProcessHandle.current().pid())

    def run(self, name: str) -> None:
        scenario = SCENARIOS[name]
        scenario_dir = os.path.join(self.out, name)
        shutil.rmtree(scenario_dir, ignore_errors=True)
        log_dir = os.path.join(scenario_dir, "eventlog")
        work_dir = os.path.join(scenario_dir, "work")
        os.makedirs(log_dir)
        os.makedirs(work_dir)
        facts: dict = {"scenario": name, "_workdir": work_dir}
        settings = dict(scenario.settings)
        jar = None
        if settings.get("comet"):
            jar = comet_jar(self.comet_dir)
            if not jar:
                write_facts(scenario_dir, {"scenario": name, "skipped":
                                           f"no Comet jar in {self.comet_dir} (tools/plangen/fetch_comet.sh)"})
                return
            facts["_comet_version"] = comet_version(jar)
        if settings.get("cluster") == "standalone":
            settings.update(self.standalone().driver_settings())
        started_jvm_here = not self.jvm_started
        if not self.jvm_started:
            launch_driver_jvm(jar)
            self.jvm_started = True
        cpu_before = 0.0 if started_jvm_here else (self.jvm_cpu_seconds() or 0.0)
        run_scenario(name, scenario, settings, facts, scenario_dir, jar)
        cpu_after = self.jvm_cpu_seconds()
        facts["driver_cpu_seconds"] = round(cpu_after - cpu_before, 1) if cpu_after is not None else None
        facts["driver_jvm_started_here"] = started_jvm_here
        shutil.rmtree(work_dir, ignore_errors=True)
        write_facts(scenario_dir, facts)


def run_scenario(name: str, scenario: Scenario, settings: dict, facts: dict, scenario_dir: str,
                 jar: Optional[str]) -> None:
    """Runs the job in a new application and fills `facts` with what Spark recorded:
    `app_id`, `spark_version`, `master`, `complete`, `log` (path under the scenario folder),
    `log_parts` (rolling), `settings`, `steps` (per step its jobs and every stage they listed,
    with the status store's totals for those that ran), `ungrouped` jobs, `sql_executions`,
    `executors`, `problem` (the job's parameters and what it saw), `expected_rules`."""
    log_dir = os.path.join(scenario_dir, "eventlog")
    inprogress = bool(settings.get("inprogress_copy"))
    spark_dir = os.path.join(facts["_workdir"], "live") if inprogress else log_dir
    os.makedirs(spark_dir, exist_ok=True)

    started = time.monotonic()
    spark = start_session(name, settings, spark_dir, jar)
    sc = spark.sparkContext
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
        copied["sql_executions"] = sql_executions(spark)

    steps = Steps(sc, pause=copy_inprogress)
    try:
        scenario.run(spark, steps, facts)
        drain_listener_bus(sc)
        facts.update({
            "app_id": sc.applicationId,
            "app_name": sc.appName,
            "spark_version": spark.version,
            "master": sc.master,
            "settings": {k: v for k, v in settings.items()},
            "steps": steps.describe(),
            "ungrouped": describe_group(sc, sc.statusTracker(), None)["jobs"],
            "sql_executions": sql_executions(spark),
            "executors": executors(sc),
            "job_seconds": round(time.monotonic() - started, 1),
        })
    finally:
        spark.stop()

    if inprogress:
        facts["complete"] = False
        facts["log"] = copied["file"]
        # only what Spark had finished when the file was copied
        facts["steps"] = copied["steps"]
        facts["sql_executions"] = copied["sql_executions"]
        shutil.rmtree(spark_dir)
    else:
        facts["complete"] = True
        entries = sorted(os.listdir(log_dir))
        assert len(entries) == 1, entries
        facts["log"] = os.path.join("eventlog", entries[0])
        if os.path.isdir(os.path.join(log_dir, entries[0])):
            facts["log_parts"] = sorted(os.listdir(os.path.join(log_dir, entries[0])))
    facts["expected_rules"] = scenario.expect(facts)


def write_facts(scenario_dir: str, facts: dict) -> None:
    facts = {k: v for k, v in facts.items() if not k.startswith("_")}
    with open(os.path.join(scenario_dir, "facts.json"), "w", encoding="utf-8") as fh:
        json.dump(facts, fh, indent=1, sort_keys=True)
        fh.write("\n")


def run_worker(names: List[str], out: str, comet_dir: str) -> int:
    worker, failed = Worker(out, comet_dir), 0
    try:
        for name in names:
            started = time.monotonic()
            print(f"==== scenario {name}", flush=True)
            try:
                worker.run(name)
                print(f"==== scenario {name} ok in {time.monotonic() - started:.1f} s", flush=True)
            except Exception:
                traceback.print_exc()
                print(f"==== scenario {name} FAILED in {time.monotonic() - started:.1f} s", flush=True)
                failed += 1
    finally:
        worker.close()
    return 1 if failed else 0


# ------------------------------------------------------------------ all scenarios (parent)

def run_group(names: List[str], out: str, comet_dir: str) -> List[tuple]:
    env = dict(os.environ)
    env.setdefault("JAVA_HOME", DEFAULT_JAVA_HOME)
    env["PYSPARK_PYTHON"] = sys.executable
    env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    started = time.monotonic()
    log_path = os.path.join(out, f"{names[0]}.group.log")
    with open(log_path, "w", encoding="utf-8") as log:
        try:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", ",".join(names),
                                   "--out", out, "--comet-dir", comet_dir],
                                  stdout=log, stderr=subprocess.STDOUT, env=env,
                                  timeout=SCENARIO_TIMEOUT_S * len(names), check=False)
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    results = []
    for name in names:
        scenario_dir = os.path.join(out, name)
        os.makedirs(scenario_dir, exist_ok=True)
        shutil.copyfile(log_path, os.path.join(scenario_dir, "worker.log"))
        facts_path = os.path.join(scenario_dir, "facts.json")
        if not os.path.exists(facts_path):
            results.append((name, f"FAILED ({rc}), see {os.path.join(scenario_dir, 'worker.log')}", None, None))
            continue
        with open(facts_path, encoding="utf-8") as fh:
            facts = json.load(fh)
        status = ("skipped: " + facts["skipped"]) if facts.get("skipped") else "ok"
        results.append((name, status, facts.get("job_seconds"), facts.get("driver_cpu_seconds")))
    os.remove(log_path)
    results.append((f"group of {names[0]}", f"exit {rc}", round(time.monotonic() - started, 1), None))
    return results


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="folder to write DIR/<scenario>/ into")
    ap.add_argument("--only", help="comma-separated scenario names (default: all)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes at once (default 2, at most 2)")
    ap.add_argument("--comet-dir", default=os.environ.get("COMET_JAR_DIR", DEFAULT_COMET_DIR))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.out:
        ap.error("--out is required")
    args.out = os.path.abspath(args.out)

    if args.worker:
        return run_worker(args.worker.split(","), args.out, args.comet_dir)

    names = args.only.split(",") if args.only else list(ALL)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        ap.error(f"unknown scenario(s) {unknown}; expected some of {ALL}")
    groups = [[n for n in g if n in names] for g in GROUPS]
    groups = [g for g in groups if g]
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()
    failed = 0
    with ThreadPoolExecutor(max_workers=max(1, min(args.jobs, 2))) as pool:
        for results in pool.map(lambda g: run_group(g, args.out, args.comet_dir), groups):
            for name, status, seconds, cpu in results:
                wall = f"{seconds:6.1f} s" if seconds is not None else "     - s"
                cpu_text = f"  driver CPU {cpu:5.1f} s" if cpu is not None else ""
                print(f"{name:<19} {wall}{cpu_text}  {status}", flush=True)
                failed += status.startswith("FAILED")
    print(f"generated {len(names)} scenario(s) in {time.monotonic() - started:.1f} s "
          f"into {args.out}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
