"""What a report shows, from event logs (scanned by the core) or from the tables of a DuckDB file
(the newest run of each job, and the trends of every job with several runs)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import tables as _tables
from .page import report_html

SCHEMA = "clusop.report/1"
PathLike = Union[str, "os.PathLike[str]"]


def _latest_per_job(apps: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    latest: Dict[str, Dict[str, Any]] = {}
    for app in apps:  # in start order: the last one of a name wins
        latest[_tables.job_name(app)] = app
    return list(latest.values())


def report_data(paths: Sequence[PathLike] = (), *, db: Optional[PathLike] = None,
                scan_settings: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """The report's data: {"schema", "title", "source", "scan": clusop.scan/1, "trends": [...]}.

    paths: event logs to scan (as clusop.scan reads them); db: a DuckDB file written by
    ``clusop ingest``. With paths and db, the logs are shown and the db gives the trends of
    their jobs; with db alone, the newest run of each job is shown."""
    if not paths and db is None:
        raise ValueError("clusop report: give event-log paths, or --db FILE (a DuckDB file written by clusop ingest)")
    stored: List[Dict[str, Any]] = []
    if db is not None:
        stored = _tables.applications(_tables.read_tables(Path(db)))
    if paths:
        from .._scan import scan

        scan_doc = scan(list(paths), **dict(scan_settings or {})).to_dict()
        shown = scan_doc.get("applications") or []
        names = {_tables.job_name(a) for a in shown}
        # the scanned runs join the stored ones (once) for the trends of their jobs
        ids = {(a.get("app_id"), a.get("attempt")) for a in stored}
        runs = stored + [a for a in shown if (a.get("app_id"), a.get("attempt")) not in ids]
        runs.sort(key=lambda a: (a.get("start_ms") is not None, a.get("start_ms") or 0))
        trend = [t for t in _tables.trends(runs, shown) if t["name"] in names]
        source = ", ".join(os.fspath(p) for p in paths) + (f" (runs from {os.fspath(db)})" if db is not None else "")
    else:
        if not stored:
            raise _tables.TablesError(f"{os.fspath(db)}: the tables hold no application (nothing was ingested)")
        shown = _latest_per_job(stored)
        scan_doc = {"schema": "clusop.scan/1", "applications": shown, "errors": []}
        trend = _tables.trends(stored, shown)
        source = f"{os.fspath(db)}: {len(stored)} run{'s' if len(stored) != 1 else ''} of {len(shown)} job{'s' if len(shown) != 1 else ''}; the newest run of each is shown"
    return {"schema": SCHEMA, "title": "Spark applications: what to change", "source": source,
            "scan": scan_doc, "trends": trend}


def write_report(out: PathLike, paths: Sequence[PathLike] = (), *, db: Optional[PathLike] = None,
                 scan_settings: Optional[Mapping[str, Any]] = None) -> Path:
    """Writes the report's one HTML file to out; returns its path."""
    html = report_html(report_data(paths, db=db, scan_settings=scan_settings))
    target = Path(out)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, target)
    return target
