"""Collectors (clusop.collect): local globs, S3 through a real moto server, Databricks job runs
--since through the fake Jobs API (the one mock: collect_servers.py). Every expectation is what
clusop.scan reads from the same logs on the local disk (tests/io/data/spark-3.5.9, written by a
real Spark 3.5.9)."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

pytest.importorskip("fsspec")
pytest.importorskip("s3fs")
pytest.importorskip("moto.server")

import clusop  # noqa: E402
from clusop.collect import collect, scan_listing  # noqa: E402
from clusop.collect.since import parse_since  # noqa: E402

from collect_servers import fake_databricks, moto_s3, upload_tree  # noqa: E402
from conftest import REPO  # noqa: E402

LOGS = REPO / "tests" / "io" / "data" / "spark-3.5.9"


@pytest.fixture(scope="module")
def s3():
    with moto_s3() as options:
        yield options


def test_glob_collects_what_scan_reads():
    folders = sorted(str(p) for p in LOGS.iterdir() if p.is_dir())
    collected = scan_listing(collect(str(LOGS) + "/*/"))
    assert collected.to_json() == clusop.scan(folders).to_json()
    assert len(collected.applications) >= 6


def test_s3_folder_reads_as_the_local_folder(s3):
    upload_tree(s3, LOGS, "s3://clusop-test/spark-3.5.9")
    listing = collect("s3://clusop-test/spark-3.5.9/", storage_options={"s3": s3})
    assert all(f.name.startswith("s3://clusop-test/spark-3.5.9/") for f in listing.files)
    remote = scan_listing(listing).to_json()
    local = clusop.scan(str(LOGS)).to_json()
    assert remote.replace("s3://clusop-test/spark-3.5.9", str(LOGS)) == local


def test_s3_glob_and_a_missing_prefix(s3):
    upload_tree(s3, LOGS / "zstd", "s3://clusop-glob/day=2026-11-30/zstd")
    upload_tree(s3, LOGS / "lz4", "s3://clusop-glob/day=2026-11-29/lz4")
    listing = collect("s3://clusop-glob/day=2026-11-30*/", storage_options={"s3": s3})
    names = sorted(f.name for f in listing.files)
    assert names and all("day=2026-11-30" in n for n in names)
    ids = {a.app_id for a in scan_listing(listing).applications}
    assert ids == {a.app_id for a in clusop.scan(str(LOGS / "zstd")).applications}

    missing = collect("s3://clusop-glob/no-such-prefix/", storage_options={"s3": s3})
    assert not missing.files and missing.issues[0]["problem"] == "missing"
    with pytest.raises(clusop.ScanError) as e:
        scan_listing(missing)
    assert "s3://clusop-glob/no-such-prefix/" in str(e.value) + " ".join(f.path for f in e.value.errors)


def _databricks_tree(root: Path) -> dict:
    """Cluster log delivery folders (<dest>/<cluster_id>/eventlog/<cluster>_<ip>/<context>/eventlog)
    holding real logs, decompressed as Databricks delivers the live one; cluster -> app id."""
    import zstandard

    def plain(p: Path) -> bytes:
        data = p.read_bytes()
        return zstandard.ZstdDecompressor().stream_reader(data).read() if p.suffix == ".zstd" else data

    rolling = next((LOGS / "rolling").glob("eventlog_v2_*/events_1_*"))
    logs = {
        ("cluster-logs", "1130-070000-aaaa1111", "5201"): next((LOGS / "none").iterdir()),
        ("cluster-logs", "1130-080000-bbbb2222", "6301"): next((LOGS / "zstd").glob("*.zstd")),
        ("shared-logs", "0601-000000-cccc3333", "7401"): rolling,
        ("cluster-logs", "1128-070000-eeee5555", "4101"): next((LOGS / "lzf").iterdir()),  # a run older than --since
    }
    apps = {}
    for (dest, cluster, ctx), src in logs.items():
        folder = root / dest / cluster / "eventlog" / f"{cluster}_10_0_0_1" / ctx
        folder.mkdir(parents=True)
        (folder / "eventlog").write_bytes(plain(src))
        apps[cluster] = clusop.scan(str(src)).applications[0].app_id
    return apps


def test_databricks_runs_since(s3, tmp_path, monkeypatch):
    import clusop.collect.databricks as dbx

    apps = _databricks_tree(tmp_path / "tree")
    upload_tree(s3, tmp_path / "tree", "s3://clusop-logs")
    monkeypatch.setattr(dbx, "PAGE_SIZE", 2)  # four runs in the window: two pages
    with fake_databricks() as ws:
        before = datetime.now(timezone.utc)
        listing = collect([], since="24h", databricks_host=ws["host"], databricks_token=ws["token"],
                          storage_options={"s3": s3})
        asked = [p for p in ws["seen"] if p.startswith("/api/2.1/jobs/runs/list")]
    assert len(asked) == 2 and "page_token=2" in asked[1]
    start = int(asked[0].split("start_time_from=")[1].split("&")[0])
    assert abs(start - (before - timedelta(hours=24)).timestamp() * 1000) < 60_000
    result = scan_listing(listing)
    read = {a.app_id for a in result.applications}
    assert read == {apps["1130-070000-aaaa1111"], apps["1130-080000-bbbb2222"], apps["0601-000000-cccc3333"]}
    assert apps["1128-070000-eeee5555"] not in read  # started 48 h ago
    worded = " ".join(f"{e.path} {e.message}" for e in result.errors)
    assert "run 904" in worded and "cluster_log_conf" in worded
    assert any(p.startswith("/api/2.1/clusters/get?cluster_id=0601-000000-cccc3333") for p in ws["seen"])


def test_databricks_bad_token_says_so():
    from clusop.collect.databricks import DatabricksError

    with fake_databricks() as ws:
        with pytest.raises(DatabricksError) as e:
            collect([], since="24h", databricks_host=ws["host"], databricks_token="wrong")
    assert "HTTP 401" in str(e.value) and "token" in str(e.value)


def test_since_forms():
    now = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    assert parse_since("24h", now) == now - timedelta(hours=24)
    assert parse_since("7d", now) == now - timedelta(days=7)
    assert parse_since("90m", now) == now - timedelta(minutes=90)
    assert parse_since("2026-11-30T06:00:00Z", now) == datetime(2026, 11, 30, 6, tzinfo=timezone.utc)
    with pytest.raises(ValueError, match="expected an age such as 24h"):
        parse_since("yesterday", now)


def test_local_since_keeps_recent_files(tmp_path):
    import os

    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(LOGS / "none", old)
    shutil.copytree(LOGS / "lzf", new)
    for f in old.iterdir():
        os.utime(f, (0, 0))
    for f in new.iterdir():
        os.utime(f)  # now (copytree kept the checkout's time)
    listing = collect(str(tmp_path), since="1h")
    assert [Path(f.name).parent.name for f in listing.files] == ["new"]
