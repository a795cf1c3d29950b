"""A local stand-in for the three GitHub REST endpoints `clusop loop` calls (list the open pull
requests of a head branch, open one, update one). GitHub's API is the one boundary the tests
cannot reach; this server keeps the pull requests in memory and checks the token."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List
from urllib.parse import parse_qs, urlparse

TOKEN = "test-token-for-the-local-forge"


class Forge:
    def __init__(self, repo: str):
        self.repo = repo
        self.pulls: List[Dict] = []
        self.requests: List[str] = []
        forge = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, code: int, body) -> None:
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                forge.requests.append(f"{method} {self.path}")
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._answer(401, {"message": "Bad credentials"})
                url = urlparse(self.path)
                prefix = f"/repos/{forge.repo}/pulls"
                if not url.path.startswith(prefix):
                    return self._answer(404, {"message": "Not Found"})
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                if method == "GET" and url.path == prefix:
                    q = parse_qs(url.query)
                    head = q.get("head", [""])[0].split(":", 1)[-1]
                    state = q.get("state", ["open"])[0]
                    return self._answer(200, [p for p in forge.pulls if p["head"]["ref"] == head and p["state"] == state])
                if method == "POST" and url.path == prefix:
                    if any(p["head"]["ref"] == body["head"] and p["state"] == "open" for p in forge.pulls):
                        return self._answer(422, {"message": "A pull request already exists"})
                    n = len(forge.pulls) + 1
                    pr = {"number": n, "state": "open", "title": body["title"], "body": body["body"],
                          "head": {"ref": body["head"]}, "base": {"ref": body["base"]},
                          "html_url": f"http://forge.local/{forge.repo}/pull/{n}"}
                    forge.pulls.append(pr)
                    return self._answer(201, pr)
                if method == "PATCH" and url.path.startswith(prefix + "/"):
                    n = int(url.path.rsplit("/", 1)[1])
                    pr = next((p for p in forge.pulls if p["number"] == n), None)
                    if pr is None:
                        return self._answer(404, {"message": "Not Found"})
                    pr.update({k: v for k, v in body.items() if k in ("title", "body")})
                    return self._answer(200, pr)
                return self._answer(405, {"message": "Method Not Allowed"})

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

            def do_PATCH(self):
                self._handle("PATCH")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
