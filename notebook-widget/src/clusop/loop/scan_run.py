"""A run's event log scanned by the core (`clusop scan --format json`, the package's own command,
with the loop's rule thresholds and pricing settings): the application the core compares with
another run's (comparison.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Sequence

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
