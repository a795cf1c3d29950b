"""Local servers for the collector tests, each ready when its context opens (an event or a
bound socket, never a sleep):

- S3: moto's server (moto[server] from PyPI) in this process on a free port: a real HTTP S3
  endpoint that s3fs talks to as it would to AWS.
- Databricks: THE ONE MOCK. The Jobs API cannot be reached from a test, so a local HTTP server
  answers runs/list and clusters/get with recorded-shape JSON (collect_data/databricks/runs.json),
  filtering by start_time_from and paging by limit/page_token as the real API does, and refusing
  a request without the expected bearer token."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Iterator, List

DATA = Path(__file__).resolve().parent / "collect_data"
S3_KEYS = {"key": "testing", "secret": "testing", "client_kwargs": {"region_name": "us-east-1"}}


@contextlib.contextmanager
def moto_s3() -> Iterator[Dict]:
    """Yields fsspec storage options for s3:// against a fresh moto server."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()  # returns once the server is bound (moto sets an Event)
    host, port = server.get_host_and_port()
    try:
        yield dict(S3_KEYS, endpoint_url=f"http://{host}:{port}")
    finally:
        server.stop()


def upload_tree(options: Dict, local_root: Path, url: str) -> List[str]:
    """Copies every file under local_root to url (s3://bucket/prefix), creating the bucket."""
    import s3fs

    fs = s3fs.S3FileSystem(**options)
    bucket = url[len("s3://"):].split("/", 1)[0]
    if not fs.exists(bucket):
        import boto3

        boto3.client("s3", endpoint_url=options["endpoint_url"], aws_access_key_id=options["key"],
                     aws_secret_access_key=options["secret"], region_name="us-east-1").create_bucket(Bucket=bucket)
    keys = []
    for f in sorted(p for p in local_root.rglob("*") if p.is_file()):
        key = url.rstrip("/") + "/" + f.relative_to(local_root).as_posix()
        fs.pipe_file(key, f.read_bytes())
        keys.append(key)
    fs.invalidate_cache()
    return keys


class _Fake(BaseHTTPRequestHandler):
    token = "dapi-test-token"
    runs: List[Dict] = []
    clusters: Dict[str, Dict] = {}
    seen: List[str] = []

    def log_message(self, *args):  # quiet
        pass

    def _send(self, code: int, doc: Dict) -> None:
        body = json.dumps(doc).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.seen.append(self.path)
        if self.headers.get("Authorization") != f"Bearer {self.token}":
            return self._send(401, {"error_code": "UNAUTHENTICATED", "message": "Invalid access token."})
        url = urllib.parse.urlparse(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/api/2.1/jobs/runs/list":
            start = int(q.get("start_time_from", 0))
            limit = int(q.get("limit", 20))
            if limit > 25:
                return self._send(400, {"error_code": "INVALID_PARAMETER_VALUE", "message": "limit must be at most 25"})
            chosen = [r for r in self.runs if r["start_time"] >= start]
            offset = int(q.get("page_token") or 0)
            page = chosen[offset:offset + limit]
            more = offset + limit < len(chosen)
            doc = {"runs": page, "has_more": more}
            if more:
                doc["next_page_token"] = str(offset + limit)
            return self._send(200, doc)
        if url.path == "/api/2.1/clusters/get":
            c = self.clusters.get(q.get("cluster_id", ""))
            if c is None:
                return self._send(400, {"error_code": "INVALID_PARAMETER_VALUE",
                                        "message": f"Cluster {q.get('cluster_id')} does not exist"})
            return self._send(200, c)
        return self._send(404, {"error_code": "ENDPOINT_NOT_FOUND", "message": f"No API found for {url.path}"})


def _with_times(run: Dict, now_ms: int) -> Dict:
    run = json.loads(json.dumps(run))
    for unit in [run] + run.get("tasks", []):
        if "start_time_offset_ms" in unit:
            unit["start_time"] = now_ms + unit.pop("start_time_offset_ms")
    return run


@contextlib.contextmanager
def fake_databricks(page_size_note: str = "") -> Iterator[Dict]:
    """Yields {"host", "token", "seen" (request paths), "runs"} of a fake workspace."""
    recorded = json.loads((DATA / "databricks" / "runs.json").read_text())
    now_ms = int(time.time() * 1000)
    handler = type("FakeWorkspace", (_Fake,), {
        "runs": [_with_times(r, now_ms) for r in recorded["runs"]],
        "clusters": recorded["clusters"], "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # bound and listening on return
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"host": f"http://127.0.0.1:{server.server_address[1]}", "token": handler.token,
               "seen": handler.seen, "runs": handler.runs}
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
