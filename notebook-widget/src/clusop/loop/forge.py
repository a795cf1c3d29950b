"""The pull request through GitHub's REST API (the one boundary the tests cannot reach: they
run a local server implementing these endpoints). One open PR per branch: re-running updates it.

  GET   {api}/repos/{owner}/{repo}/pulls?head={owner}:{branch}&state=open
  POST  {api}/repos/{owner}/{repo}/pulls              {title, head, base, body}
  PATCH {api}/repos/{owner}/{repo}/pulls/{number}     {title, body}
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, Optional

DEFAULT_API = "https://api.github.com"
TOKEN_VARIABLES = ("CLUSOP_GITHUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN")


class ForgeError(Exception):
    """The forge refused a request or could not be reached: the endpoint and its answer."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    url: str
    created: bool  # False: an open one was updated


def token_from_environment() -> Optional[str]:
    for name in TOKEN_VARIABLES:
        if os.environ.get(name):
            return os.environ[name]
    return None


class GitHub:
    def __init__(self, repo: str, token: str, api_url: Optional[str] = None, timeout: float = 30.0):
        if repo.count("/") != 1:
            raise ForgeError(f"repository {repo!r}: expected owner/name")
        self.repo = repo
        self.token = token
        self.api = (api_url or os.environ.get("GITHUB_API_URL") or DEFAULT_API).rstrip("/")
        self.timeout = timeout

    def _call(self, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Any:
        url = f"{self.api}{path}"
        data = json.dumps(body).encode("utf-8") if body is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": "application/vnd.github+json", "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "clusop-loop",
            **({"Content-Type": "application/json"} if data is not None else {})})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return json.loads(resp.read().decode("utf-8") or "null")
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")[:500]
            raise ForgeError(f"{method} {url}: HTTP {e.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as e:
            raise ForgeError(f"{method} {url}: {e}") from None

    def open_or_update(self, branch: str, base: str, title: str, body: str) -> PullRequest:
        owner = self.repo.split("/")[0]
        query = urllib.parse.urlencode({"head": f"{owner}:{branch}", "state": "open"})
        found = self._call("GET", f"/repos/{self.repo}/pulls?{query}") or []
        if found:
            pr = found[0]
            updated = self._call("PATCH", f"/repos/{self.repo}/pulls/{pr['number']}", {"title": title, "body": body})
            return PullRequest(int(updated["number"]), str(updated.get("html_url", "")), False)
        made = self._call("POST", f"/repos/{self.repo}/pulls", {"title": title, "head": branch, "base": base, "body": body})
        return PullRequest(int(made["number"]), str(made.get("html_url", "")), True)
