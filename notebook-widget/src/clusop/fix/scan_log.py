"""The recommendations for one job: its event log scanned and ruled in this process (the
package's scan path: the core reads, the rules run in the core, ./clusop_rules too), or a scan's
JSON read back. Threshold overrides and mutes go to the core as in `clusop scan --set/--mute`."""

from __future__ import annotations

import json
from typing import Dict, List, Mapping, Optional, Sequence


class RecommendationsError(ValueError):
    pass


def scan_log(path: str, thresholds: Optional[Mapping[str, float]] = None,
             mute: Sequence[str] = ()) -> dict:
    from .._scan import _document, _group, _read_application
    from .._scan_inputs import list_inputs
    from ..pyrules import resolve_rules_dir, with_python_rules

    sources, issues = list_inputs(path)
    names, apps = _group(sources)
    options: Dict[str, object] = {}
    if thresholds:
        options["thresholds"] = dict(thresholds)
    if mute:
        options["mute"] = list(mute)
    outcomes = [_read_application(app, options) for app in apps]  # raises when nothing to read
    return json.loads(with_python_rules(_document(names, issues, outcomes), resolve_rules_dir(None)))


def recommendations_of(document: Mapping) -> List[dict]:
    """Every application's recommendations of a clusop.scan/1 document, in rank order."""
    if not isinstance(document, Mapping) or not isinstance(document.get("applications"), list):
        raise RecommendationsError("expected a clusop scan document (clusop scan --format json): "
                                   "an object with \"applications\"")
    out: List[dict] = []
    for app in document["applications"]:
        if isinstance(app, Mapping):
            out.extend(r for r in app.get("recommendations") or [] if isinstance(r, Mapping))
    return out
