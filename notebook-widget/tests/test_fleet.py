"""The fleet job (clusop.fleet) on a real local Spark 3.5.9 with Delta (delta-spark, its jars from
Maven Central): the rows it MERGEs into Delta are the rows the DuckDB store holds for the same
logs, table by table; a second MERGE of the same logs changes nothing.

One Spark session for the module, in a child interpreter (the other modules share a session
without Delta's jars, and a JVM takes its jars once): it runs the job twice and writes the tables
it reads back to a JSON file."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

pytest.importorskip("delta")

from clusop.store.duckdb_store import DuckDBStore  # noqa: E402
from clusop.store.schema import TABLES  # noqa: E402

from conftest import REPO, run_python  # noqa: E402

LOGS = REPO / "tests" / "io" / "data" / "spark-3.5.9"
CORPUS = Path("/work/shared/corpus/eventlogs")
# small real logs of other Spark versions and platforms (the whole corpus is the benchmark's)
CORPUS_PARTS = ("apache-spark", "mcp-apache-spark-history-server")
IGNORED = {"collected_at"}  # the time of each ingest

DRIVER = """
import json, sys
from datetime import datetime, timezone
from clusop.fleet import delta_session, ingest
from clusop.fleet.delta_tables import read_table
from clusop.store.schema import TABLES

paths, root, out = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
spark = delta_session("clusop-fleet-test", master="local[2]", conf={
    "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
    "spark.databricks.delta.snapshotPartitions": "1", "spark.sql.session.timeZone": "UTC",
    "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
spark.sparkContext.setLogLevel("ERROR")

def tables():
    return {t.name: [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.asDict().items()}
                     for r in read_table(spark, root, t).collect()] for t in TABLES}

def summary(r):
    return {"applications": r.applications, "read": r.read, "partitions": r.partitions,
            "seconds_read": r.seconds_read, "seconds_merge": r.seconds_merge,
            "errors": r.errors, "written": {k: vars(w) for k, w in r.written.items()}}

first = ingest(spark, paths, root, partitions=3, collected_at=datetime(2026, 11, 30, 8, tzinfo=timezone.utc))
after_first = tables()
second = ingest(spark, paths, root, partitions=3, collected_at=datetime(2026, 12, 1, 8, tzinfo=timezone.utc))
after_second = tables()
json.dump({"first": summary(first), "second": summary(second), "tables": after_first,
           "tables_after_second": after_second}, open(out, "w"))
spark.stop()
print("done")
"""


def _paths():
    paths = [str(LOGS)]
    if CORPUS.is_dir():
        paths += [str(CORPUS / p) for p in CORPUS_PARTS if (CORPUS / p).is_dir()]
    return paths


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    work = tmp_path_factory.mktemp("fleet")
    out = work / "tables.json"
    code = DRIVER.replace("sys.argv[1]", repr(json.dumps(_paths()))).replace(
        "sys.argv[2]", repr(str(work / "delta"))).replace("sys.argv[3]", repr(str(out)))
    proc = run_python(code, timeout=1500)
    assert proc.returncode == 0 and out.is_file(), proc.stderr[-4000:]
    return json.loads(out.read_text())


def _norm(v):
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return v


def _row_set(rows, columns):
    return sorted(json.dumps([_norm(r.get(c)) for c in columns]) for r in rows)


@pytest.fixture(scope="module")
def scanned():
    import clusop

    return clusop.scan(_paths())


@pytest.fixture(scope="module")
def duckdb_tables(tmp_path_factory):
    """The same logs ingested into the embedded store by `clusop ingest`."""
    from clusop.commands import main

    db = tmp_path_factory.mktemp("duck") / "clusop.duckdb"
    assert main(["ingest", *_paths(), "--db", str(db)]) == 0
    out = {}
    with DuckDBStore(str(db), read_only=True) as store:
        for t in TABLES:
            cols, rows = store.query(f"SELECT * FROM {t.name}")
            out[t.name] = [dict(zip(cols, r)) for r in rows]
    return out


def test_every_application_read(fleet, scanned):
    first = fleet["first"]
    assert first["applications"] > first["read"] == len(scanned.applications) > 0
    # the files the core refuses (JSON that is no event log) are reported, in the core's words
    refused = {(e.path, e.message) for e in scanned.errors if not e.message.startswith("skipped")}
    assert refused and refused <= {tuple(e) for e in first["errors"]}
    assert first["written"]["clusop_apps"]["inserted"] == len(fleet["tables"]["clusop_apps"]) == first["read"]


@pytest.mark.parametrize("table", [t.name for t in TABLES])
def test_same_rows_as_the_duckdb_store(fleet, duckdb_tables, table):
    columns = [c for c in next(t for t in TABLES if t.name == table).names if c not in IGNORED]
    delta_rows, duck_rows = fleet["tables"][table], duckdb_tables[table]
    assert len(delta_rows) == len(duck_rows)
    assert _row_set(delta_rows, columns) == _row_set(duck_rows, columns)


def test_second_merge_changes_nothing(fleet):
    for name, w in fleet["second"]["written"].items():
        assert w == {"inserted": 0, "updated": 0, "deleted": 0}, name
    for t in TABLES:
        cols = t.names  # collected_at too: unchanged rows keep the time they were first read
        assert _row_set(fleet["tables_after_second"][t.name], cols) == _row_set(fleet["tables"][t.name], cols)
