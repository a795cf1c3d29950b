#!/usr/bin/env python3
"""Load on `clusop serve`: many simulated listeners on 127.0.0.1 posting signal batches shaped as
the listener's (one new connection per POST, as HttpURLConnection with disconnect()), for a
bounded time. Prints sustained acknowledged batches per second and p50/p99 latency, one JSON
line at the end.

    python serve_load.py --db sqlite                     # a SQLite file in a temporary directory
    python serve_load.py --db postgresql                 # a throwaway PostgreSQL (tests/pg_server.py)
    python serve_load.py --db postgresql://u@h:p/db      # an existing database

Bounds: at most 64 listeners, at most 120 s, 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from serve_helpers import Service, auth, batch_of, post, write_tokens  # noqa: E402

MAX_LISTENERS = 64
MAX_SECONDS = 120


def listener(port: int, app: str, signatures: int, stop_at: float, out: list) -> None:
    seq = 0
    while time.time() < stop_at:
        seq += 1
        doc = batch_of(app, seq, [(f"sig-{k}", seq) for k in range(signatures)])
        data = json.dumps(doc).encode()
        t0 = time.perf_counter()
        try:
            status, _, _ = post(port, data, auth(), timeout=30)
        except OSError:
            status = 0
        out.append((status, time.perf_counter() - t0))


def worker(port: int, first: int, count: int, signatures: int, stop_at: float, q) -> None:
    results: list = []
    threads = [threading.Thread(target=listener, args=(port, f"load-app-{first + i}", signatures, stop_at, results))
               for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q.put(results)


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="sqlite")
    ap.add_argument("--listeners", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--signatures", type=int, default=5, help="signals per batch (shared by every listener)")
    ap.add_argument("--processes", type=int, default=4)
    args = ap.parse_args()
    listeners = max(1, min(args.listeners, MAX_LISTENERS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    work = Path(tempfile.mkdtemp(prefix="clusop-load-"))
    pg = None
    db = args.db
    if db == "sqlite":
        db = str(work / "load.db")
    elif db == "postgresql":
        import pg_server
        why = pg_server.why_not()
        if why:
            print(f"serve_load: {why}", file=sys.stderr)
            return 2
        pg = pg_server.PostgresServer().init()
        db = pg.url
    svc = Service(db, write_tokens(work), work, "--rate", "1000000", "--burst", "1000000").start()
    try:
        stop_at = time.time() + seconds
        q = mp.Queue()
        procs = []
        per = [listeners // args.processes + (1 if i < listeners % args.processes else 0) for i in range(args.processes)]
        first = 0
        for n in per:
            if n:
                procs.append(mp.Process(target=worker, args=(svc.port, first, n, args.signatures, stop_at, q)))
                first += n
        t0 = time.time()
        for p in procs:
            p.start()
        results = []
        for _ in procs:
            results.extend(q.get())
        for p in procs:
            p.join()
        elapsed = time.time() - t0
    finally:
        svc.stop()
        if pg is not None:
            pg.destroy()
    ok = [lat for status, lat in results if status == 200]
    figures = {
        "store": "postgresql" if db.startswith("postgres") else "sqlite",
        "listeners": listeners, "seconds": round(elapsed, 1), "signals_per_batch": args.signatures,
        "batches_acknowledged": len(ok), "batches_failed": len(results) - len(ok),
        "batches_per_second": round(len(ok) / elapsed, 1),
        "p50_ms": round(1000 * percentile(ok, 50), 1) if ok else None,
        "p99_ms": round(1000 * percentile(ok, 99), 1) if ok else None,
    }
    print(f"{figures['store']}: {figures['batches_per_second']} batches/s acknowledged from {listeners} listeners "
          f"over {figures['seconds']} s, p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, "
          f"{figures['batches_failed']} failed")
    print(json.dumps(figures))
    return 0 if figures["batches_failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
