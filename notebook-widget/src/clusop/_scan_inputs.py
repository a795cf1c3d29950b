"""What clusop.scan reads, listed in Python (a face touches the file system; the core never
does): files, folders walked iteratively (links followed, each folder once), zip archives opened
by the core's zip reader (members named ``<archive>/<member>``), bytes given in memory. Each source opens as a
binary stream read in chunks, never whole. What the listing meets (a missing path, an empty
folder, an unreadable archive) is reported to the core as a problem and the system's reason;
the core words it (clusop_scan_document), as it does for every face."""

from __future__ import annotations

import mmap
import os
import stat
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")

# A listing problem for the core: {"path", "problem", "reason"} (clusop.h, clusop_scan_document).
Issue = Dict[str, str]


def _issue(path: str, problem: str, reason: str = "") -> Issue:
    return {"path": path, "problem": problem, "reason": reason}


@dataclass(frozen=True)
class Source:
    """One file to feed: its name for the core, how to open it, its size. A plain source opens
    as a binary stream; a zip member (``zip_index`` set) opens its archive as a buffer, which
    the core's zip reader inflates the member from."""

    name: str
    open: Callable[[], Any]
    size: int
    zip_index: Optional[int] = None


def list_inputs(path_or_paths: Any) -> Tuple[List[Source], List[Issue]]:
    items = list(path_or_paths) if isinstance(path_or_paths, (list, tuple)) else [path_or_paths]
    files: List[Tuple[str, int]] = []
    issues: List[Issue] = []
    memory: List[Tuple[str, bytes]] = []
    seen_dirs: set = set()
    listed: set = set()
    for i, item in enumerate(items):
        if isinstance(item, (bytes, bytearray, memoryview)):
            memory.append((f"<bytes {i}>", bytes(item)))
            continue
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"clusop.scan: expected a path (str or os.PathLike), bytes, or a list of them, "
                            f"not {type(item).__name__}")
        given = os.fspath(item)
        if isinstance(given, bytes):
            given = os.fsdecode(given)
        path = given
        while len(path) > 1 and path.endswith("/"):
            path = path[:-1]
        try:
            info = os.stat(path)
        except OSError as e:
            issues.append(_issue(given, "missing", _reason(e)))
            continue
        if stat.S_ISDIR(info.st_mode):
            before = len(files)
            _walk(path, seen_dirs, listed, files, issues)
            if len(files) == before:
                issues.append(_issue(given, "empty_folder"))
        elif stat.S_ISREG(info.st_mode):
            files.append((path, info.st_size))
            listed.add(path)
        else:
            issues.append(_issue(given, "not_a_file"))

    sources: List[Source] = []
    for path, size in files:
        try:
            with open(path, "rb") as f:
                head = f.read(4)
        except OSError as e:
            issues.append(_issue(path, "file_unreadable", _reason(e)))
            continue
        if head[:4] in _ZIP_MAGIC:
            _list_zip(path, lambda path=path: _MappedFile(path), sources, issues)
        else:
            sources.append(Source(path, lambda path=path: open(path, "rb"), size))
    for name, data in memory:
        if data[:4] in _ZIP_MAGIC:
            _list_zip(name, lambda data=data: _Held(memoryview(data)), sources, issues)
        else:
            sources.append(Source(name, lambda data=data: _BytesFile(data), len(data)))
    return sources, issues


def _reason(e: OSError) -> str:
    return e.strerror or str(e)


def _walk(root: str, seen_dirs: set, listed: set, files: List[Tuple[str, int]], issues: List[Issue]) -> None:
    """Every regular file under ``root`` (links followed, each folder read once), sorted by path;
    iterative, like the command line's walk."""
    pending = [root]
    found: List[Tuple[str, int]] = []
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder)
        except OSError as e:
            issues.append(_issue(folder, "folder_unreadable", _reason(e)))
            continue
        if (info.st_dev, info.st_ino) in seen_dirs:
            continue
        seen_dirs.add((info.st_dev, info.st_ino))
        try:
            entries = list(os.scandir(folder))
        except OSError as e:
            issues.append(_issue(folder, "folder_unreadable", _reason(e)))
            continue
        for entry in entries:
            path = folder + "/" + entry.name if not folder.endswith("/") else folder + entry.name
            try:
                st = os.stat(path)
            except OSError as e:
                issues.append(_issue(path, "entry_unreadable", _reason(e)))
                continue
            if stat.S_ISDIR(st.st_mode):
                pending.append(path)
            elif stat.S_ISREG(st.st_mode) and path not in listed:
                listed.add(path)
                found.append((path, st.st_size))
    found.sort(key=lambda f: f[0].encode("utf-8", "surrogateescape"))
    files.extend(found)


def _list_zip(name: str, opener: Callable[[], Any], sources: List[Source], issues: List[Issue]) -> None:
    """The archive's members, as the core's zip reader lists them (every face reads a zip alike)."""
    from . import _core

    try:
        with opener() as archive:
            members = _core.zip_members(archive)
    except OSError as e:
        issues.append(_issue(name, "file_unreadable", _reason(e)))
        return
    except ValueError as e:  # the core's zip reader's words
        issues.append(_issue(name, "archive_unreadable", str(e)))
        return
    if not members:
        issues.append(_issue(name, "archive_empty"))
        return
    for index, member, size in members:
        sources.append(Source(f"{name}/{member}", opener, size, index))


class _MappedFile:
    """A file mapped read-only for the length of a ``with``: the zip reader needs the whole
    archive addressable (its directory is at the end), not in memory."""

    def __init__(self, path: str):
        self._file = open(path, "rb")
        try:
            self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        except BaseException:
            self._file.close()
            raise

    def __enter__(self):
        return self._map

    def __exit__(self, *exc):
        self._map.close()
        self._file.close()


class _Held:
    def __init__(self, view: memoryview):
        self._view = view

    def __enter__(self):
        return self._view

    def __exit__(self, *exc):
        pass


class _BytesFile:
    def __init__(self, data: bytes):
        self._view = memoryview(data)
        self._pos = 0

    def readinto(self, buf) -> int:
        n = min(len(buf), len(self._view) - self._pos)
        buf[:n] = self._view[self._pos:self._pos + n]
        self._pos += n
        return n

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
