"""What clusop.scan reads, listed in Python (a face touches the file system; the core never
does): files, folders walked iteratively (links followed, each folder once), zip archives opened
member by member (named ``<archive>/<member>``), bytes given in memory. Each source opens as a
binary stream read in chunks, never whole."""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from typing import Any, Callable, List, Tuple

from ._scan_model import FileError

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")

# The rules and words of the command line's listing (cli/file_listing.cpp, cli/scan_inputs.cpp),
# so that `clusop scan --format json` and clusop.scan give the same document.
_EXPECTED = "(expected an event-log file, a folder or a zip)"


@dataclass(frozen=True)
class Source:
    """One file to feed: its name for the core, how to open it as a binary stream, its size."""

    name: str
    open: Callable[[], Any]
    size: int


def list_inputs(path_or_paths: Any) -> Tuple[List[Source], List[FileError], List[str]]:
    items = list(path_or_paths) if isinstance(path_or_paths, (list, tuple)) else [path_or_paths]
    files: List[Tuple[str, int]] = []
    listing_errors: List[FileError] = []
    memory: List[Tuple[str, bytes]] = []
    described: List[str] = []
    seen_dirs: set = set()
    listed: set = set()
    for i, item in enumerate(items):
        if isinstance(item, (bytes, bytearray, memoryview)):
            memory.append((f"<bytes {i}>", bytes(item)))
            described.append(memory[-1][0])
            continue
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"clusop.scan: expected a path (str or os.PathLike), bytes, or a list of them, "
                            f"not {type(item).__name__}")
        given = os.fspath(item)
        if isinstance(given, bytes):
            given = os.fsdecode(given)
        described.append(given)
        path = given
        while len(path) > 1 and path.endswith("/"):
            path = path[:-1]
        try:
            info = os.stat(path)
        except OSError as e:
            listing_errors.append(FileError(given, f"cannot read: {_reason(e)} {_EXPECTED}"))
            continue
        if stat.S_ISDIR(info.st_mode):
            before = len(files)
            _walk(path, seen_dirs, listed, files, listing_errors)
            if len(files) == before:
                listing_errors.append(FileError(given, "the folder holds no files (expected event logs)"))
        elif stat.S_ISREG(info.st_mode):
            files.append((path, info.st_size))
            listed.add(path)
        else:
            listing_errors.append(FileError(given, f"not a regular file or folder {_EXPECTED}"))

    sources: List[Source] = []
    errors = listing_errors
    for path, size in files:
        try:
            with open(path, "rb") as f:
                head = f.read(4)
        except OSError as e:
            errors.append(FileError(path, f"cannot read {path}: {_reason(e)}"))
            continue
        if head[:4] in _ZIP_MAGIC:
            _list_zip(path, lambda path=path: open(path, "rb"), sources, errors)
        else:
            sources.append(Source(path, lambda path=path: open(path, "rb"), size))
    for name, data in memory:
        if data[:4] in _ZIP_MAGIC:
            _list_zip(name, lambda data=data: _BytesFile(data), sources, errors)
        else:
            sources.append(Source(name, lambda data=data: _BytesFile(data), len(data)))
    return sources, errors, described


def _reason(e: OSError) -> str:
    return e.strerror or str(e)


def _walk(root: str, seen_dirs: set, listed: set, files: List[Tuple[str, int]], errors: List[FileError]) -> None:
    """Every regular file under ``root`` (links followed, each folder read once), sorted by path;
    iterative, like the command line's walk."""
    pending = [root]
    found: List[Tuple[str, int]] = []
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder)
        except OSError as e:
            errors.append(FileError(folder, f"cannot read the folder: {_reason(e)}"))
            continue
        if (info.st_dev, info.st_ino) in seen_dirs:
            continue
        seen_dirs.add((info.st_dev, info.st_ino))
        try:
            entries = list(os.scandir(folder))
        except OSError as e:
            errors.append(FileError(folder, f"cannot read the folder: {_reason(e)}"))
            continue
        for entry in entries:
            path = folder + "/" + entry.name if not folder.endswith("/") else folder + entry.name
            try:
                st = os.stat(path)
            except OSError as e:
                errors.append(FileError(path, f"cannot read: {_reason(e)}"))
                continue
            if stat.S_ISDIR(st.st_mode):
                pending.append(path)
            elif stat.S_ISREG(st.st_mode) and path not in listed:
                listed.add(path)
                found.append((path, st.st_size))
    found.sort(key=lambda f: f[0].encode("utf-8", "surrogateescape"))
    files.extend(found)


def _list_zip(name: str, opener: Callable[[], Any], sources: List[Source], errors: List[FileError]) -> None:
    try:
        with opener() as f, zipfile.ZipFile(f) as z:
            members = [m for m in z.infolist() if not m.is_dir()]
    except (OSError, zipfile.BadZipFile, ValueError) as e:
        errors.append(FileError(name, f"not a readable zip archive: {e}"))
        return
    if not members:
        errors.append(FileError(name, "the archive holds no files (expected event logs)"))
        return
    for m in members:
        sources.append(Source(f"{name}/{m.filename}", _member_opener(opener, m.filename), m.file_size))


def _member_opener(opener: Callable[[], Any], member: str) -> Callable[[], Any]:
    def open_member():
        f = opener()
        try:
            z = zipfile.ZipFile(f)
            return _ZipMemberFile(f, z, z.open(member))
        except BaseException:
            f.close()
            raise

    return open_member


class _ZipMemberFile:
    """A zip member inflated as it is read, closing its archive with it."""

    def __init__(self, f, archive, member):
        self._f, self._archive, self._member = f, archive, member

    def readinto(self, buf) -> int:
        return self._member.readinto(buf)

    def close(self) -> None:
        for c in (self._member, self._archive, self._f):
            c.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _BytesFile:
    def __init__(self, data: bytes):
        self._view = memoryview(data)
        self._pos = 0

    def readinto(self, buf) -> int:
        n = min(len(buf), len(self._view) - self._pos)
        buf[:n] = self._view[self._pos:self._pos + n]
        self._pos += n
        return n

    def read(self, n: int = -1) -> bytes:
        end = len(self._view) if n < 0 else min(len(self._view), self._pos + n)
        out = bytes(self._view[self._pos:end])
        self._pos = end
        return out

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._view))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
