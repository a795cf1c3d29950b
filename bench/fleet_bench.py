"""Fleet-job figures: logs per minute per core of clusop.fleet on a local Spark with Delta, and
ingest throughput into Delta (the MERGE) beside the embedded DuckDB store on the same logs.

    build/fleet-venv/bin/python bench/fleet_bench.py [--cores 2] [--runs 2] [PATH...]

PATH defaults to the repository's real Spark 3.5.9 logs and $CLUSOP_CORPUS/eventlogs (or
/work/shared/corpus/eventlogs) when present. Each run ingests into a fresh Delta folder (so
every MERGE inserts); the first run also pays the JVM's warm-up and is reported apart. Prints one
JSON object. Not a test: figures depend on the machine and its load (the load average is
printed with them)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def default_paths():
    paths = [str(REPO / "tests" / "io" / "data" / "spark-3.5.9")]
    corpus = Path(os.environ.get("CLUSOP_CORPUS", "/work/shared/corpus")) / "eventlogs"
    if corpus.is_dir():
        paths.append(str(corpus))
    return paths


def duckdb_ingest(paths, work):
    import clusop
    from clusop.store.duckdb_store import DuckDBStore
    from clusop.store.rows import application_rows

    t0 = time.monotonic()
    result = clusop.scan(paths, jobs=1)
    t1 = time.monotonic()
    rows = 0
    at = datetime.now(timezone.utc)
    with DuckDBStore(str(Path(work) / "bench.duckdb")) as store:
        for app in result.to_dict()["applications"]:
            rows += sum(store.write_application(application_rows(app, at)).values())
    t2 = time.monotonic()
    return {"applications": len(result.applications), "scan_s": round(t1 - t0, 2),
            "write_s": round(t2 - t1, 2), "rows": rows, "rows_per_s": round(rows / max(t2 - t1, 1e-9))}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args(argv)
    paths = args.paths or default_paths()

    from clusop.collect import collect
    from clusop.fleet import delta_session, ingest

    listing = collect(paths)
    work = tempfile.mkdtemp(prefix="clusop-fleet-bench-")
    out = {"paths": paths, "files": len(listing.files), "mb": round(listing.bytes / 1e6, 1),
           "cores": args.cores, "load_average": os.getloadavg(), "runs": []}
    try:
        out["duckdb"] = duckdb_ingest(paths, work)
        spark = delta_session("clusop-fleet-bench", master=f"local[{args.cores}]", conf={
            "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": str(args.cores), "spark.databricks.delta.snapshotPartitions": "1",
            "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
            "spark.driver.memory": "2g"})
        spark.sparkContext.setLogLevel("ERROR")
        for i in range(args.runs):
            root = str(Path(work) / f"delta-{i}")
            t0 = time.monotonic()
            r = ingest(spark, paths, root, listing=listing, partitions=4 * args.cores)
            total = time.monotonic() - t0
            rows = sum(w.inserted for w in r.written.values())
            out["runs"].append({
                "warm_up_run": i == 0, "applications": r.applications, "read": r.read,
                "read_s": round(r.seconds_read, 2), "merge_s": round(r.seconds_merge, 2), "total_s": round(total, 2),
                "logs_per_min_per_core": round(r.read / (r.seconds_read / 60) / args.cores, 1),
                "mb_per_s_per_core": round(listing.bytes / 1e6 / r.seconds_read / args.cores, 2),
                "rows_merged": rows, "merge_rows_per_s": round(rows / max(r.seconds_merge, 1e-9)),
                "errors": len(r.errors)})
        spark.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
