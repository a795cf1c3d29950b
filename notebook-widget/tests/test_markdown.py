"""Analysis.to_markdown() and _repr_markdown_ are the core's Markdown (the request's
"markdown": true), held to the golden cases' .md expectations the C++ golden runner checks; the
static HTML shows the engine's remedy as a line to copy. No Spark needed."""

from __future__ import annotations

import json
from html import escape

import pytest

import clusop
from clusop import _request
from clusop._model import AnalysisError
from conftest import GOLDEN, REPO

# the golden runner's default request (tests/golden/README.md), without "indent"
GOLDEN_CLUSTER = dict(cloud="aws", sku="jobs", tier="premium", node_type="i3.xlarge", workers=4,
                      runtime_seconds=600, runs_per_day=24)


def markdown_cases():
    expected = GOLDEN / "expected"
    return sorted(str(p.relative_to(expected))[: -len(".md")] for p in expected.rglob("*.md"))


def test_some_golden_cases_hold_markdown():
    assert len(markdown_cases()) >= 3


@pytest.mark.parametrize("case", markdown_cases())
def test_to_markdown_is_the_cores_markdown(case):
    plan = (GOLDEN / "plans" / case).read_text(encoding="utf-8")
    options = json.loads((GOLDEN / "expected" / f"{case}.options.json").read_text(encoding="utf-8"))
    request = _request.request_options(**GOLDEN_CLUSTER)
    if "engine_log_file" in options:
        request["engine_log"] = (REPO / options["engine_log_file"]).read_text(encoding="utf-8")
    a = _request.analyze_text(plan, request)
    expected = (GOLDEN / "expected" / f"{case}.md").read_text(encoding="utf-8")
    assert a.to_markdown() == expected
    assert a._repr_markdown_() == expected
    assert "markdown" not in a.to_dict(), "asked of the core apart: the analysis' own answer is unchanged"


def test_the_remedy_is_a_copyable_block_and_a_line_in_the_html():
    plan = (GOLDEN / "plans" / "comet" / "regexp.comet_extended.txt").read_text(encoding="utf-8")
    a = clusop.analyze(plan)
    remedy = a.fallbacks[0].remedy
    assert remedy and remedy["conf"] == a.to_dict()["fallbacks"][0]["remedy"]["conf"]
    assert f"```properties\n{remedy['conf']}\n```" in a.to_markdown()
    html = a._repr_html_()
    assert 'class="clusop-remedy"' in html and remedy["conf"] in html
    report = a.to_dict()["engine_evidence"]["report"]
    assert report["count_text"] and escape(report["count_text"]) in html


def test_no_markdown_without_the_plan_text():
    plan = (GOLDEN / "plans" / "comet" / "python_udf.tree.txt").read_text(encoding="utf-8")
    a = clusop.Analysis.from_json(_request.analyze_request({"plan": plan}))  # no plan kept
    with pytest.raises(AnalysisError) as e:
        a.to_markdown()
    assert e.value.code == "no_plan_text"
    assert a._repr_markdown_() is None


def test_the_widget_carries_the_cores_markdown():
    plan = (GOLDEN / "plans" / "comet" / "regexp.comet_extended.txt").read_text(encoding="utf-8")
    w = clusop.plan_widget(plan, **GOLDEN_CLUSTER)
    answer = json.loads(w.analysis_json)
    assert answer["markdown"] == clusop.analyze(plan, **GOLDEN_CLUSTER).to_markdown()
