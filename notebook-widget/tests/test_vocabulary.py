"""One vocabulary: the widget's static view, str() of an analysis and the C++ command line's text
print the same share and dollar strings for one analysis (the core's *_text fields), and the
words for the core's codes come from the core (clusop_vocabulary), not from a copy here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import clusop
from clusop import _core
from clusop._html import analysis_html
from clusop._vocabulary import vocabulary, words

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "tests/golden/plans/comet/python_udf.tree.txt"
CLUSTER = {"node_type": "m5d.2xlarge", "workers": 12, "runtime_seconds": 2700, "runs_per_day": 24}


def _cli_text(capfd, plan: Path, *options: str) -> str:
    capfd.readouterr()
    status = _core.run_cli(["clusop", "analyze", *options, str(plan)])
    out = capfd.readouterr().out
    assert status in (0, 1), out
    return out


def test_the_package_keeps_no_copy_of_the_core_words():
    source = "".join(p.read_text() for p in (REPO / "notebook-widget/src/clusop").glob("_*.py"))
    for table, entries in vocabulary().items():
        if table == "schema":
            continue
        for text in entries.values():
            if len(text) >= 8:
                assert text not in source, f"the package copies the core's {table} words {text!r}"


def test_widget_str_and_cli_print_the_same_share_and_dollars(capfd):
    a = clusop.analyze(PLAN.read_text(), engine="comet", cluster=CLUSTER)
    d = a.to_dict()
    w = d["waste"]
    assert w["measure"] == "off_engine_spend"
    assert w["usd_text"] and d["fallback_weight_text"]
    html = analysis_html(d, a.plan)
    text = _cli_text(capfd, PLAN, "--engine", "comet", "--node-type", "m5d.2xlarge", "--workers", "12",
                     "--runtime-seconds", "2700", "--runs-per-day", "24")
    for figure in (d["fallback_weight_text"], w["usd_text"], w["usd_per_month_text"]):
        assert figure in text, f"CLI text lacks {figure!r}:\n{text}"
        assert figure in html, f"widget lacks {figure!r}"
    assert w["usd_text"] in str(a) and d["fallback_weight_text"] in str(a)
    # the measure, its formula and the words for the codes: the same in both
    for shown in (w["measure_text"], w["formula"], words("verdict", d["verdict"]["kind"]),
                  words("engine", d["engine"]), words("cause", d["verdict"]["cause"])):
        assert shown in text, f"CLI text lacks {shown!r}"
        assert shown.replace("&", "&amp;") in html or shown in html, f"widget lacks {shown!r}"
    for fb in d["fallbacks"]:
        assert fb["weight_text"] in text


def test_role_badges_are_the_core_words():
    a = clusop.analyze(PLAN.read_text(), engine="comet")
    html = analysis_html(a.to_dict(), a.plan)
    badges = set(re.findall(r'font-weight:600;color:[^"]*">([^<]+)</span>', html))
    roles = {n["role"] for n in a.to_dict()["nodes"]}
    assert {words("role_badge", r) for r in roles} <= badges


def test_unknown_billing_is_refused_with_the_choices():
    # refused before the plan is read, as an unknown cloud is (a ValueError with the core's choices)
    with pytest.raises(ValueError, match="databricks.*cloud_vm"):
        clusop.analyze(PLAN.read_text(), engine="comet", cluster={"billing": "oracle"})
