"""clusop.analyze on plan text: the same core entry point as every other face, the typed result,
the error contract, the static HTML. No Spark needed."""

from __future__ import annotations

import dataclasses
import json
import subprocess

import pytest

import clusop
from clusop import _request
from conftest import GOLDEN, PRICED, REPO

GOLDEN_CLUSTER = dict(cloud="aws", sku="jobs", tier="premium", node_type="i3.xlarge", workers=4,
                      runtime_seconds=600, runs_per_day=24)


def golden_cases():
    plans = GOLDEN / "plans"
    return sorted(str(p.relative_to(plans)) for p in plans.rglob("*") if p.is_file() and p.suffix != ".md")


def full_snapshot_cases():
    """The golden cases that keep a full snapshot (the others state only what matters, in
    .expect.json files the C++ golden runner holds the core to)."""
    return [c for c in golden_cases() if (GOLDEN / "expected" / f"{c}.analysis.json").exists()]


def test_some_golden_cases_keep_a_full_snapshot():
    assert len(full_snapshot_cases()) >= 5


@pytest.mark.parametrize("case", full_snapshot_cases())
def test_golden_snapshots_match_the_core_byte_for_byte(case):
    """A full golden snapshot (written by the C++ golden runner through clusop_analyze): the
    Python face's answer is the same, byte for byte and as to_dict()."""
    plan = (GOLDEN / "plans" / case).read_text(encoding="utf-8")
    expected = (GOLDEN / "expected" / f"{case}.analysis.json").read_text(encoding="utf-8")
    options = _request.request_options(**GOLDEN_CLUSTER)
    raw = _request.analyze_request({"plan": plan, **options, "indent": 2})
    assert raw + "\n" == expected
    a = clusop.analyze(plan, **GOLDEN_CLUSTER)
    assert a.to_dict() == json.loads(expected)
    assert json.loads(a.to_json()) == json.loads(expected)


@pytest.mark.parametrize("case", golden_cases())
def test_every_golden_plan_reads_as_the_core_answers(case):
    """Every golden plan: the typed result is a view of the core's own answer, nothing re-decided."""
    plan = (GOLDEN / "plans" / case).read_text(encoding="utf-8")
    raw = _request.analyze_request({"plan": plan, **_request.request_options(**GOLDEN_CLUSTER), "indent": 2})
    a = clusop.analyze(plan, **GOLDEN_CLUSTER)
    assert a.to_dict() == json.loads(raw)


def test_same_answer_as_the_cli_when_built():
    cli = REPO / "build" / "release" / "clusop"
    if not cli.exists():
        pytest.skip("build/release/clusop not built")
    plan = (GOLDEN / "plans" / "comet" / "python_udf.tree.txt").read_text()
    req = {"plan": plan, "cluster": {"node_type": "i3.xlarge", "workers": 2, "runtime_seconds": 60}}
    out = subprocess.run([str(cli), "request", "-"], input=json.dumps(req), capture_output=True, text=True, check=True)
    a = clusop.analyze(plan, node_type="i3.xlarge", workers=2, runtime_seconds=60)
    assert out.stdout.rstrip("\n") == a.to_json()


def test_typed_result_is_a_view_of_the_answer():
    plan = (GOLDEN / "plans" / "comet" / "python_udf.tree.txt").read_text()
    a = clusop.analyze(plan, **PRICED)
    d = a.to_dict()
    assert isinstance(a, clusop.Analysis)
    assert isinstance(a.verdict, clusop.Verdict) and isinstance(a.parse, clusop.ParseInfo)
    assert isinstance(a.waste, clusop.Waste) and isinstance(a.confidence, clusop.Confidence)
    assert all(isinstance(f, clusop.Fallback) for f in a.fallbacks)
    assert all(isinstance(n, clusop.Node) for n in a.nodes)
    assert a.engine == d["engine"] == "comet"
    assert (a.verdict.kind, a.verdict.cause) == (d["verdict"]["kind"], d["verdict"]["cause"]) == ("fix_fallback", "python_udf")
    assert a.fallback_weight == d["fallback_weight"]
    assert [f.operators for f in a.fallbacks] == [f["operators"] for f in d["fallbacks"]]
    assert a.waste.usd == d["waste"]["usd"]
    assert a.confidence.reasons == d["confidence"]["reasons"]
    assert [(n.id, n.name, n.role, list(n.span)) for n in a.nodes] == [(n["id"], n["name"], n["role"], n["span"]) for n in d["nodes"]]
    key = next(n for n in a.nodes if n.id == a.fallbacks[0].key_node)
    assert key.name == "BatchEvalPython"
    assert a.node_text(key).lstrip(" +-:").startswith("BatchEvalPython")
    # to_dict() is a fresh copy each time: the answer cannot be changed through it
    d["engine"] = "changed"
    assert a.to_dict()["engine"] == "comet"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.engine = "x"  # type: ignore[misc]


def test_cluster_keywords_map_to_the_request():
    assert _request.request_options(engine="photon", photon_enabled=True, node_type="i3.xlarge", workers=8,
                                    runtime_seconds=600, cloud="azure", usd_per_dbu=0.2) == {
        "engine": "photon", "photon_enabled": True,
        "cluster": {"node_type": "i3.xlarge", "workers": 8, "runtime_seconds": 600, "cloud": "azure", "usd_per_dbu": 0.2}}
    assert _request.request_options(cluster={"workers": 2}, workers=3, sku=None) == {"cluster": {"workers": 3}}
    with pytest.raises(TypeError, match="unknown cluster setting 'nodes'"):
        clusop.analyze("x", nodes=3)
    with pytest.raises(TypeError):
        clusop.analyze("x", photon_enabled="yes")
    plan = (GOLDEN / "plans" / "spark" / "python_udf.tree.txt").read_text()
    assert clusop.analyze(plan).verdict.kind == "none"  # vanilla Spark: no engine, nothing fell back
    a = clusop.analyze(plan, photon_enabled=True, **PRICED)
    assert (a.verdict.kind, a.verdict.cause) == ("disable_photon", "whole_plan_jvm")
    assert a.waste.usd and a.waste.usd > 0 and a.waste.inputs.workers == 4


def test_errors_carry_the_core_code_and_message():
    with pytest.raises(clusop.AnalysisError) as e:
        clusop.analyze("hello, this is not a plan")
    assert e.value.code == "no_plan"
    assert "no physical plan found" in e.value.message
    assert e.value.response["error"]["code"] == "no_plan"
    # settings are checked before anything is analysed, as clusop.scan checks them
    with pytest.raises(ValueError, match="workers must be a finite number"):
        clusop.analyze((GOLDEN / "plans" / "spark" / "python_udf.tree.txt").read_text(), workers=-1)
    with pytest.raises(clusop.AnalysisError) as e:
        clusop.analyze("   ")
    assert e.value.code == "no_plan_text"
    with pytest.raises(ValueError, match="runtime_seconds must be a finite number"):
        clusop.analyze("== Physical Plan ==\n*(1) Range (0, 1)", runtime_seconds=float("nan"))
    # the core's own refusal of a request field still reaches Python as AnalysisError
    with pytest.raises(clusop.AnalysisError) as e:
        _request.analyze_text("== Physical Plan ==\n*(1) Range (0, 1)", {"cluster": {"workers": -1}})
    assert e.value.code == "bad_request" and "workers" in e.value.message
    with pytest.raises(TypeError):
        clusop.analyze(42)


def test_static_html_escapes_the_plan():
    plan = ("== Physical Plan ==\n*(1) Project [<script>alert(1)</script> AS x#1]\n"
            "+- BatchEvalPython [f(<b>id</b>#0L)#3], [pythonUDF0#4]\n   +- *(1) Range (0, 10, step=1, splits=2)\n")
    a = clusop.analyze(plan, photon_enabled=True)
    html = a._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>id</b>" not in html
    assert 'data-fallback="0"' in html and "FALLBACK" in html and "disable_photon" in html


def test_non_ascii_plan_spans_are_bytes():
    plan = "== Physical Plan ==\n*(1) Project [café#1, ünï#2]\n+- BatchEvalPython [f(x#0)#3], [pythonUDF0#4]\n   +- *(1) Range (0, 10, step=1, splits=2)\n"
    a = clusop.analyze(plan, photon_enabled=True)
    texts = [a.node_text(n) for n in a.nodes]
    assert any("café" in t for t in texts)


def test_plan_widget_state_and_static_fallback():
    plan = (GOLDEN / "plans" / "comet" / "python_udf.tree.txt").read_text()
    w = clusop.plan_widget(plan, **PRICED)
    assert w.kind == "plan" and w.plan == plan
    answer = json.loads(w.analysis_json)
    a = clusop.analyze(plan, **PRICED)
    assert answer.pop("markdown") == a.to_markdown()  # the core's Markdown, for the widget's export
    assert answer == a.to_dict()
    assert w.options == {"cluster": {k: v for k, v in PRICED.items()}}
    data, _meta = w._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "text/html" in data and "BatchEvalPython" in data["text/html"]
    bad = clusop.plan_widget("not a plan at all")
    assert json.loads(bad.analysis_json)["error"]["code"] == "no_plan"
    assert "could not read" in bad._repr_html_()
    # the front end is the bundle built from the web app and the WebAssembly core
    esm = w._esm
    assert "class PlanTree" in esm and "function renderSummary" in esm and "AGFzbQ" in esm


def test_import_is_lazy():
    from conftest import run_python

    r = run_python("""
        import sys, clusop
        heavy = [m for m in ("clusop._core", "anywidget", "ipywidgets", "pyspark", "clusop._widget") if m in sys.modules]
        print(heavy)
    """, env={"CLUSOP_AUTOLOAD": "0"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


# ------------------------------------------------------------------ what the input is (issue 8)
COMET_PLAN = GOLDEN / "plans" / "comet" / "scan_filter_agg.tree.txt"


def test_a_str_naming_a_file_is_read_as_that_file_and_says_so(tmp_path):
    by_text = clusop.analyze(COMET_PLAN.read_text(encoding="utf-8"))
    by_path = clusop.analyze(str(COMET_PLAN))
    assert by_path.plan_source == "file" and by_text.plan_source == "text"
    assert by_path.to_dict() == by_text.to_dict()
    assert clusop.analyze(COMET_PLAN).plan_source == "file"


@pytest.mark.parametrize("pack", ["gzip", "zstd", "noise"])
def test_compressed_or_binary_bytes_are_refused_never_judged(tmp_path, pack):
    import gzip

    import zstandard

    raw = COMET_PLAN.read_bytes()
    data = {"gzip": lambda: gzip.compress(raw), "zstd": lambda: zstandard.ZstdCompressor().compress(raw),
            "noise": lambda: bytes(range(256)) * 8}[pack]()
    path = tmp_path / f"plan.{pack}"
    path.write_bytes(data)
    for given in (path, data):
        with pytest.raises(clusop.AnalysisError) as e:
            clusop.analyze(given)
        assert e.value.code == "not_a_plan"
        if pack != "noise":
            assert "clusop.scan" in e.value.message


def test_sql_text_is_no_plan_not_nothing_to_fix():
    with pytest.raises(clusop.AnalysisError) as e:
        clusop.analyze("SELECT a, b\nFROM t\nWHERE a > 1\n")
    assert e.value.code == "no_plan" and "no Spark plan found" in e.value.message


def test_an_unknown_cloud_is_refused_with_the_accepted_ones():
    with pytest.raises(ValueError, match="cloud 'oracle' is not one of .*aws"):
        clusop.analyze(COMET_PLAN.read_text(encoding="utf-8"), cloud="oracle")


def test_repr_of_a_large_analysis_stays_short():
    from big_plan import comet_union_plan

    big = clusop.analyze(comet_union_plan(2000))
    assert big.parse.node_count >= 2000 and len(big.fallbacks) > 50
    analyses = [big]
    corpus = REPO.parent / "shared" / "corpus" / "comet"
    if corpus.is_dir():  # and the corpus's largest Comet plan, when the corpus is there
        largest = max(corpus.glob("*.txt"), key=lambda p: p.stat().st_size)
        analyses.append(clusop.analyze(largest.read_text(encoding="utf-8")))
    for a in analyses:
        assert len(repr(a)) < 200 and str(a.parse.node_count) in repr(a), repr(a)
        assert len(str(a)) < 200
    w = clusop.plan_widget(comet_union_plan(2000))
    assert len(repr(w)) < 200
    data, _meta = w._repr_mimebundle_()
    assert len(data["text/plain"]) < 200
