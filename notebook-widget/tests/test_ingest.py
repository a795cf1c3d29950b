"""`clusop ingest` of logs a real Spark 3.5.9 wrote (tests/io/data/spark-3.5.9) into DuckDB: the
tables hold what the scan document says (its counts and its values), ingesting twice changes
nothing, and a locked or read-only database gives a clear error and loses nothing."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO

LOGS = REPO / "tests" / "io" / "data" / "spark-3.5.9"
CONSOLE_SCRIPT = Path(sys.executable).parent / "clusop"
TABLES = ("clusop_apps", "clusop_stage_metrics", "clusop_sql_executions", "clusop_recommendations")


def clusop(*args, timeout=300):
    return subprocess.run([str(CONSOLE_SCRIPT), *map(str, args)], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def document():
    out = clusop("scan", "--format", "json", LOGS)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def counts(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def dump(db: Path) -> dict:
    """Every row of every table, collected_at aside."""
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for t in TABLES:
            cols = [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall() if r[0] != "collected_at"]
            out[t] = sorted(map(repr, con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall()))
        return out


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_tables_hold_what_the_scan_document_says(tmp_path, document):
    db = tmp_path / "c.duckdb"
    out = clusop("ingest", LOGS, "--db", db)
    assert out.returncode == 0, out.stderr
    apps = document["applications"]
    assert len(apps) >= 6  # one per codec and layout (FACTS.md)
    expected = {"clusop_apps": len(apps),
                "clusop_stage_metrics": sum(len(a["stages"]) for a in apps),
                "clusop_sql_executions": sum(len(a["sql_executions"]) for a in apps),
                "clusop_recommendations": sum(len(a.get("recommendations") or []) for a in apps)}
    assert counts(db) == expected
    assert f"wrote {expected['clusop_apps']} applications, {expected['clusop_stage_metrics']} stages" in out.stdout
    # the files the scan could not read are named, one line each
    for err in document["errors"]:
        assert err["path"] in out.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        for a in apps:
            attempt = a["attempt"] or ""
            stored = {(r[0], r[1]): r[2:] for r in con.execute(
                "SELECT stage_id, stage_attempt, num_tasks, max_task_skew_ratio, disk_spilled_bytes, task_p95_ms, "
                "total_shuffle_spill_mb FROM clusop_stage_metrics WHERE app_id = ? AND attempt = ?",
                [a["app_id"], attempt]).fetchall()}
            assert stored == {(s["stage_id"], s["attempt"]): (
                s["num_tasks"], s["skew_ratio"], s["disk_spilled_bytes"], (s["task_duration_ms"] or {}).get("p95"),
                None if s["disk_spilled_bytes"] is None else s["disk_spilled_bytes"] / 1048576) for s in a["stages"]}
            row = con.execute("SELECT duration_ms, read_events, utilisation_ratio, sql_executions FROM clusop_apps "
                              "WHERE app_id = ? AND attempt = ?", [a["app_id"], attempt]).fetchone()
            assert row == (a["duration_ms"], a["read"]["events"], a["utilisation"]["ratio"],
                           a["sql_totals"]["executions"])
            sql = con.execute("SELECT execution_id, verdict, has_fallback, job_ids FROM clusop_sql_executions "
                              "WHERE app_id = ? AND attempt = ? ORDER BY execution_id",
                              [a["app_id"], attempt]).fetchall()
            assert sql == sorted((e["execution_id"], e["analysis"]["verdict"]["kind"], e["analysis"]["has_fallback"],
                                  json.dumps(e["job_ids"])) for e in a["sql_executions"])
            if "recommendations" in a:
                ranks = [r[0] for r in con.execute("SELECT rank FROM clusop_recommendations WHERE app_id = ? "
                                                   "ORDER BY rank", [a["app_id"]]).fetchall()]
                assert ranks == [r["rank"] for r in a["recommendations"]]


def test_ingesting_twice_changes_nothing(tmp_path):
    db = tmp_path / "c.duckdb"
    first = clusop("ingest", LOGS, "--db", db)
    assert first.returncode == 0, first.stderr
    before_counts, before_rows = counts(db), dump(db)
    with duckdb.connect(str(db), read_only=True) as con:
        stamps = con.execute("SELECT app_id, collected_at FROM clusop_apps ORDER BY 1").fetchall()
    second = clusop("ingest", LOGS, "--db", db)
    assert second.returncode == 0, second.stderr
    assert "unchanged" in second.stdout and "wrote 0 applications" in second.stdout
    assert counts(db) == before_counts and dump(db) == before_rows
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT app_id, collected_at FROM clusop_apps ORDER BY 1").fetchall() == stamps
    # one log of the folder again: still the same tables
    one = next(p for p in (LOGS / "none").iterdir() if p.is_file())
    third = clusop("ingest", one, "--db", db)
    assert third.returncode == 0 and counts(db) == before_counts and dump(db) == before_rows


def test_nothing_readable_is_exit_2(tmp_path):
    db = tmp_path / "c.duckdb"
    out = clusop("ingest", REPO / "README.md", "--db", db)
    assert out.returncode == 2
    assert "README.md" in out.stderr and "nothing could be read" in out.stderr
    assert "wrote" not in out.stdout


def test_a_locked_database_is_a_clear_error_and_loses_nothing(tmp_path):
    db = tmp_path / "c.duckdb"
    one = next(p for p in (LOGS / "none").iterdir() if p.is_file())
    assert clusop("ingest", one, "--db", db).returncode == 0
    before = dump(db)
    # another process holds the write lock until we close its stdin (a latch, not a sleep)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
                               "print('locked', flush=True); sys.stdin.read(); con.close()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        out = clusop("ingest", LOGS, "--db", db)
        assert out.returncode == 2
        assert "locked by another process" in out.stderr and str(db) in out.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert dump(db) == before


def test_a_read_only_database_is_a_clear_error_and_loses_nothing(tmp_path):
    db = tmp_path / "c.duckdb"
    one = next(p for p in (LOGS / "none").iterdir() if p.is_file())
    assert clusop("ingest", one, "--db", db).returncode == 0
    before_rows, before_sha = dump(db), sha(db)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        out = clusop("ingest", LOGS, "--db", db)
        assert out.returncode == 2
        assert "read-only" in out.stderr and str(db) in out.stderr
        assert sha(db) == before_sha
    finally:
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert dump(db) == before_rows


def test_a_newer_schema_is_refused(tmp_path):
    db = tmp_path / "c.duckdb"
    one = next(p for p in (LOGS / "none").iterdir() if p.is_file())
    assert clusop("ingest", one, "--db", db).returncode == 0
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE clusop_meta SET value = '999' WHERE key = 'schema_version'")
    before = dump(db)
    out = clusop("ingest", LOGS, "--db", db)
    assert out.returncode == 2
    assert "schema version 999" in out.stderr and "upgrade clusop" in out.stderr
    assert dump(db) == before


def test_ingest_help_names_the_default_file():
    out = clusop("ingest", "--help")
    assert out.returncode == 0 and "clusop.duckdb" in out.stdout and "--db" in out.stdout
