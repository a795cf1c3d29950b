"""facts["expected_rules"]: the findings a scenario's one problem must produce, each pointing at
the stage or SQL execution the JOB itself recorded (status tracker, SQL status store), never at
anything read back from clusop.

Forms (the rule ids of issue 10):
    {"rule": "task_skew", "stage_id": 3}
    {"rule": "missed_broadcast", "execution_id": 1}
    {"rule": "aqe_off", "scope": "application"}
"""

from __future__ import annotations

from typing import List, Optional


def ran_stages(facts: dict, label: str) -> List[dict]:
    seen = {}
    for step in facts["steps"]:
        if step["label"] != label:
            continue
        for job in step["jobs"]:
            for stage in job["stages"]:
                if stage["ran"]:
                    seen.setdefault(stage["stage_id"], stage)
    return [seen[k] for k in sorted(seen)]


def stage_of(facts: dict, label: str, num_tasks: Optional[int] = None) -> dict:
    """The one stage step `label` ran (with `num_tasks` tasks when given)."""
    found = [s for s in ran_stages(facts, label) if num_tasks is None or s["num_tasks"] == num_tasks]
    if len(found) != 1:
        raise AssertionError(f"step {label} ran {len(found)} stages with {num_tasks} tasks: "
                             f"{[(s['stage_id'], s['num_tasks']) for s in ran_stages(facts, label)]}")
    return found[0]


def execution_of(facts: dict, label: str) -> dict:
    """The one SQL execution described `label` (a step's job description)."""
    found = [e for e in facts["sql_executions"] if e["description"] == label]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} SQL executions described {label!r}: "
                             f"{[e['description'] for e in facts['sql_executions']]}")
    return found[0]


def at_stage(rule: str, stage: dict) -> dict:
    return {"rule": rule, "stage_id": stage["stage_id"]}


def at_execution(rule: str, execution: dict) -> dict:
    return {"rule": rule, "execution_id": execution["execution_id"]}


def at_application(rule: str) -> dict:
    return {"rule": rule, "scope": "application"}


def none(facts: dict) -> list:
    return []
