"""The tables' definition and the DuckDB store, in-process: the schema document is generated
from schema.py (and fails here when it drifts), rows are the core's fields, a failed write
rolls back only its own application."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from clusop.store import schema
from clusop.store.duckdb_store import DuckDBStore, StoreError
from clusop.store.rows import application_rows, rows_from_scan
from clusop.store.tables_doc import render
from conftest import REPO, WIDGET_DIR

LOGS = REPO / "tests" / "io" / "data" / "spark-3.5.9"
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def document():
    import clusop

    return clusop.scan(str(LOGS)).to_dict()


def test_the_schema_document_is_generated_from_schema_py():
    doc = (WIDGET_DIR / "docs" / "tables.md").read_text()
    assert doc == render(), ("notebook-widget/docs/tables.md drifted from schema.py: "
                             "python -m clusop.store.tables_doc > notebook-widget/docs/tables.md")
    assert f"Schema version **{schema.SCHEMA_VERSION}**" in doc


def test_prometheus_design_columns_are_there():
    names = schema.STAGE_METRICS.names
    for c in ("run_id", "job_id", "stage_id", "num_tasks", "max_task_skew_ratio", "total_shuffle_spill_mb",
              "broadcast_miss_flag", "collected_at"):
        assert c in names
    rec = schema.RECOMMENDATIONS.names
    for c in ("rank", "rule", "scope", "stage_id", "execution_id", "severity", "saving_usd", "change_text", "evidence"):
        assert c in rec


def test_every_core_path_exists_in_a_real_document(document):
    """A column reading a path the core never writes would be null forever: each path must be in
    the real scan of the bundled logs (recommendations: only when the core writes them)."""
    app = document["applications"][0]
    objects = {schema.APPS.name: app, schema.STAGE_METRICS.name: app["stages"][0],
               schema.SQL_EXECUTIONS.name: app["sql_executions"][0]}
    if app.get("recommendations"):
        objects[schema.RECOMMENDATIONS.name] = app["recommendations"][0]
    for name, obj in objects.items():
        for c in schema.BY_NAME[name].columns:
            if c.path and c.path != ("saving", "usd_missing"):
                v = obj
                for step in c.path[:-1]:
                    v = v[step]
                assert c.path[-1] in v, (name, c.name, c.path)


def test_rows_are_the_core_fields(document):
    rows = rows_from_scan(document, NOW)
    app = document["applications"][0]
    stage = app["stages"][0]
    r = next(r for r in rows["clusop_stage_metrics"] if r["app_id"] == app["app_id"] and r["stage_id"] == stage["stage_id"])
    assert r["max_task_skew_ratio"] == stage["skew_ratio"] and r["num_tasks"] == stage["num_tasks"]
    assert r["task_p50_ms"] == stage["task_duration_ms"]["p50"]
    assert r["collected_at"] == NOW and list(r) == schema.STAGE_METRICS.names
    with pytest.raises(ValueError, match="clusop.scan/1"):
        rows_from_scan({"schema": "clusop.analysis/1"}, NOW)


def test_broadcast_miss_flag_looks_up_the_core_recommendations(document):
    app = copy.deepcopy(document["applications"][0])
    app.pop("recommendations", None)
    assert {r["broadcast_miss_flag"] for r in application_rows(app, NOW)["clusop_stage_metrics"]} == {None}
    app["recommendations"] = []
    assert {r["broadcast_miss_flag"] for r in application_rows(app, NOW)["clusop_stage_metrics"]} == {False}
    first, second = app["stages"][0]["stage_id"], app["stages"][1]["stage_id"]
    app["recommendations"] = [{"rank": 1, "rule": "missed_broadcast", "scope": "stage", "stage_id": second},
                              {"rank": 2, "rule": "task_skew", "scope": "stage", "stage_id": first}]
    flags = {r["stage_id"]: r["broadcast_miss_flag"] for r in application_rows(app, NOW)["clusop_stage_metrics"]}
    assert flags[second] is True and flags[first] is False
    # an SQL-execution finding flags the stages of that execution
    ex = app["sql_executions"][0]
    app["recommendations"] = [{"rank": 1, "rule": "missed_broadcast", "scope": "sql_execution",
                               "stage_id": None, "execution_id": ex["execution_id"]}]
    flags = {r["stage_id"]: r["broadcast_miss_flag"] for r in application_rows(app, NOW)["clusop_stage_metrics"]}
    assert {s for s, f in flags.items() if f} == set(ex["stage_ids"]) & set(flags)


def test_a_failed_write_rolls_back_only_its_application(tmp_path, document):
    apps = document["applications"]
    with DuckDBStore(str(tmp_path / "c.duckdb")) as store:
        assert store.write_application(application_rows(apps[0], NOW))["clusop_stage_metrics"] == len(apps[0]["stages"])
        bad = application_rows(apps[1], NOW)
        bad["clusop_sql_executions"][0]["duration_ms"] = "not a number"  # the last table but one fails
        with pytest.raises(StoreError, match="not written"):
            store.write_application(bad)
        assert store.count("clusop_apps") == 1
        assert store.count("clusop_stage_metrics") == len(apps[0]["stages"])
        assert store.query("SELECT count(*) FROM clusop_stage_metrics WHERE app_id = ?", [apps[1]["app_id"]])[1] == [(0,)]


def test_ddl_and_spark_schema_come_from_one_definition():
    for t in schema.TABLES:
        ddl = schema.duckdb_ddl(t)
        assert all(f'"{c}"' in ddl for c in t.names)
    pyspark = pytest.importorskip("pyspark")
    assert pyspark
    for t in schema.TABLES:
        st = schema.spark_struct_type(t)
        assert [f.name for f in st.fields] == t.names
        assert [f.name for f in st.fields if not f.nullable] == t.keys
