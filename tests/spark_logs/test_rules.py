"""The rules (rules/builtin.rules) on logs a real local Spark writes: each scenario's one problem
gives its expected rule on the stage or SQL execution the JOB recorded (facts["expected_rules"],
written by tools/loggen from Spark's own status API, never from clusop), nothing outside that set
and a small reviewed allow-list fires, and the clean job yields no recommendation.

These logs are seconds long, so each rule's ABSOLUTE amount (the excess worth a person's time:
minutes on real clusters) is scaled down once, by TEST_SCALE, the same for every scenario; no
ratio is changed. With the defaults the clean job must give nothing above low severity.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

# rule.threshold -> value for logs of a few seconds (the defaults are for real clusters)
TEST_SCALE = {
    "task_skew.min_excess_ms": 5000,            # the skewed straggler is ~8 s; JVM warm-up ~1-3 s
    "spill.min_spill_bytes": 100 << 20,
    "gc_pressure.min_gc_ms": 10_000,
    "missed_broadcast.min_large_side_bytes": 1 << 20,
    "tiny_tasks.min_overhead_ms": 1000,        # 2,000 tasks: ~3.5 s of scheduling on an idle machine
    "too_few_partitions.min_idle_core_ms": 2000,  # the coalesce(1) stage: ~4.7 s x 1 idle core when idle
    "too_few_partitions.min_task_cpu_ms": 2000,  # the coalesce(1) task hashes for ~4.5 s of CPU
    "shuffle_partitions.min_overhead_ms": 5000,
    "idle_executors.min_idle_core_ms": 20_000,  # the idle job waits 15 s on 2 cores
    "speculation_waste.min_waste_ms": 2000,
    "large_collect.min_result_bytes": 16 << 20,  # the large collect sends ~30 MB
    "python_udf.min_duration_ms": 1000,
    "nested_loop_join.min_duration_ms": 1,      # structural: only that job has a nested-loop join
    "aqe_off.min_shuffle_stage_ms": 1,          # structural: only that job turns AQE off
    "small_files.min_run_ms": 500,
    "engine_fallback.min_fallback_ms": 1000,
}

# scenario -> {rule: why it may also fire there}; reviewed, each with its reason
ALLOWED = {
    "retry": {"task_skew": "the retried partition's second attempt is the stage's straggler "
                           "(folded into task_failures when both fire)"},
    "speculation": {"task_skew": "the slow partition is a straggler: speculation copies it "
                                 "(speculation_waste is folded into task_skew)"},
    "aqe_off": {"shuffle_partitions": "with AQE off the planned shuffle partitions run as set"},
}

# The problem each older scenario recorded, for logs generated before facts["expected_rules"].
LEGACY = {
    "skew": ("task_skew", "stage", "partitions"),
    "spill": ("spill", "stage", "sort_partitions"),
    "retry": ("task_failures", "stage", "partitions"),
    "tiny": ("tiny_tasks", "stage", None),
    "broadcast": ("missed_broadcast", "execution", None),
}


def ran_stages(facts: dict, label: str) -> list:
    seen = {}
    for step in facts["steps"]:
        if step["label"] == label:
            for job in step["jobs"]:
                for stage in job["stages"]:
                    if stage["ran"]:
                        seen.setdefault(stage["stage_id"], stage)
    return [seen[k] for k in sorted(seen)]


def expected_rules(facts: dict, app: dict) -> list:
    if "expected_rules" in facts:
        return facts["expected_rules"]
    problem = facts.get("problem", {})
    if facts["scenario"] == "comet_udf":
        (e,) = [x for x in app["sql_executions"] if x["description"] == problem["label"]]
        return [{"rule": "python_udf", "execution_id": e["execution_id"]},
                {"rule": "engine_fallback", "execution_id": e["execution_id"]}]
    if facts["scenario"] not in LEGACY:
        return []
    rule, where, tasks_key = LEGACY[facts["scenario"]]
    if where == "execution":
        # the job's step label is the execution's description (old facts hold no execution ids)
        (e,) = [x for x in app["sql_executions"] if x["description"] == problem["label"]]
        return [{"rule": rule, "execution_id": e["execution_id"]}]
    stages = [s for s in ran_stages(facts, problem["label"])
              if tasks_key is None or s["num_tasks"] == problem[tasks_key]]
    assert len(stages) == 1, stages
    return [{"rule": rule, "stage_id": stages[0]["stage_id"]}]


def scan(clusop_bin: str, log: str, scaled: bool) -> dict:
    args = [clusop_bin, "scan", "--format", "json"]
    if scaled:
        for key, value in TEST_SCALE.items():
            args += ["--set", f"{key}={value}"]
    proc = subprocess.run(args + [log], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["rule_errors"] == [], doc["rule_errors"]
    (app,) = doc["applications"]
    return app


def found(recommendations: list) -> list:
    """(rule, where) of every finding: each recommendation and each member of its cascade."""
    out = []
    for r in recommendations:
        out.append((r["rule"], where(r)))
        out += [(c["rule"], where(c, r["scope"])) for c in r["cascade"]]
    return out


def where(finding: dict, scope: str = None) -> tuple:
    scope = finding.get("scope", scope)
    if finding.get("stage_id") is not None:
        return ("stage", finding["stage_id"])
    if finding.get("execution_id") is not None:
        return ("execution", finding["execution_id"])
    return (scope, None)


def expected_where(e: dict) -> tuple:
    if "stage_id" in e:
        return ("stage", e["stage_id"])
    if "execution_id" in e:
        return ("execution", e["execution_id"])
    return (e["scope"], None)


def scenarios(logs_dir: str) -> list:
    out = []
    for name in sorted(os.listdir(logs_dir)):
        path = os.path.join(logs_dir, name, "facts.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                facts = json.load(fh)
            if not facts.get("skipped"):
                out.append((name, facts))
    return out


@pytest.fixture(scope="module")
def scanned(logs_dir, clusop_bin):
    """name -> (facts, the application scanned with TEST_SCALE)."""
    return {name: (facts, scan(clusop_bin, os.path.join(logs_dir, name, facts["log"]), scaled=True))
            for name, facts in scenarios(logs_dir)}


def test_every_scenario_fires_what_its_job_recorded(scanned):
    assert scanned, "no scenario was generated"
    problems = []
    for name, (facts, app) in scanned.items():
        got = found(app["recommendations"])
        expected = [(e["rule"], expected_where(e)) for e in expected_rules(facts, app)]
        missing = [e for e in expected if e not in got]
        allowed = set(ALLOWED.get(name, {}))
        extra = [g for g in got if g not in expected and g[0] not in allowed]
        if missing or extra:
            problems.append(f"{name}: missing {missing}, unexpected {extra}")
    assert not problems, "\n".join(problems)


def test_each_allowed_rule_is_reviewed(scanned):
    for name, rules in ALLOWED.items():
        for rule, reason in rules.items():
            assert len(reason) > 20, (name, rule)


def test_problem_scenarios_expect_a_finding(scanned):
    with_problem = [n for n, (f, a) in scanned.items() if expected_rules(f, a)]
    assert {"skew", "spill", "retry", "broadcast", "tiny"} <= set(with_problem) | {n for n in LEGACY if n not in scanned}


def test_clean_job_yields_nothing(scanned):
    if "clean" not in scanned:
        pytest.skip("the clean scenario was not generated")
    facts, app = scanned["clean"]
    assert app["recommendations"] == [], [r["title"] for r in app["recommendations"]]


def test_clean_job_nothing_above_low_with_defaults(scenario):
    app = scenario("clean").app
    assert [r for r in app["recommendations"] if r["severity"] != "low"] == []


def test_recommendations_are_ranked_and_not_priced_locally(scanned):
    for name, (facts, app) in scanned.items():
        recs = app["recommendations"]
        assert [r["rank"] for r in recs] == list(range(1, len(recs) + 1)), name
        savings = [r["saving"]["time_ms"] for r in recs]
        assert savings == sorted(savings, reverse=True), name
        for r in recs:
            # a local run names no node type: no dollar figure, and it says what is missing
            assert r["saving"]["usd"] is None and r["saving"]["usd_missing"], (name, r["saving"])
            assert r["saving"]["usd_basis"] == "modeled"
            assert r["evidence"] and r["change"]["text"], (name, r["rule"])
