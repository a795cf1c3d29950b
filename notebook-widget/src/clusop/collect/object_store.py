"""Object stores through fsspec: ``s3://`` (s3fs), ``abfss://`` / ``abfs://`` (adlfs),
``gs://`` (gcsfs), ``dbfs:/`` (fsspec's Databricks file system), or any fsspec protocol. A URL
names a file, a folder (listed recursively) or a glob. Names are full URLs, so the core's layout
sees the same folders (``eventlog_v2_<app>/``, Databricks ``eventlog/``) as on a disk. A name
ending in ``.zip`` is an archive: fetched and listed by the core's zip reader (remote files are not
sniffed for magic bytes: that would cost one request per file)."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from .listing import Listing, LogFile, Reader, issue, scheme
from .local import is_glob


def list_url(url: str, storage_options: Optional[Mapping[str, Any]] = None) -> Listing:
    proto = scheme(url)
    reader = Reader({proto: dict(storage_options or {})})
    try:
        fs = reader.filesystem(url)
    except (ImportError, ValueError) as e:
        return Listing(issues=[issue(url, "missing", f"no file system for {proto}:// ({e}); "
                                     f"install the package fsspec names for it (s3fs, adlfs, gcsfs)")],
                       reader=reader)
    try:
        found = _find(fs, url)
    except FileNotFoundError as e:
        return Listing(issues=[issue(url, "missing", str(e) or "no such object or folder")], reader=reader)
    except (OSError, PermissionError) as e:
        return Listing(issues=[issue(url, "folder_unreadable", str(e))], reader=reader)
    if found is None:
        return Listing(issues=[issue(url, "missing", "no such object or folder")], reader=reader)
    if not found:
        return Listing(issues=[issue(url, "empty_folder")], reader=reader)
    listing = Listing(reader=reader)
    for path in sorted(found, key=lambda p: p.encode("utf-8", "surrogateescape")):
        name = fs.unstrip_protocol(path)
        size = int(found[path].get("size") or 0)
        if name.lower().endswith(".zip"):
            _list_archive(name, reader, listing)
        else:
            listing.files.append(LogFile(name, size))
    return listing


def _find(fs, url: str) -> Optional[Dict[str, Dict[str, Any]]]:
    """path -> info of every file the URL names; None when it names nothing."""
    path = fs._strip_protocol(url)
    if is_glob(path):
        hits = fs.glob(path, detail=True)
        out: Dict[str, Dict[str, Any]] = {}
        for p, info in hits.items():
            if info.get("type") == "directory":
                out.update(_files(fs.find(p, detail=True)))
            else:
                out[p] = info
        return out if hits else None
    if fs.isdir(path):
        return _files(fs.find(path, detail=True))
    if fs.isfile(path):
        return {path: fs.info(path)}
    return None


def _files(found: Dict[str, Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    return {p: i for p, i in found.items() if i.get("type") != "directory"}


def _list_archive(name: str, reader: Reader, listing: Listing) -> None:
    from .. import _core

    try:
        with reader.open_archive(name) as archive:
            members = _core.zip_members(archive)
    except OSError as e:
        listing.issues.append(issue(name, "file_unreadable", str(e)))
        return
    except ValueError as e:
        listing.issues.append(issue(name, "archive_unreadable", str(e)))
        return
    if not members:
        listing.issues.append(issue(name, "archive_empty"))
    for index, member, size in members:
        listing.files.append(LogFile(f"{name}/{member}", size, archive=name, zip_index=index))
