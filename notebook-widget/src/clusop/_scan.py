"""clusop.scan: whole Spark event logs, read by the core.

Python lists the files (a face touches the file system; the core never does): paths, folders
walked recursively, zip archives opened member by member, bytes given in memory. The core
decides the rest: which files make one application and in what order (``clusop_layout``), each
part's codec and meaning (the stream). Each part is read in 1 MiB chunks, never whole, and fed
to one stream per application; applications are read in parallel threads (the core releases the
GIL while it decodes).
"""

from __future__ import annotations

import json
import math
import os
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from ._request import request_options
from ._scan_model import FileError, ScanError, ScanResult

CHUNK_BYTES = 1 << 20
SCHEMA = "clusop.scan/1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")

PathInput = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def scan(path_or_paths: Union[PathInput, Sequence[PathInput]], *, jobs: Optional[int] = None,
         cluster: Optional[Mapping[str, Any]] = None, **settings: Any) -> ScanResult:
    """Reads Spark event logs with clusop's core; returns a :class:`ScanResult`.

    ``path_or_paths``: a path (``str`` or ``os.PathLike``) or a list of them: an event-log file
    (plain, zstd, gzip, lz4, snappy, lzf; ``.inprogress`` too), a rolling folder
    ``eventlog_v2_<app>/``, a Databricks delivery folder, a folder holding many applications
    (walked recursively), a zip archive of logs; or ``bytes`` holding one log's content.

    Keyword settings as for :func:`clusop.analyze` (``engine``, ``photon_enabled``,
    ``price_table``, ``cloud``, ``sku``, ``tier``, ``node_type``, ``driver_node_type``,
    ``workers``, ``runtime_seconds``, ``runs_per_day``, ``photon_multiplier``, ``usd_per_dbu``
    or ``cluster={...}``); the values the log states (cluster shape, engine, durations) are used
    where none is given. ``jobs``: threads reading applications at once (default: the CPUs).

    A file that cannot be read becomes an entry of ``errors`` and the others are still read;
    :class:`ScanError` when nothing could be read. An unknown setting value is a ``ValueError``
    listing the accepted ones; an unknown setting name a ``TypeError``.
    """
    options = request_options(cluster, **settings)
    validate_options(options)
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise ValueError("jobs must be a positive integer (threads reading applications at once)")

    sources, errors, described = _list_inputs(path_or_paths)
    apps, skipped = _group(sources)
    errors.extend(skipped)
    if not apps:
        raise ScanError(_nothing_message(described, errors), errors)

    workers = min(len(apps), jobs or os.cpu_count() or 1)
    if workers == 1:
        outcomes = [_read_application(app, options) for app in apps]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clusop-scan") as pool:
            outcomes = list(pool.map(lambda app: _read_application(app, options), apps))

    documents = []
    for doc_text, app_errors in outcomes:
        errors.extend(app_errors)
        if doc_text is not None:
            documents.append(doc_text)
    if not documents:
        raise ScanError(_nothing_message(described, errors), errors)
    return ScanResult.from_json(merge_documents(documents, errors))


# ---------------------------------------------------------------------------- settings
def validate_options(options: Mapping[str, Any]) -> None:
    """Rejects values the core would not recognise, listing the accepted ones: the engine
    names from the core itself, clouds, SKUs and tiers from the price table in use."""
    engine = options.get("engine")
    if engine is not None:
        if not isinstance(engine, str):
            raise ValueError("engine must be a string")
        _check_engine(engine)
    table = options.get("price_table")
    if table is None:
        table = _embedded_price_table()
    elif not isinstance(table, Mapping):
        raise ValueError("price_table must be a clusop.price_table/1 mapping")
    clus = options.get("cluster") or {}
    accepted = _price_table_values(table)
    for key in ("cloud", "sku", "tier"):
        value = clus.get(key)
        if value is not None and value not in accepted[key]:
            raise ValueError(f"{key} {value!r} is not one of {', '.join(accepted[key])} "
                             f"(the price table's {key} values)")
    for key in ("workers", "runtime_seconds", "runs_per_day", "photon_multiplier", "usd_per_dbu"):
        value = clus.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise ValueError(f"{key} must be a finite number >= 0, not {value!r}")


def _check_engine(engine: str) -> None:
    # the core names the engines it knows in its answer to a request with an unknown one
    from ._request import analyze_request

    answer = json.loads(analyze_request({"plan": "", "engine": engine}))
    err = answer.get("error") or {}
    if err.get("code") == "bad_request" and "engine" in str(err.get("message", "")):
        raise ValueError(f"engine {engine!r}: {err.get('message')}")


_TABLE_CACHE: Dict[str, Any] = {}


def _embedded_price_table() -> Mapping[str, Any]:
    if "table" not in _TABLE_CACHE:
        from . import _core

        _TABLE_CACHE["table"] = json.loads(_core.price_table())
    return _TABLE_CACHE["table"]


def _price_table_values(table: Mapping[str, Any]) -> Dict[str, List[str]]:
    values: Dict[str, List[str]] = {"cloud": [], "sku": [], "tier": []}
    for section in ("usd_per_dbu", "photon_multiplier", "node_dbu_per_hour"):
        for row in table.get(section) or []:
            for key in values:
                v = row.get(key) if isinstance(row, Mapping) else None
                if isinstance(v, str) and v not in values[key]:
                    values[key].append(v)
    return values


# ---------------------------------------------------------------------------- listing
@dataclass(frozen=True)
class _Source:
    """One file to feed: its name for the core and how to open it as a binary stream."""

    name: str
    open: Callable[[], Any]


def _list_inputs(path_or_paths: Any) -> Tuple[List[_Source], List[FileError], List[str]]:
    items = list(path_or_paths) if isinstance(path_or_paths, (list, tuple)) else [path_or_paths]
    sources: List[_Source] = []
    errors: List[FileError] = []
    described: List[str] = []
    for i, item in enumerate(items):
        if isinstance(item, (bytes, bytearray, memoryview)):
            name = f"<bytes {i}>"
            described.append(name)
            data = bytes(item)
            if data[:4] in _ZIP_MAGIC:
                _list_zip(name, lambda data=data: _BytesFile(data), sources, errors)
            else:
                sources.append(_Source(name, lambda data=data: _BytesFile(data)))
            continue
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"clusop.scan: expected a path (str or os.PathLike), bytes, or a list of them, "
                            f"not {type(item).__name__}")
        path = os.fspath(item)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        described.append(path)
        if os.path.isdir(path):
            for file_path in _walk(path, errors):
                _add_file(file_path, sources, errors)
        elif os.path.exists(path):
            _add_file(path, sources, errors)
        else:
            errors.append(FileError(path, "no such file or folder"))
    return sources, errors, described


def _walk(folder: str, errors: List[FileError]) -> Iterable[str]:
    found: List[str] = []

    def on_error(e: OSError) -> None:
        errors.append(FileError(_slashes(e.filename or folder), f"cannot list: {e.strerror or e}"))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = [d for d in dirs if d != "__MACOSX"]
        found.extend(os.path.join(root, f) for f in files)
    return sorted(found)


def _add_file(path: str, sources: List[_Source], errors: List[FileError]) -> None:
    name = _slashes(path)
    try:
        with open(path, "rb") as f:
            head = f.read(4)
    except OSError as e:
        errors.append(FileError(name, f"cannot read: {e.strerror or e}"))
        return
    if head in _ZIP_MAGIC:
        _list_zip(name, lambda: open(path, "rb"), sources, errors)
    else:
        sources.append(_Source(name, lambda: open(path, "rb")))


def _list_zip(name: str, opener: Callable[[], Any], sources: List[_Source], errors: List[FileError]) -> None:
    try:
        with opener() as f, zipfile.ZipFile(f) as z:
            members = [m for m in z.infolist()
                       if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
    except (OSError, zipfile.BadZipFile, ValueError) as e:
        errors.append(FileError(name, f"not a readable zip archive: {e}"))
        return
    for m in sorted(members, key=lambda m: m.filename):
        sources.append(_Source(f"{name}/{m.filename}", _member_opener(opener, m.filename)))


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


def _slashes(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path


# ---------------------------------------------------------------------------- grouping
@dataclass(frozen=True)
class _App:
    key: str
    parts: List[_Source]


def _group(sources: List[_Source]) -> Tuple[List[_App], List[FileError]]:
    """The core's grouping of the listed names into applications, each with its parts in order."""
    if not sources:
        return [], []
    from . import _core

    by_name = {s.name: s for s in sources}
    answer = json.loads(_core.layout(json.dumps({"paths": list(by_name)}, ensure_ascii=False).encode("utf-8")))
    if "error" in answer:
        err = answer.get("error") or {}
        raise ScanError(f"clusop could not group the files: {err.get('message', '')}")
    apps = [_App(str(a.get("app_key", "")), [by_name[p] for p in a.get("parts") or [] if p in by_name])
            for a in answer.get("applications") or []]
    skipped = [FileError(str(s.get("path", "")), str(s.get("message", ""))) for s in answer.get("skipped") or []]
    return [a for a in apps if a.parts], skipped


# ---------------------------------------------------------------------------- reading
def _read_application(app: _App, options: Mapping[str, Any]) -> Tuple[Optional[str], List[FileError]]:
    """Feeds one application's parts to one stream; (its clusop.scan/1 document, file errors)."""
    from . import _core

    errors: List[FileError] = []
    stream = None
    failed_at = app.parts[0].name
    buf = bytearray(CHUNK_BYTES)
    view = memoryview(buf)
    for part in app.parts:
        try:
            f = part.open()
        except (OSError, zipfile.BadZipFile, ValueError) as e:
            errors.append(FileError(part.name, f"cannot read: {getattr(e, 'strerror', None) or e}"))
            continue
        with f:
            if stream is None:
                request = dict(options)
                request["name"] = part.name
                stream = _core.Stream(json.dumps(request, ensure_ascii=False, allow_nan=False).encode("utf-8"))
            failed_at = part.name
            if not stream.next_file(part.name):
                break
            ok = True
            try:
                while True:
                    n = f.readinto(buf)
                    if not n:
                        break
                    if not stream.feed(view[:n]):
                        ok = False
                        break
            except (OSError, zipfile.BadZipFile, ValueError, EOFError) as e:
                errors.append(FileError(part.name, f"cannot read: {getattr(e, 'strerror', None) or e}"))
            if not ok:
                break
    view.release()
    if stream is None:
        return None, errors
    answer = stream.finish().decode("utf-8", errors="replace")
    doc = json.loads(answer)
    if "error" in doc and not doc.get("applications"):
        err = doc.get("error") or {}
        errors.append(FileError(failed_at, str(err.get("message") or err.get("code") or "unreadable")))
        return None, errors
    return answer, errors


def merge_documents(documents: List[str], errors: List[FileError]) -> str:
    """One clusop.scan/1 document from the per-application ones the core wrote: their
    applications (the core's bytes, in the layout's order) and every file error."""
    apps: List[str] = []
    all_errors: List[Dict[str, str]] = [{"path": e.path, "message": e.message} for e in errors]
    for text in documents:
        doc = json.loads(text)
        apps.extend(_raw_array_items(text, "applications"))
        all_errors.extend({"path": str(e.get("path", "")), "message": str(e.get("message", ""))}
                          for e in doc.get("errors") or [])
    errors[:] = [FileError(e["path"], e["message"]) for e in all_errors]
    return ('{"schema":' + json.dumps(SCHEMA) + ',"applications":[' + ",".join(apps) + '],"errors":'
            + json.dumps(all_errors, ensure_ascii=False, separators=(",", ":")) + "}")


def _raw_array_items(text: str, key: str) -> List[str]:
    """The raw text of each element of the top-level array ``key`` (the core's own bytes)."""
    depth = 0
    i = 0
    n = len(text)
    items: List[str] = []
    target = json.dumps(key)
    in_target = False
    start = -1
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if depth == 1 and not in_target and text[i:j + 1] == target:
                k = j + 1
                while k < n and text[k] in " \t\r\n:":
                    k += 1
                if k < n and text[k] == "[":
                    in_target = True
                    depth = 2
                    i = k + 1
                    start = -1
                    continue
            if in_target and depth == 2 and start < 0:
                start = i
            i = j + 1
            continue
        if c in "{[":
            if in_target and depth == 2 and start < 0:
                start = i
            depth += 1
        elif c in "}]":
            depth -= 1
            if in_target and depth == 1:
                if start >= 0:
                    items.append(text[start:i].strip())
                return items
        elif c == "," and in_target and depth == 2:
            if start >= 0:
                items.append(text[start:i].strip())
            start = -1
        elif in_target and depth == 2 and start < 0 and not c.isspace():
            start = i
        i += 1
    return items


def _nothing_message(described: List[str], errors: List[FileError]) -> str:
    what = ", ".join(described[:3]) + (" ..." if len(described) > 3 else "") or "the input"
    why = "; ".join(f"{e.path}: {e.message}" for e in errors[:3]) + (" ..." if len(errors) > 3 else "")
    return (f"clusop.scan: nothing readable as a Spark event log in {what}: expected an event-log file "
            f"(JSON lines, plain or zstd/gzip/lz4/snappy/lzf), a rolling eventlog_v2_ folder, a Databricks "
            f"eventlog folder, a folder of them or a zip archive" + (f" ({why})" if why else ""))
