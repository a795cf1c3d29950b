"""clusop.watch on a real local Spark: the JVM listener's live feed reaches Python."""

from __future__ import annotations

import json
import time

import pytest

import clusop
from conftest import PRICED


def _wait_rows(w, n, timeout=120.0):
    """Polls the watch's rows until n arrived; the deadline only bounds a broken feed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(w.rows) >= n:
            return w.rows
        time.sleep(0.2)
    raise AssertionError(f"only {len(w.rows)} of {n} queries arrived: {w.widget.status}")


def _queries(spark):
    from pyspark.sql import functions as F

    @F.udf("long")
    def plus_one(x):
        return None if x is None else x + 1

    spark.range(0, 500).where(plus_one("id") > 3).count()          # python UDF
    spark.range(0, 500).selectExpr("sum(id) AS s").collect()        # plain aggregate
    spark.range(0, 100).withColumn("y", plus_one("id")).collect()  # python UDF in a select


def test_watch_receives_every_query_newest_first(spark):
    w = clusop.watch(spark, interval=0.2)
    try:
        assert w.widget.state == "watching", w.widget.status
        assert w.listener is not None and w.listener.registered_by in ("autoload", "watch", "earlier", "conf")
        assert w.rows == []  # only queries from now on
        _queries(spark)
        rows = _wait_rows(w, 3)
        assert [r["seq"] for r in rows] == sorted((r["seq"] for r in rows), reverse=True)
        assert [r["func"] for r in rows][::-1] == ["count", "collectToPython", "collectToPython"]
        # vanilla Spark with spark.clusop.photonEnabled=true: every plan is JVM work on Photon
        assert all(r["verdict"] == "disable_photon" and r["cause"] == "whole_plan_jvm" for r in rows)
        assert rows[2]["key_operator"] == "BatchEvalPython"
        # priced by the listener from spark.clusop.cluster.* and each query's own (short) duration
        assert all(r["usd"] is not None and r["usd"] >= 0 and not r["missing"] for r in rows)
        assert w.widget.total_usd == pytest.approx(sum(r["usd"] for r in rows))
        assert w.widget.seen == 3 and w.widget.priced == 3
        # each query's analysis is the core's, for the plan the listener saw
        a = w.analyses()[-1]
        assert isinstance(a, clusop.Analysis) and "BatchEvalPython" in a.plan
        assert a.waste.inputs.node_type == "i3.xlarge" and a.waste.inputs.workers == 4
        assert a.waste.inputs.runtime_seconds == pytest.approx(rows[2]["duration_s"], abs=1e-3)
        again = clusop.analyze(a.plan, **a.request)
        assert again.to_dict() == a.to_dict()
        # a click in the widget asks for a query: Python answers with its plan and analysis
        sent = []
        w.widget.send = lambda content, buffers=None: sent.append(content)
        w._on_msg(w.widget, {"type": "open", "seq": rows[0]["seq"]}, [])
        assert sent and sent[0]["type"] == "detail" and sent[0]["seq"] == rows[0]["seq"]
        assert json.loads(sent[0]["analysis_json"])["verdict"]["kind"] == "disable_photon"
        assert "Range" in sent[0]["plan"]
        assert "clusop watch" in w.widget._repr_html_()
    finally:
        w.stop()
    assert w.widget.state == "stopped"


def test_watch_reprices_with_keyword_settings(spark):
    w = clusop.watch(spark, interval=0.2, **PRICED)
    try:
        spark.range(0, 300).selectExpr("max(id)").collect()
        rows = _wait_rows(w, 1)
        a = w.analyses()[0]
        # runtime_seconds=600 etc. replace the listener's context: the core prices it here
        assert a.waste.inputs.runtime_seconds == 600 and a.waste.inputs.workers == 4
        assert rows[0]["usd"] == a.waste.usd == clusop.analyze(a.plan, photon_enabled=True, **PRICED).waste.usd
    finally:
        w.stop()


def test_two_watchers_share_one_listener(spark):
    w1 = clusop.watch(spark, interval=0.2)
    w2 = clusop.watch(spark, interval=0.2)
    try:
        assert w1.listener is w2.listener
        spark.range(0, 50).selectExpr("count(*)").collect()
        r1 = _wait_rows(w1, 1)
        r2 = _wait_rows(w2, 1)
        assert len(r1) == len(r2) == 1  # one listener: each query arrives once
    finally:
        w1.stop()
        w2.stop()


def test_watch_fails_soft_without_a_jvm():
    class SparkSession:  # what pyspark.sql.connect gives: no _jsparkSession
        __module__ = "pyspark.sql.connect.session"

    w = clusop.watch(SparkSession())
    assert w.widget.state == "unavailable"
    assert "Spark Connect" in w.widget.status
    w.stop()

    class Sealed:
        __module__ = "pyspark.sql.session"

        @property
        def _jsparkSession(self):
            raise RuntimeError("py4j.security.Py4JSecurityException: Method public ... is not whitelisted")

        _sc = object()

    w = clusop.watch(Sealed())
    assert w.widget.state == "unavailable" and "not reachable" in w.widget.status
