"""clusop fix on real-looking jobs: one folder per case under cases/, holding the job's source
(job.py, notebook.py or job.ipynb), recommendations.json (recommendations of a real scan of a
real Spark log, trimmed to those the case uses; "made_by" says which log and command) and
expected.diff (reviewed) with expected_changes.json ([rule, status, words the rationale holds]).
Each case also checks that fix of its own output changes nothing and that the output parses.
No Spark needed: the logs were scanned when the case was made."""

from __future__ import annotations

import json
from pathlib import Path

import libcst as cst
import pytest

from clusop.fix import propose
from clusop.fix.source_formats import read_source

CASES = Path(__file__).parent / "cases"
CASE_FILES = {"recommendations.json", "expected.diff", "expected_changes.json", "README.md"}


def case_dirs():
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def source_of(case: Path) -> Path:
    (source,) = [p for p in case.iterdir() if p.is_file() and p.name not in CASE_FILES]
    return source


def parses(text: str, filename: str) -> None:
    code = read_source(text, filename).code
    cst.parse_module(code)
    compile(code, filename, "exec")


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_case(case: Path):
    source = source_of(case)
    text = source.read_text(encoding="utf-8")
    recs = json.loads((case / "recommendations.json").read_text(encoding="utf-8"))["recommendations"]
    expected_changes = json.loads((case / "expected_changes.json").read_text(encoding="utf-8"))

    result = propose(text, recs, filename=source.name)

    assert result.diff == (case / "expected.diff").read_text(encoding="utf-8")
    got = [(c.rule, c.status) for c in result.changes]
    assert got == [(rule, status) for rule, status, _ in expected_changes], [c.rationale for c in result.changes]
    for change, (_, _, words) in zip(result.changes, expected_changes):
        assert words in change.rationale, change.rationale
        assert (change.snippet is not None) == (change.status == "snippet")
    if result.error is not None:  # unreadable: left exactly as it was
        assert result.new_text == text and result.diff == ""
        return
    parses(result.new_text, source.name)
    again = propose(result.new_text, recs, filename=source.name)
    assert again.new_text == result.new_text and again.diff == "", again.diff
    assert all(c.status != "applied" for c in again.changes)


def test_every_case_has_its_files():
    for case in case_dirs():
        for name in ("recommendations.json", "expected.diff", "expected_changes.json"):
            assert (case / name).is_file(), f"{case.name}/{name}"
        recs = json.loads((case / "recommendations.json").read_text(encoding="utf-8"))
        assert recs.get("made_by"), f"{case.name}: recommendations.json says how it was made"
