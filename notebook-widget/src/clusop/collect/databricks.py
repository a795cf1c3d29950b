"""Databricks job runs since a time: the Jobs API lists the runs (``runs/list`` with
``start_time_from``, tasks expanded), each run's (or task's) cluster spec says where its logs are
delivered (``cluster_log_conf``: dbfs, s3 or volumes) and the cluster id which folder:
``<destination>/<cluster_id>/eventlog/``. Those folders are then collected like any other
location (a Databricks delivery folder is laid out by the core).

A cluster reused by several runs (``existing_cluster_id``) is looked up once (``clusters/get``);
each cluster's folder is listed once however many runs used it."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

from .listing import Issue, issue
from .since import epoch_ms

PAGE_SIZE = 25  # the most runs/list returns per page


class DatabricksError(Exception):
    """The Jobs API could not be asked; the message says what to check."""


@dataclass(frozen=True)
class RunLogs:
    run_id: int
    job_id: Optional[int]
    task_key: Optional[str]
    cluster_id: str
    location: str          # the folder holding the cluster's event logs (URL or local path)


@dataclass
class DatabricksRuns:
    runs: List[RunLogs] = field(default_factory=list)
    issues: List[Issue] = field(default_factory=list)
    storage_options: Dict[str, Dict[str, Any]] = field(default_factory=dict)

    @property
    def locations(self) -> List[str]:
        seen: Dict[str, None] = {}
        for r in self.runs:
            seen.setdefault(r.location, None)
        return list(seen)


class JobsClient:
    """The few REST calls clusop needs, over the standard library (no SDK)."""

    def __init__(self, host: str, token: Optional[str], timeout: float = 60.0):
        host = (host or "").strip().rstrip("/")
        if not host:
            raise DatabricksError("no Databricks workspace: give --databricks-host (or DATABRICKS_HOST), "
                                  "e.g. https://adb-1234567890123456.7.azuredatabricks.net")
        if "://" not in host:
            host = "https://" + host
        self.host = host
        self.token = token
        self.timeout = timeout

    def get(self, path: str, params: Mapping[str, Any]) -> Dict[str, Any]:
        url = f"{self.host}{path}?{urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})}"
        req = urllib.request.Request(url, headers={"Accept": "application/json"})
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                body = resp.read()
        except urllib.error.HTTPError as e:
            detail = _api_message(e.read())
            hint = " (check the token: --databricks-token or DATABRICKS_TOKEN)" if e.code in (401, 403) else ""
            raise DatabricksError(f"{self.host}{path} answered HTTP {e.code}: {detail}{hint}") from None
        except (urllib.error.URLError, OSError) as e:
            raise DatabricksError(f"cannot reach {self.host}{path}: {getattr(e, 'reason', e)}") from None
        try:
            return json.loads(body)
        except ValueError:
            raise DatabricksError(f"{self.host}{path} did not answer JSON (is {self.host} a Databricks workspace?)") from None

    def runs_since(self, since: datetime) -> Iterator[Dict[str, Any]]:
        token: Optional[str] = None
        start = epoch_ms(since)
        while True:
            page = self.get("/api/2.1/jobs/runs/list", {"start_time_from": start, "expand_tasks": "true",
                                                         "limit": PAGE_SIZE, "page_token": token})
            for run in page.get("runs") or []:
                if (run.get("start_time") or 0) >= start:  # the API filters; a run it lets by is dropped
                    yield run
            token = page.get("next_page_token")
            if not page.get("has_more") or not token:
                return

    def cluster(self, cluster_id: str) -> Dict[str, Any]:
        return self.get("/api/2.1/clusters/get", {"cluster_id": cluster_id})


def _api_message(body: bytes) -> str:
    try:
        doc = json.loads(body)
        return f"{doc.get('error_code', '')}: {doc.get('message', '')}".strip(": ")
    except ValueError:
        return body[:200].decode("utf-8", "replace")


def runs_since(host: str, token: Optional[str], since: datetime, *, local_dbfs: str = "/dbfs") -> DatabricksRuns:
    """Every run started since ``since`` with the folder of its cluster's event logs."""
    client = JobsClient(host, token)
    out = DatabricksRuns()
    clusters: Dict[str, Dict[str, Any]] = {}
    for run in client.runs_since(since):
        for task_key, cluster_id, spec in _clusters_of(run, client, clusters, out.issues):
            where = f"run {run.get('run_id')}" + (f" task {task_key}" if task_key else "")
            conf = (spec or {}).get("cluster_log_conf")
            if not conf:
                out.issues.append(issue(f"databricks:{where}", "missing",
                                        f"cluster {cluster_id} has no cluster_log_conf: its event logs are "
                                        f"not delivered anywhere clusop can read (set cluster log delivery)"))
                continue
            location = _log_folder(conf, cluster_id, client, out, local_dbfs)
            if location is None:
                out.issues.append(issue(f"databricks:{where}", "missing",
                                        f"cluster {cluster_id}: log delivery {json.dumps(conf)} is not a "
                                        f"destination clusop reads (dbfs, s3, or volumes where /Volumes is mounted)"))
                continue
            out.runs.append(RunLogs(int(run.get("run_id") or 0), run.get("job_id"), task_key, cluster_id, location))
    return out


def _clusters_of(run: Mapping[str, Any], client: JobsClient, cache: Dict[str, Dict[str, Any]],
                 issues: List[Issue]) -> Iterator[Tuple[Optional[str], str, Dict[str, Any]]]:
    """(task key or None, cluster id, cluster spec) of each cluster the run ran on."""
    job_clusters = {c.get("job_cluster_key"): c.get("new_cluster") or {} for c in run.get("job_clusters") or []}
    units = [(t.get("task_key"), t) for t in run.get("tasks") or []] or [(None, run)]
    seen = set()
    for task_key, unit in units:
        cluster_id = (unit.get("cluster_instance") or {}).get("cluster_id")
        if not cluster_id or cluster_id in seen:
            continue  # not started, serverless, or already listed for this run
        seen.add(cluster_id)
        spec = unit.get("cluster_spec") or {}
        new = unit.get("new_cluster") or spec.get("new_cluster")
        job_key = unit.get("job_cluster_key") or spec.get("job_cluster_key")
        existing = unit.get("existing_cluster_id") or spec.get("existing_cluster_id")
        if new:
            yield task_key, cluster_id, new
        elif job_key in job_clusters:
            yield task_key, cluster_id, job_clusters[job_key]
        else:
            looked_up = existing or cluster_id
            if looked_up not in cache:
                try:
                    cache[looked_up] = client.cluster(looked_up)
                except DatabricksError as e:
                    issues.append(issue(f"databricks:cluster {looked_up}", "missing", str(e)))
                    cache[looked_up] = {}
            if cache[looked_up]:
                yield task_key, cluster_id, cache[looked_up]


def _log_folder(conf: Mapping[str, Any], cluster_id: str, client: JobsClient, out: DatabricksRuns,
                local_dbfs: str) -> Optional[str]:
    if "s3" in conf:
        dest = str(conf["s3"].get("destination") or "").rstrip("/")
        if conf["s3"].get("region"):
            out.storage_options.setdefault("s3", {}).setdefault("client_kwargs", {}).setdefault(
                "region_name", conf["s3"]["region"])
        return f"{dest}/{cluster_id}/eventlog/" if dest else None
    if "dbfs" in conf:
        dest = str(conf["dbfs"].get("destination") or "")
        path = dest[len("dbfs:"):] if dest.startswith("dbfs:") else dest
        path = "/" + path.strip("/")
        if os.path.isdir(local_dbfs):  # on a Databricks driver DBFS is mounted
            return f"{local_dbfs.rstrip('/')}{path}/{cluster_id}/eventlog/"
        out.storage_options.setdefault("dbfs", {"instance": urllib.parse.urlparse(client.host).netloc,
                                                "token": client.token})
        return f"dbfs://{path}/{cluster_id}/eventlog/"
    if "volumes" in conf:
        dest = str(conf["volumes"].get("destination") or "").rstrip("/")
        return f"{dest}/{cluster_id}/eventlog/" if dest and os.path.isdir(dest) else None
    return None
