"""The fleet job: list (driver), read (executors), MERGE (Delta). See the package docstring."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ..collect import Listing, collect
from ..store.schema import TABLES
from .delta_tables import Written, ensure_tables, merge_table
from .executor import read_applications, result_schema
from .plan import group_rows, group_schema


class FleetError(Exception):
    """Nothing could be ingested; the message says why."""


@dataclass
class FleetResult:
    applications: int = 0          # application groups distributed
    read: int = 0                  # applications the core read
    files: int = 0
    bytes: int = 0
    partitions: int = 0
    written: Dict[str, Written] = field(default_factory=dict)
    errors: List[Tuple[str, str]] = field(default_factory=list)
    seconds_read: float = 0.0      # listing excluded: executors reading and the rows collected
    seconds_merge: float = 0.0

    def summary(self) -> str:
        lines = [f"{self.read} of {self.applications} applications read from {self.files} files "
                 f"({self.bytes / 1e6:.1f} MB) on {self.partitions} partitions in {self.seconds_read:.1f} s; "
                 f"MERGE {self.seconds_merge:.1f} s"]
        for name, w in self.written.items():
            lines.append(f"  {name}: {w.inserted} inserted, {w.updated} updated, {w.deleted} deleted")
        lines += [f"  error: {p}: {m}" for p, m in self.errors]
        return "\n".join(lines)


def ingest(spark, locations: Union[str, Iterable[str]], delta_root: str, *,
           since: Union[str, datetime, None] = None, databricks_host: Optional[str] = None,
           databricks_token: Optional[str] = None,
           storage_options: Optional[Mapping[str, Mapping[str, Any]]] = None,
           settings: Optional[Mapping[str, Any]] = None, partitions: Optional[int] = None,
           collected_at: Optional[datetime] = None, listing: Optional[Listing] = None) -> FleetResult:
    """Reads every application under ``locations`` on the cluster and MERGEs its rows into the
    Delta tables under ``delta_root``. ``settings``: clusop.scan's keyword settings (pricing).
    FleetError when no application could be listed."""
    from pyspark.sql import functions as F

    from .._request import request_options
    from .._scan_settings import validate_options

    options = request_options(None, **dict(settings or {}))
    validate_options(options)
    if listing is None:
        listing = collect(locations, since=since, databricks_host=databricks_host,
                          databricks_token=databricks_token, storage_options=storage_options)
    collected_at = collected_at or datetime.now(timezone.utc)
    result = FleetResult(files=len(listing.files), bytes=listing.bytes)
    result.errors.extend(worded_issues(listing.issues))
    groups = group_rows(listing)
    if not groups:
        raise FleetError("no event log to ingest" + "".join(f"\n  {p}: {m}" for p, m in result.errors))
    result.applications = len(groups)
    result.partitions = partitions or min(len(groups), 4 * _parallelism(spark))

    ensure_tables(spark, delta_root)
    t0 = time.monotonic()
    frame = spark.createDataFrame(groups, group_schema()).repartition(result.partitions)
    results = frame.mapInArrow(read_applications(listing.reader, options, collected_at), result_schema())
    results = results.persist()
    try:
        apps = []
        read = F.transform(TABLES[0].name, lambda a: F.struct(a["app_id"].alias("app_id"), a["attempt"].alias("attempt")))
        for row in results.select("errors", read.alias("read")).collect():
            apps.extend((a["app_id"], a["attempt"]) for a in row["read"])
            result.errors.extend((e["path"], e["message"]) for e in row["errors"])
        result.read = len(apps)
        result.seconds_read = time.monotonic() - t0
        t1 = time.monotonic()
        for t in TABLES:
            rows = results.select(F.explode(t.name).alias("r")).select("r.*")
            result.written[t.name] = merge_table(spark, delta_root, t, rows, apps)
        result.seconds_merge = time.monotonic() - t1
    finally:
        results.unpersist()
    return result


def _parallelism(spark) -> int:
    try:
        return max(1, spark.sparkContext.defaultParallelism)
    except Exception:  # Spark Connect has no SparkContext
        return 8


def worded_issues(issues: List[Dict[str, str]]) -> List[Tuple[str, str]]:
    """The listing's problems in the core's words (clusop_scan_document words them)."""
    if not issues:
        return []
    from .. import _scan
    from .._scan_model import ScanError

    try:
        _scan._document([], list(issues), [])
    except ScanError as e:
        return [(f.path, f.message) for f in e.errors]
    return [(i["path"], f"{i['problem']}: {i.get('reason', '')}") for i in issues]
