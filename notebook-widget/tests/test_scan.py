"""clusop.scan on real event logs from the corpus (../shared/corpus/eventlogs; skipped when absent).

every count the tests expect is taken from the log itself here, with the standard library's
json (and zstandard / gzip / zipfile to decompress), never from clusop's own output: stage
attempts are the distinct (Stage ID, Stage Attempt ID) of StageSubmitted / StageCompleted
events, SQL executions the distinct executionId of SQLExecutionStart events.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import zipfile
from html import escape
from pathlib import Path

import pytest

import clusop
from clusop._scan_html import _CELL
from clusop._scan_model import ScanResult

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("CLUSOP_CORPUS_DIR") or (REPO.parent / "shared" / "corpus")) / "eventlogs"

PLAIN = "apache-spark/spark-events/local-1642039451826"
ZSTD = "mcp-apache-spark-history-server/spark-events/application_1713000000000_0001_2.zstd"
ROLLING = "spark-rapids-tools/spark-events-qualification/eventlog_v2_local-1623876083964"
DATABRICKS = "spark_log_parser/databricks-rollover/databricks_example_1"
MANY_APPS = "apache-spark/spark-events"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no event-log corpus at {CORPUS}")


def corpus(rel: str) -> Path:
    p = CORPUS / rel
    if not p.exists():
        pytest.skip(f"{p} is not in this corpus")
    return p


# ---------------------------------------------------------------- independent counting
STAGE_EVENTS = ('"SparkListenerStageSubmitted"', '"SparkListenerStageCompleted"')


def _lines(path: Path):
    """The decompressed lines of one log file (plain, zstd, gzip), read as a stream."""
    with open(path, "rb") as raw:
        magic = raw.read(4)
    if magic == b"\x28\xb5\x2f\xfd":
        import zstandard

        with open(path, "rb") as raw:
            reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
            yield from io.TextIOWrapper(reader, encoding="utf-8", errors="replace")
    elif magic[:2] == b"\x1f\x8b":
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            yield from f
    else:
        with open(path, encoding="utf-8", errors="replace") as f:
            yield from f


def facts_of(paths):
    """Stage attempts that ran, stages skipped, SQL execution ids, Spark version, application id
    (from the JSON lines)."""
    stages, listed, sql, version, app_id, attempt, ended = set(), set(), set(), None, None, None, False
    for path in paths:
        for line in _lines(path):
            if not line.startswith("{"):
                continue
            if any(e in line for e in STAGE_EVENTS):
                info = json.loads(line)["Stage Info"]
                stages.add((info["Stage ID"], info.get("Stage Attempt ID", 0)))
            elif '"SparkListenerJobStart"' in line:
                for info in json.loads(line).get("Stage Infos") or []:
                    listed.add((info["Stage ID"], info.get("Stage Attempt ID", 0)))
            elif "SparkListenerSQLExecutionStart" in line:
                sql.add(json.loads(line)["executionId"])
            elif '"SparkListenerLogStart"' in line:
                version = json.loads(line)["Spark Version"]
            elif '"SparkListenerApplicationStart"' in line:
                start = json.loads(line)
                app_id, attempt = start.get("App ID"), start.get("App Attempt ID")
            elif '"SparkListenerApplicationEnd"' in line:
                ended = True
    ran = {stage_id for stage_id, _ in stages}
    skipped = {s for s in listed if s[0] not in ran}
    return {"app_id": app_id, "attempt": attempt, "complete": ended, "stages": stages, "skipped": skipped,
            "sql": sql, "spark_version": version}


def assert_matches(result: ScanResult, facts) -> None:
    assert len(result.applications) == 1, result.to_dict()["errors"]
    app = result.applications[0]
    assert {(s.stage_id, s.attempt) for s in app.stages if s.raw["status"] != "skipped"} == facts["stages"]
    assert {(s.stage_id, s.attempt) for s in app.stages if s.raw["status"] == "skipped"} == facts["skipped"]
    assert {e.execution_id for e in app.sql_executions} == facts["sql"]
    if facts["spark_version"]:
        assert app.spark_version == facts["spark_version"]
    if facts["app_id"]:
        assert app.app_id == facts["app_id"]
    st, sq = result.stages_df(), result.sql_df()
    assert st.shape[0] == len(facts["stages"]) + len(facts["skipped"]) and sq.shape[0] == len(facts["sql"])
    assert list(st.columns[:4]) == ["app_id", "app_attempt", "stage_id", "attempt"]
    assert set(st["app_id"]) <= {app.app_id}
    assert {"skew_ratio", "task_duration_ms_p50", "task_duration_ms_p95", "task_duration_ms_max",
            "memory_spilled_bytes", "disk_spilled_bytes", "shuffle_read_bytes", "shuffle_write_bytes",
            "executor_run_time_ms", "num_tasks", "failed_tasks"} <= set(st.columns)
    assert {"execution_id", "description", "duration_ms", "verdict", "cause", "fallback_weight"} <= set(sq.columns)


# ---------------------------------------------------------------- one log, each layout
@needs_corpus
def test_plain_log():
    path = corpus(PLAIN)
    facts = facts_of([path])
    assert len(facts["sql"]) == 2  # the corpus README: 2 SQL executions, 6 AQE updates
    r = clusop.scan(str(path))
    assert_matches(r, facts)
    assert r.errors == []
    for e in r.applications[0].sql_executions:
        # each execution carries the existing plan analysis of its final plan
        assert e.analysis is not None and e.analysis.schema == "clusop.analysis/1"
        assert e.analysis.parse.plan_state == "final"


@needs_corpus
def test_zstd_log():
    path = corpus(ZSTD)
    facts = facts_of([path])
    assert len(facts["sql"]) == 10
    assert_matches(clusop.scan(path), facts)


@needs_corpus
def test_rolling_folder():
    folder = corpus(ROLLING)
    parts = sorted(folder.glob("events_*"), key=lambda p: int(p.name.split("_")[1]))
    assert len(parts) == 2
    facts = facts_of(parts)
    r = clusop.scan(folder)
    assert_matches(r, facts)
    read = r.applications[0].raw["read"]["parts"]
    assert [Path(p["path"]).name for p in read] == [p.name for p in parts]


@needs_corpus
def test_databricks_rotated_folder():
    folder = corpus(DATABRICKS)
    # rotated parts in date order, the live `eventlog` last
    parts = sorted(folder.glob("eventlog-*.gz")) + [folder / "eventlog"]
    facts = facts_of(parts)
    r = clusop.scan(folder)
    assert_matches(r, facts)
    assert [Path(p["path"]).name for p in r.applications[0].raw["read"]["parts"]] == [p.name for p in parts]
    # databricks_pricing.json is a foreign file: left out, and said so
    assert [Path(e.path).name for e in r.errors] == ["databricks_pricing.json"]
    assert r.errors[0].message.startswith("skipped: ")


@needs_corpus
def test_folder_of_several_applications():
    folder = corpus(MANY_APPS)
    files = sorted(p for p in folder.iterdir() if p.is_file())
    expected = {facts_of([p])["app_id"]: facts_of([p]) for p in files}
    r = clusop.scan(folder)
    assert len(r.applications) == len(files) == 4
    assert {a.app_id for a in r.applications} == set(expected)
    for app in r.applications:
        f = expected[app.app_id]
        assert {(s.stage_id, s.attempt) for s in app.stages} == f["stages"] | f["skipped"]
    count = {k: len(f["stages"]) + len(f["skipped"]) for k, f in expected.items()}
    st = r.stages_df()
    assert st.shape[0] == sum(count.values())
    assert st.groupby("app_id").size().to_dict() == {k: n for k, n in count.items() if n}
    assert r.sql_df().shape[0] == sum(len(f["sql"]) for f in expected.values())


@needs_corpus
def test_zip_archive_and_bytes_read_like_the_file(tmp_path):
    path = corpus(PLAIN)
    archive = tmp_path / "logs.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.write(path, arcname=f"inner/{path.name}")
    facts = facts_of([path])
    zipped = clusop.scan(archive)
    assert_matches(zipped, facts)
    assert zipped.applications[0].raw["read"]["parts"][0]["path"] == f"{archive}/inner/{path.name}"
    in_memory = clusop.scan(path.read_bytes())
    assert_matches(in_memory, facts)


@needs_corpus
def test_attempts_and_an_application_cut_short():
    folder = corpus("mcp-apache-spark-history-server/spark-events")
    files = sorted(p for p in folder.iterdir() if p.is_file())
    expected = {(f["app_id"], None if f["attempt"] is None else str(f["attempt"])): f
                for f in (facts_of([p]) for p in files)}
    r = clusop.scan(folder)
    assert {(a.app_id, a.attempt) for a in r.applications} == set(expected)
    for a in r.applications:
        f = expected[(a.app_id, a.attempt)]
        # attempt 1 of the rewritten YARN application has no ApplicationEnd: the JVM was halted
        assert a.complete == f["complete"]
        assert {(s.stage_id, s.attempt) for s in a.stages if s.raw["status"] != "skipped"} == f["stages"]
        assert {e.execution_id for e in a.sql_executions} == f["sql"]
    assert sorted(a.complete for a in r.applications) == [False, True, True, True]
    sq = r.sql_df()
    assert sq.groupby(["app_id", "app_attempt"], dropna=False).size().sum() == sum(len(f["sql"]) for f in expected.values())


# ---------------------------------------------------------------- bad input
@needs_corpus
def test_bad_files_among_good_ones(tmp_path):
    good = corpus(PLAIN)
    noise = tmp_path / "noise.bin"
    noise.write_bytes(bytes(range(256)) * 64)
    plan = tmp_path / "plan"
    plan.write_text("== Physical Plan ==\n*(1) Project [id#0L]\n+- *(1) Range (0, 10, step=1, splits=2)\n")
    missing = tmp_path / "gone"
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.write(good, arcname="app-1")
    data = bytearray(broken.read_bytes())
    middle = len(data) // 3
    data[middle:middle + 64] = bytes(64)  # a hole in the deflate stream of the member
    broken.write_bytes(bytes(data))
    r = clusop.scan([good, noise, plan, missing, broken])
    # the good log is read whole; what the broken member gave before the hole may be kept
    # (an incomplete application), and its damage is reported against it
    assert facts_of([good])["app_id"] in [a.app_id for a in r.applications]
    for a in r.applications:
        if a.app_id != facts_of([good])["app_id"]:
            assert a.complete is False and [e.path for e in a.errors] == [f"{broken}/app-1"]
    by_path = {e.path: e.message for e in r.errors}
    assert set(by_path) == {str(noise), str(plan), str(missing), f"{broken}/app-1"}
    # the core's words on what each is (analysis/input_kind.cpp), not a scan of nothing
    assert by_path[str(noise)].startswith("binary data") and "expected a Spark event log" in by_path[str(noise)]
    assert by_path[str(plan)].startswith("text that is not a Spark event log")
    assert "No such file" in by_path[str(missing)]


def test_nothing_readable_raises(tmp_path):
    noise = tmp_path / "noise.bin"
    noise.write_bytes(b"\x00\x01\x02\xff" * 1000)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(clusop.ScanError) as e:
        clusop.scan([noise, empty])
    assert "expected" in str(e.value)
    assert {x.path for x in e.value.errors} == {str(noise), str(empty)}


# ---------------------------------------------------------------- arguments
@needs_corpus
def test_str_and_pathlike_give_the_same_document():
    path = corpus(PLAIN)
    assert clusop.scan(str(path)).to_json() == clusop.scan(path).to_json() == clusop.scan([path]).to_json()


@needs_corpus
def test_threads_do_not_change_the_document():
    folder = corpus(MANY_APPS)
    assert clusop.scan(folder, jobs=1).to_json() == clusop.scan(folder, jobs=4).to_json()


@needs_corpus
@pytest.mark.parametrize("setting, listed", [
    ({"cloud": "oracle"}, ["aws", "azure", "gcp"]),
    ({"engine": "velox"}, ["photon", "comet", "gluten", "rapids"]),
    ({"tier": "gold"}, ["premium", "standard"]),
    ({"sku": "spot"}, ["jobs", "all_purpose"]),
])
def test_unknown_values_are_rejected_with_the_accepted_ones(setting, listed):
    with pytest.raises(ValueError) as e:
        clusop.scan(corpus(PLAIN), **setting)
    for word in listed + [str(next(iter(setting.values())))]:
        assert word in str(e.value)


def test_unknown_setting_and_bad_numbers():
    with pytest.raises(TypeError):
        clusop.scan("/nonexistent", colour="red")
    with pytest.raises(ValueError):
        clusop.scan("/nonexistent", workers=-2)
    with pytest.raises(ValueError):
        clusop.scan("/nonexistent", jobs=0)
    with pytest.raises(TypeError):
        clusop.scan(42)


@needs_corpus
def test_given_cluster_prices_the_executions():
    r = clusop.scan(corpus(PLAIN), photon_enabled=True, cloud="aws", node_type="i3.xlarge",
                    driver_node_type="i3.xlarge", workers=4)
    analyses = [e.analysis for e in r.applications[0].sql_executions]
    assert all(a.request == {} and a.waste.basis == "modeled" for a in analyses)
    assert all(a.waste.inputs is None or a.waste.inputs.node_type == "i3.xlarge" for a in analyses)


# ---------------------------------------------------------------- presentation
def test_repr_is_short_and_html_escapes():
    app = {"app_id": "<b>app</b>", "attempt": None, "spark_version": "3.5.1", "complete": True,
           "stages": [{"stage_id": i, "attempt": 0, "num_tasks": 10, "executor_run_time_ms": i,
                       "task_duration_ms": {"p50": 1, "p95": 2, "max": 3}, "skew_ratio": 3.0}
                      for i in range(2000)],
           "sql_executions": []}
    doc = {"schema": "clusop.scan/1", "applications": [app],
           "errors": [{"path": "<img src=x onerror=alert(1)>", "message": "bad"}]}
    r = ScanResult.from_json(json.dumps(doc))
    assert len(repr(r)) < 200 and "2000 stage attempts" in repr(r)
    html = r._repr_html_()
    assert "<img" not in html and "&lt;img" in html and "<b>app</b>" not in html
    assert html.count("<tr>") == 1 + 10  # header and the ten worst stages


# ---------------------------------------------------------------- parity with the command line
def cli_path():
    for p in (os.environ.get("CLUSOP_CLI"), REPO / "build" / "release" / "clusop", REPO / "build" / "cli" / "clusop"):
        if p and Path(p).is_file() and os.access(p, os.X_OK):
            probe = subprocess.run([str(p), "scan", "--help"], capture_output=True, text=True)
            if probe.returncode == 0:
                return str(p)
    return None


@needs_corpus
@pytest.mark.parametrize("inputs", [[PLAIN], [ZSTD], [ROLLING], [DATABRICKS], [MANY_APPS],
                                    [PLAIN, "no/such/file"],
                                    # damaged Databricks layouts (warnings), foreign files, archives
                                    ["spark_log_parser/bad"], ["spark_log_parser/databricks-rollover-messy.zip"]])
def test_same_json_as_the_cli(inputs):
    cli = cli_path()
    if cli is None:
        pytest.skip("no clusop CLI with `scan` (set CLUSOP_CLI or build build/release/clusop)")
    paths = [str(CORPUS / p) for p in inputs]
    out = subprocess.run([cli, "scan", "--format", "json", *paths], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    assert clusop.scan(paths).to_json() == out.stdout.rstrip("\n")


@needs_corpus
def test_same_json_as_the_cli_on_bad_files_and_a_zip(tmp_path):
    cli = cli_path()
    if cli is None:
        pytest.skip("no clusop CLI with `scan` (set CLUSOP_CLI or build build/release/clusop)")
    good = corpus(PLAIN)
    archive = tmp_path / "logs.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.write(corpus(ZSTD), arcname=f"a/{Path(ZSTD).name}")
    noise = tmp_path / "noise.bin"
    noise.write_bytes(bytes(range(256)) * 64)
    empty = tmp_path / "empty_eventlog"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.zip"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2:len(data) // 2 + 64] = bytes(64)
    broken.write_bytes(bytes(data))
    paths = [str(p) for p in (good, archive, noise, empty, tmp_path / "gone", broken)]
    out = subprocess.run([cli, "scan", "--format", "json", *paths], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    r = clusop.scan(paths)
    assert len(r.applications) >= 2 and len(r.errors) >= 4
    assert r.to_json() == out.stdout.rstrip("\n")


@needs_corpus
def test_show_gives_the_scan_widget_with_a_static_fallback():
    r = clusop.scan(corpus(PLAIN))
    w = clusop.scan_widget(r)
    assert w.kind == "scan" and w.scan_json == r.to_json()
    html = w._repr_html_()
    app = r.applications[0]
    assert app.app_id in html and html.count("<tr>") == 1 + min(10, len(app.stages))
    # every figure of the static view is the core's words for it, none formatted in Python
    doc = r.to_dict()["applications"][0]
    worst = max(doc["stages"], key=lambda s: s["executor_run_time_ms"])
    d = worst["task_duration_ms"]
    assert f'<td style="{_CELL}">{escape(worst["executor_run_time_ms_text"])}</td>' in html
    assert escape(f'{d["p50_text"]} / {d["p95_text"]} / {d["max_text"]}') in html
    assert escape(worst["memory_spilled_bytes_text"]) in html
    with pytest.raises(TypeError):
        clusop.scan_widget("not a scan")


SPARK_LOG = REPO / "tests" / "io" / "data" / "spark-3.5.9" / "none" / "local-1796014104063"


def test_databricks_part_saved_as_zip_in_gzip_is_read(tmp_path):
    """A rotated part delivered as eventlog-<date>.zip.gz (a zip inside a gzip) keeps its place in
    the rotation and is read through both, as the plain log it came from (split here in three)."""
    lines = SPARK_LOG.read_bytes().splitlines(keepends=True)
    third = len(lines) // 3
    folder = tmp_path / "cluster-1" / "eventlog" / "ctx"
    folder.mkdir(parents=True)
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("eventlog-2026-01-01--00-00", b"".join(lines[:third]))
    (folder / "eventlog-2026-01-01--00-00.zip.gz").write_bytes(gzip.compress(inner.getvalue()))
    (folder / "eventlog-2026-01-01--01-00.gz").write_bytes(gzip.compress(b"".join(lines[third:2 * third])))
    (folder / "eventlog").write_bytes(b"".join(lines[2 * third:]))
    r = clusop.scan(tmp_path)
    assert r.errors == [], r.errors
    assert_matches(r, facts_of([SPARK_LOG]))
    parts = r.applications[0].raw["read"]["parts"]
    assert [Path(p["path"]).name for p in parts] == ["eventlog-2026-01-01--00-00.zip.gz",
                                                      "eventlog-2026-01-01--01-00.gz", "eventlog"]
    assert parts[0]["codec"] == "gzip" and not parts[0]["truncated"]
    cli = cli_path()
    if cli is not None:
        out = subprocess.run([cli, "scan", "--format", "json", str(tmp_path)], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert r.to_json() == out.stdout.rstrip("\n")


def test_listing_and_layout_errors_in_the_cores_words(tmp_path):
    """The errors a scan lists are worded by the core (clusop_scan_document): a missing path, an
    empty folder, a damaged rolling layout named by its folder (not the application's key)."""
    rolling = tmp_path / "eventlog_v2_local-1796014104063"
    rolling.mkdir()
    lines = SPARK_LOG.read_bytes().splitlines(keepends=True)
    half = len(lines) // 2
    (rolling / "events_1_local-1796014104063").write_bytes(b"".join(lines[:half]))
    (rolling / "events_3_local-1796014104063").write_bytes(b"".join(lines[half:]))
    (tmp_path / "empty").mkdir()
    r = clusop.scan([rolling, tmp_path / "empty", tmp_path / "gone"])
    by_path = {}
    for e in r.errors:
        by_path.setdefault(e.path, []).append(e.message)
    assert by_path[str(tmp_path / "empty")] == ["the folder holds no files (expected event logs)"]
    assert by_path[str(tmp_path / "gone")][0].startswith("cannot read: No such file")
    assert by_path[str(rolling)] == ["layout: rolling part 2 is missing",
                                     f"layout: no appstatus_ marker in {rolling.name}"]
    assert "local-1796014104063" not in by_path
