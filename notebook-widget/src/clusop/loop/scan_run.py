"""A run's event log scanned by the core (`clusop scan --format json`, the package's own command,
with the loop's rule thresholds and pricing settings), and the run's figures selected from the
document: no figure is computed here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

_CLI = "import sys; from clusop.commands import main; sys.exit(main(sys.argv[1:]))"


class ScanFailed(Exception):
    """The run's event log could not be scanned into exactly one application."""


def scanner() -> List[str]:
    """The package's own `clusop` command (the C++ command line in-process); $CLUSOP_CLI names the
    C++ binary instead (the same code, byte for byte: for a checkout whose extension is not rebuilt)."""
    cli = os.environ.get("CLUSOP_CLI")
    return [cli] if cli else [sys.executable, "-c", _CLI]


def scan_log(event_log_dir: Path, settings: Sequence[str] = (), label: str = "") -> Dict[str, Any]:
    """The clusop.scan/1 application of the one Spark application the run logged."""
    if not any(p.is_file() for p in event_log_dir.rglob("*")):
        raise ScanFailed(f"the {label} run wrote no event log in {event_log_dir}: did the job start a Spark session "
                         "(and leave spark.eventLog.enabled / spark.eventLog.dir as the loop set them)?")
    done = subprocess.run([*scanner(), "scan", "--format", "json", *settings, str(event_log_dir)],
                          capture_output=True, text=True)
    try:
        document = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise ScanFailed(f"clusop scan of the {label} run's log failed (exit {done.returncode}): "
                         f"{done.stderr.strip()[-2000:]}") from None
    if document.get("rule_errors"):
        raise ScanFailed("the rules given to the loop have faults: " +
                         "; ".join(e.get("message", "") for e in document["rule_errors"]))
    apps = document.get("applications") or []
    if len(apps) != 1:
        raise ScanFailed(f"the {label} run logged {len(apps)} Spark applications; the loop compares a job "
                         f"that runs one ({'; '.join(e['message'] for e in document.get('errors', []))})")
    return apps[0]


@dataclass(frozen=True)
class Figure:
    """One row of the before/after table: the name shown, the unit, where in the document it is."""

    name: str
    unit: str
    path: tuple


# The before/after table, each figure a field of the core's clusop.scan/1 application.
FIGURES: List[Figure] = [
    Figure("wall time", "ms", ("duration_ms",)),
    Figure("executor time", "ms", ("totals", "executor_run_time_ms")),
    Figure("shuffle written", "bytes", ("totals", "shuffle_write_bytes")),
    Figure("shuffle read", "bytes", ("totals", "shuffle_read_bytes")),
    Figure("largest task shuffle read", "bytes", ("totals", "max_task_shuffle_read_bytes")),
    Figure("spill (memory)", "bytes", ("totals", "memory_spilled_bytes")),
    Figure("spill (disk)", "bytes", ("totals", "disk_spilled_bytes")),
    Figure("max task skew", "ratio", ("totals", "max_skew_ratio")),
    Figure("fallback share", "ratio", ("sql_totals", "fallback_time_share")),
    Figure("modeled dollars", "usd", ("totals", "modeled_usd")),
]

# The figure each rule's change is meant to lower: the one "measurably better" is judged on.
# Deterministic figures where the rule has one (bytes, plan shares), not wall time.
TARGET = {
    "missed_broadcast": "shuffle written",
    "task_skew": "largest task shuffle read",
    "spill": "spill (memory)",
    "python_udf": "fallback share",
    "engine_fallback": "fallback share",
    "shuffle_partitions": "executor time",
    "aqe_off": "executor time",
    "gc_pressure": "executor time",
}


def figure(app: Dict[str, Any], f: Figure) -> Optional[float]:
    value: Any = app
    for key in f.path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def join_strategies(app: Dict[str, Any]) -> List[str]:
    """The joins of the run's SQL executions, as the core names their strategies."""
    return [j.get("strategy", "?") for e in app.get("sql_executions") or [] for j in e.get("joins") or []]
