"""Local folders, files and globs: a glob (``/logs/2026-11-*/``) is expanded here, then each path
is listed by the same rules as clusop.scan (folders walked, each once; zip archives by the core's
zip reader), so a local collection reads exactly what ``clusop scan`` reads."""

from __future__ import annotations

import glob
import os
from typing import List

from .listing import Listing, LogFile, issue

_GLOB_CHARS = set("*?[")


def is_glob(path: str) -> bool:
    return bool(_GLOB_CHARS & set(path))


def list_local(path: str) -> Listing:
    from .._scan_inputs import list_inputs

    if is_glob(path):
        paths: List[str] = sorted(glob.glob(path, recursive=True))
        if not paths:
            return Listing(issues=[issue(path, "missing", "no path matches the pattern")])
    else:
        paths = [path]
    sources, issues = list_inputs(paths)
    files = []
    for s in sources:
        if s.zip_index is None:
            files.append(LogFile(s.name, s.size))
        else:
            files.append(LogFile(s.name, s.size, archive=_archive_of(s.name), zip_index=s.zip_index))
    return Listing(files, list(issues))


def _archive_of(member_name: str) -> str:
    """The archive file a zip member's name ``<archive>/<member>`` starts with (the longest
    prefix that is a regular file)."""
    cut = len(member_name)
    while True:
        cut = member_name.rfind("/", 0, cut)
        if cut <= 0:
            raise ValueError(f"no archive file found in the zip member name {member_name!r}")
        if os.path.isfile(member_name[:cut]):
            return member_name[:cut]
