"""Collect event logs from where they live and hand them to the core.

    listing = collect(["/logs/", "s3://bucket/spark-logs/2026-11-*/"], storage_options={"s3": {...}})
    listing = collect([], since="24h", databricks_host="https://adb-....azuredatabricks.net")
    clusop.collect.scan_listing(listing)     # -> ScanResult, as clusop.scan

Locations: local files, folders and globs (the rules of clusop.scan); URLs through fsspec
(``s3://`` with s3fs, ``abfss://`` with adlfs, ``gs://`` with gcsfs, ``dbfs:/``); Databricks job
runs started since a time (``since`` with ``databricks_host``: the Jobs API, then each run's
cluster log delivery folder). Collectors only list and fetch bytes; grouping, order, codec and
every figure are the core's (clusop_layout, the stream), exactly as for ``clusop scan``.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any, Iterable, Mapping, Optional, Union

from .listing import Issue, Listing, LogFile, Reader, scheme
from .read import group, scan_document_text, scan_listing

__all__ = ["collect", "collect_location", "scan_listing", "group", "scan_document_text",
           "Listing", "LogFile", "Reader", "Issue"]


def collect_location(location: str, storage_options: Optional[Mapping[str, Mapping[str, Any]]] = None) -> Listing:
    """One location: a local path or glob, or a URL."""
    proto = scheme(location)
    if not proto or proto == "file":
        from .local import list_local

        return list_local(location[len("file://"):] if proto == "file" else location)
    from .object_store import list_url

    return list_url(location, (storage_options or {}).get(proto))


def collect(locations: Union[str, Iterable[str]] = (), *, since: Union[str, datetime, None] = None,
            databricks_host: Optional[str] = None, databricks_token: Optional[str] = None,
            storage_options: Optional[Mapping[str, Mapping[str, Any]]] = None) -> Listing:
    """Every event-log file under the locations, and, with ``since``, the Databricks job runs
    started since then (``databricks_host``/``databricks_token``, else DATABRICKS_HOST and
    DATABRICKS_TOKEN). ``storage_options``: per URL scheme, fsspec's options
    (``{"s3": {"endpoint_url": "http://...", "key": ..., "secret": ...}}``).

    With ``since`` and no Databricks host, local and object-store locations keep the files
    modified since then."""
    if isinstance(locations, str):
        locations = [locations]
    options = {k: dict(v) for k, v in (storage_options or {}).items()}
    listing = Listing(reader=Reader(options))
    when = _since(since)
    host = databricks_host or (os.environ.get("DATABRICKS_HOST") if when is not None else None)
    if when is not None and host:
        from .databricks import runs_since

        runs = runs_since(host, databricks_token or os.environ.get("DATABRICKS_TOKEN"), when)
        for proto, opts in runs.storage_options.items():
            merged = dict(opts)
            merged.update(options.get(proto, {}))
            options[proto] = merged
        listing.issues.extend(runs.issues)
        locations = list(locations) + runs.locations
        when = None  # the runs were chosen by start time; their folders are read whole
    for loc in locations:
        part = collect_location(loc, options)
        if when is not None:
            part = _modified_since(part, loc, when)
        listing.extend(part)
    listing.reader = Reader({**listing.reader.storage_options, **options})
    return listing


def _since(since: Union[str, datetime, None]) -> Optional[datetime]:
    if since is None or isinstance(since, datetime):
        return since
    from .since import parse_since

    return parse_since(since)


def _modified_since(listing: Listing, location: str, when: datetime) -> Listing:
    """The files of a listing last modified at or after ``when`` (local: mtime; URL: the store's
    last-modified)."""
    from .listing import issue

    keep = []
    for f in listing.files:
        stamp = _mtime(f.archive or f.name, listing.reader)
        if stamp is None or stamp >= when.timestamp():
            keep.append(f)
    out = Listing(keep, list(listing.issues), listing.reader)
    if listing.files and not keep:
        out.issues.append(issue(location, "empty_folder", f"no file modified since {when.isoformat()}"))
    return out


def _mtime(name: str, reader: Reader) -> Optional[float]:
    if not scheme(name):
        try:
            return os.stat(name).st_mtime
        except OSError:
            return None
    info = reader.filesystem(name).info(name)
    stamp = info.get("LastModified") or info.get("last_modified") or info.get("mtime") or info.get("updated")
    if isinstance(stamp, datetime):
        return stamp.timestamp()
    if isinstance(stamp, (int, float)):
        return float(stamp)
    return None
