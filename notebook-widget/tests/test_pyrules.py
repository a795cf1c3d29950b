"""Python @rule functions in a rules folder (clusop.pyrules), over logs a real Spark 3.5.9 wrote
(tests/io/data/spark-3.5.9): each finding lands on its row, the core ranks them with its own, a
rule that raises, loops, ends its process or yields garbage is reported by name and the others
still run."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

import clusop
from clusop.pyrules import apply_rules

REPO = Path(__file__).resolve().parents[2]
LOG = REPO / "tests" / "io" / "data" / "spark-3.5.9" / "zstd" / "local-1796014150486.zstd"

STAGE_RULE = '''
from clusop.pyrules import rule

@rule(scope="stage")
def busy_stage(stage):
    if stage["executor_run_time_ms"] > 0:
        yield {"severity": "low", "title": f"stage {stage['stage_id']} ran",
               "saving": {"time_ms": stage["executor_run_time_ms"]},
               "advice": "look at it", "change": {"kind": "code", "text": "# nothing"}}
'''


def write_rules(folder: Path, **files: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.py").write_text(textwrap.dedent(text))
    return folder


def document(result) -> dict:
    return json.loads(result.to_json())


@pytest.fixture(scope="module")
def plain():
    return document(clusop.scan(LOG, python_rules=False))


def test_each_finding_lands_on_its_stage_and_the_core_ranks_them(tmp_path, plain):
    rules = write_rules(tmp_path / "rules", busy=STAGE_RULE)
    doc = document(clusop.scan(LOG, python_rules=rules))
    app, before = doc["applications"][0], plain["applications"][0]
    busy = {(s["stage_id"], s["attempt"]) for s in before["stages"] if s["executor_run_time_ms"] > 0}
    assert busy, "the log has stages that ran"
    mine = [r for r in app["recommendations"] if r["rule"] == "busy_stage"]
    assert {(r["stage_id"], r["stage_attempt"]) for r in mine} == busy
    assert all(r["scope"] == "stage" for r in mine)
    # the core ranked everything: ranks 1..n, savings never increase down the list
    ranks = [r["rank"] for r in app["recommendations"]]
    assert ranks == list(range(1, len(ranks) + 1))
    times = [r["saving"]["time_ms"] for r in app["recommendations"]]
    assert times == sorted(times, reverse=True)
    # the core's own recommendations are all still there
    assert {r["rule"] for r in before.get("recommendations", [])} <= {r["rule"] for r in app["recommendations"]}
    assert doc["rule_errors"] == before.get("rule_errors", [])


def test_a_rule_that_raises_or_yields_garbage_is_named_and_the_others_run(tmp_path, plain):
    rules = write_rules(tmp_path / "rules", busy=STAGE_RULE, boom='''
        from clusop.pyrules import rule

        @rule(scope="application")
        def boom(app):
            raise ValueError("no such KPI: " + app["app_id"])

        @rule(scope="sql_execution")
        def garbage(execution):
            yield "not a recommendation"
    ''', broken="def oops(:\n")
    doc = document(clusop.scan(LOG, python_rules=rules))
    errors = {e["rule"]: e for e in doc["rule_errors"]}
    assert "raised ValueError: no such KPI" in errors["boom"]["message"]
    assert "expected a dict" in errors["garbage"]["message"]
    assert errors["broken.py"]["line"] == 1 and "SyntaxError" in errors["broken.py"]["message"]
    assert any(r["rule"] == "busy_stage" for r in doc["applications"][0]["recommendations"])


def test_a_rule_that_loops_or_kills_its_process_is_stopped_and_the_others_run(tmp_path, plain):
    rules = write_rules(tmp_path / "rules", a_loops='''
        from clusop.pyrules import rule

        @rule(scope="application")
        def spins(app):
            while True:
                pass
    ''', b_exits='''
        import os
        from clusop.pyrules import rule

        @rule(scope="application")
        def exits(app):
            os._exit(3)
    ''', c_busy=STAGE_RULE)
    # the budget bounds the loop, which never ends: no timing decides this test's outcome
    doc = json.loads(apply_rules(json.dumps(plain), str(rules), budget_seconds=3))
    errors = {e["rule"]: e["message"] for e in doc["rule_errors"]}
    assert "did not finish within 3 s" in errors["spins"]
    assert "exit code 3" in errors["exits"]
    assert any(r["rule"] == "busy_stage" for r in doc["applications"][0]["recommendations"])


def test_the_rules_folder_is_found_in_the_working_directory(tmp_path, monkeypatch, plain):
    write_rules(tmp_path / "clusop_rules", busy=STAGE_RULE)
    monkeypatch.delenv("CLUSOP_RULES_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    doc = document(clusop.scan(LOG))
    assert any(r["rule"] == "busy_stage" for r in doc["applications"][0]["recommendations"])


def test_a_missing_folder_or_a_bad_scope_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="expected a folder of .py files"):
        clusop.scan(LOG, python_rules=tmp_path / "nowhere")
    from clusop.pyrules import rule

    with pytest.raises(ValueError, match="not one of application, stage, sql_execution"):
        rule(scope="task")
