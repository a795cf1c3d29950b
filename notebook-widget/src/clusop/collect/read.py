"""A collected listing read by the core, as clusop.scan reads local paths: the same grouping
(clusop_layout), streams (1 MiB chunks, never whole) and document (clusop_scan_document), only
the bytes come through the listing's Reader (a disk, an object store)."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Mapping, Optional, Sequence

from .listing import Issue, Listing, LogFile, Reader


def sources(files: Sequence[LogFile], reader: Reader):
    """clusop.scan's Source objects over the files, opened through ``reader``."""
    from .._scan_inputs import Source

    out = []
    for f in files:
        if f.zip_index is None:
            out.append(Source(f.name, lambda name=f.name: reader.open(name), f.size))
        else:
            out.append(Source(f.name, lambda archive=f.archive: reader.open_archive(archive), f.size, f.zip_index))
    return out


def scan_document_text(files: Sequence[LogFile], issues: Sequence[Issue], reader: Reader, *,
                       options: Optional[Mapping[str, Any]] = None, jobs: Optional[int] = None) -> str:
    """The clusop.scan/1 document's text for these files (ScanError when nothing could be read)."""
    from .. import _scan

    names, apps = _scan._group(sources(files, reader))
    options = dict(options or {})
    if not apps:
        return _scan._document(names, list(issues), [])  # raises ScanError in the core's words
    workers = min(len(apps), jobs or os.cpu_count() or 1)
    if workers == 1:
        outcomes = [_scan._read_application(app, options) for app in apps]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clusop-collect") as pool:
            outcomes = list(pool.map(lambda app: _scan._read_application(app, options), apps))
    return _scan._document(names, list(issues), outcomes)


def scan_listing(listing: Listing, *, jobs: Optional[int] = None, cluster: Optional[Mapping[str, Any]] = None,
                 python_rules=None, **settings: Any):
    """clusop.scan over a collected listing: a :class:`clusop.ScanResult` (settings as for
    clusop.scan, ``python_rules`` too)."""
    from .._request import request_options
    from ..pyrules import resolve_rules_dir, with_python_rules
    from .._scan_model import ScanResult
    from .._scan_settings import validate_options

    options = request_options(cluster, **settings)
    validate_options(options)
    rules_dir = resolve_rules_dir(python_rules)
    text = scan_document_text(listing.files, listing.issues, listing.reader, options=options, jobs=jobs)
    return ScanResult.from_json(with_python_rules(text, rules_dir))


def group(files: Sequence[LogFile]) -> List[Dict[str, Any]]:
    """The core's grouping of the files into applications: [{"app_key", "parts": [LogFile...]}],
    parts in the core's order (the fleet job distributes these)."""
    from .. import _core

    by_name = {}
    for f in files:
        by_name.setdefault(f.name, f)
    if not by_name:
        return []
    answer = json.loads(_core.layout(json.dumps({"paths": list(by_name)}, ensure_ascii=False).encode("utf-8")))
    if "error" in answer:
        raise ValueError(f"clusop could not group the files: {(answer.get('error') or {}).get('message', '')}")
    return [{"app_key": str(a.get("app_key", "")), "parts": [by_name[p] for p in a.get("parts") or [] if p in by_name]}
            for a in answer.get("applications") or []]
