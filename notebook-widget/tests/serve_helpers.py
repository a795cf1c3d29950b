"""Helpers of test_serve.py: the service as a child process (`clusop serve`), batches shaped as
the listener sends them, and a small HTTP client (the standard library's, as plain as the
listener's HttpURLConnection)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import http.client
from pathlib import Path
from typing import Dict, List, Optional, Tuple

TOKENS = {"ws-alpha": "alpha-token-0123456789abcdef", "ws-beta": "beta-token-0123456789abcdef",
          "1234567890123456": "dbx-workspace-token-0123456789"}


def write_tokens(dir: Path) -> Path:
    p = dir / "tokens.json"
    p.write_text(json.dumps(TOKENS))
    return p


def auth(ws: str = "ws-alpha") -> Dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[ws]}", "Content-Type": "application/json; charset=utf-8"}


def signal_of(app_id: str, signature: str, seq: int, count: int, *, plan: str = "Project [id#0L]\n+- Range (0, 10)",
              waste: Optional[float] = 0.25, final: bool = False) -> dict:
    """One signal as SignalBatcher.drain writes it (cumulative totals for its application)."""
    return {
        "schema": "clusop.signal/1", "signature": signature, "app_id": app_id, "app_name": "t",
        "spark_version": "3.5.9", "clusop_version": "0.1.0", "listener_version": "0.1.0",
        "cluster": {"source": "conf", "cloud": "aws", "node_type": "i3.xlarge", "workers": 4},
        "cause": "python_udf", "count": count, "total_runtime_seconds": 1.5 * count,
        "total_waste_usd": None if waste is None else waste * count, "priced_runs": 0 if waste is None else count,
        "first_seen": "2026-11-30T10:00:00Z", "last_seen": f"2026-11-30T10:{count % 60:02d}:00Z", "dropped": 0,
        "flush": {"seq": seq, "final": final, "at": "2026-11-30T10:00:00Z"},
        "sample": {"func_name": "collect", "seen_at": "2026-11-30T10:00:00Z", "runtime_seconds": 1.5,
                   "plan_chars": len(plan), "plan_truncated": False, "plan": plan, "request": {}},
        "analysis": {"signature": signature, "verdict": {"kind": "fix_fallback", "cause": "python_udf"}},
    }


def batch_of(app_id: str, seq: int, signatures: List[Tuple[str, int]], **kw) -> dict:
    return {"schema": "clusop.signal_batch/1", "app_id": app_id,
            "signals": [signal_of(app_id, s, seq, c, **kw) for s, c in signatures]}


def post(port: int, body: bytes, headers: Dict[str, str], path: str = "/v1/signals", method: str = "POST",
         timeout: float = 10.0) -> Tuple[int, dict, Dict[str, str]]:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        try:
            doc = json.loads(data) if data else {}
        except ValueError:
            doc = {"text": data.decode("utf-8", "replace")}
        return r.status, doc, {k.lower(): v for k, v in r.getheaders()}
    finally:
        c.close()


def get(port: int, path: str, headers: Optional[Dict[str, str]] = None):
    return post(port, b"", headers or {}, path=path, method="GET")


class Service:
    """`clusop serve` in a child process; start() returns once it listens (its ready file)."""

    def __init__(self, db: str, tokens: Path, workdir: Path, *extra: str):
        self.db, self.tokens, self.workdir, self.extra = db, tokens, workdir, list(extra)
        self.proc: Optional[subprocess.Popen] = None
        self.port = 0
        self.log = workdir / "serve.log"

    def start(self, deadline_s: float = 60.0) -> "Service":
        ready = self.workdir / "serve.port"
        if ready.exists():
            ready.unlink()
        code = "import sys; from clusop.commands import main; sys.exit(main(sys.argv[1:]))"
        args = [sys.executable, "-c", code, "serve", "--db", self.db, "--tokens", str(self.tokens),
                "--port", "0", "--ready-file", str(ready), *self.extra]
        self.proc = subprocess.Popen(args, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT,
                                     env=dict(os.environ, CLUSOP_AUTOLOAD="0"))
        end = time.monotonic() + deadline_s
        while not ready.exists():
            if self.proc.poll() is not None:
                raise AssertionError(f"clusop serve exited {self.proc.returncode}: {self.log.read_text()[-3000:]}")
            if time.monotonic() > end:
                raise AssertionError(f"clusop serve did not listen within {deadline_s}s: {self.log.read_text()[-3000:]}")
            time.sleep(0.02)
        self.port = int(ready.read_text())
        return self

    def kill9(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(30)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")
