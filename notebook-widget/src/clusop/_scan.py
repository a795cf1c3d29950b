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
import re
import stat
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from ._request import request_options
from ._scan_model import FileError, ScanError, ScanResult

CHUNK_BYTES = 1 << 20
SCHEMA = "clusop.scan/1"
# the command line prints the document with this indentation (cli/scan_command.cpp); the core
# writes each application's part of it with the same, so its bytes are kept as they are
INDENT = 2
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

    text, all_errors = _document(outcomes, apps, errors)
    if not any(o.app_text is not None for o in outcomes):
        raise ScanError(_nothing_message(described, all_errors), all_errors)
    return ScanResult.from_json(text)


def show_scan(result: ScanResult) -> None:
    """Displays a scan as the web app's application view (a widget; static HTML where widgets
    do not run): per application, the stage timeline, the task-duration spread of the worst
    stages, the SQL executions with their fallbacks and modeled dollars, each opening its final
    plan's tree. ``clusop.show(result)`` does the same."""
    from IPython.display import display

    display(scan_widget(result))


def scan_widget(result: ScanResult):
    """The widget :func:`show_scan` displays, without displaying it."""
    from ._widget import ScanWidget

    if not isinstance(result, ScanResult):
        raise TypeError(f"clusop.show_scan: expected the ScanResult of clusop.scan, not {type(result).__name__}")
    return ScanWidget(scan_json=result.to_json())


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
# The rules and words of the command line's listing (cli/file_listing.cpp, cli/scan_inputs.cpp),
# so that `clusop scan --format json` and clusop.scan give the same document.
_EXPECTED = "(expected an event-log file, a folder or a zip)"


@dataclass(frozen=True)
class _Source:
    """One file to feed: its name for the core, how to open it as a binary stream, its size."""

    name: str
    open: Callable[[], Any]
    size: int


def _list_inputs(path_or_paths: Any) -> Tuple[List[_Source], List[FileError], List[str]]:
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

    sources: List[_Source] = []
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
            sources.append(_Source(path, lambda path=path: open(path, "rb"), size))
    for name, data in memory:
        if data[:4] in _ZIP_MAGIC:
            _list_zip(name, lambda data=data: _BytesFile(data), sources, errors)
        else:
            sources.append(_Source(name, lambda data=data: _BytesFile(data), len(data)))
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


def _list_zip(name: str, opener: Callable[[], Any], sources: List[_Source], errors: List[FileError]) -> None:
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
        sources.append(_Source(f"{name}/{m.filename}", _member_opener(opener, m.filename), m.file_size))


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


# ---------------------------------------------------------------------------- grouping
@dataclass(frozen=True)
class _App:
    key: str
    parts: List[_Source]
    warnings: List[str]


def _group(sources: List[_Source]) -> Tuple[List[_App], List[FileError]]:
    """The core's grouping of the listed names into applications, each with its parts in order;
    and the files it leaves out (foreign files, markers), as the command line reports them."""
    if not sources:
        return [], []
    from . import _core

    by_name: Dict[str, _Source] = {}
    for s in sources:
        by_name.setdefault(s.name, s)
    answer = json.loads(_core.layout(json.dumps({"paths": list(by_name)}, ensure_ascii=False).encode("utf-8")))
    if "error" in answer:
        err = answer.get("error") or {}
        raise ScanError(f"clusop could not group the files: {err.get('message', '')}")
    apps = [_App(str(a.get("app_key", "")), [by_name[p] for p in a.get("parts") or [] if p in by_name],
                 [str(w) for w in a.get("warnings") or []])
            for a in answer.get("applications") or []]
    skipped = [FileError(str(s.get("path", "")), "skipped: " + str(s.get("message", "")))
               for s in answer.get("skipped") or []]
    return apps, skipped


# ---------------------------------------------------------------------------- reading
_REFUSED = {
    # the first bytes of an application must look like an event log (the core decides what
    # they are; the words are the command line's, cli/scan_runner.cpp)
    "empty": "empty file (expected a Spark event log)",
    "binary": ("binary data that is no known codec (expected a Spark event log: JSON lines, zstd, gzip, "
               "lz4, snappy or lzf)"),
    "plan_text": "text that is not a Spark event log (expected JSON lines starting {\"Event\": ...)",
}


@dataclass
class _Outcome:
    """One application read: its object and its own errors as the core wrote them (when any
    event was read), else the errors that say why not."""

    app_text: Optional[str] = None
    app_errors_text: Optional[List[str]] = None
    errors: Optional[List[FileError]] = None


def _read_application(app: _App, options: Mapping[str, Any]) -> _Outcome:
    """Feeds one application's parts, in order, to one stream; stops at the first part that
    cannot be read, as the command line does."""
    from . import _core

    first_name = app.parts[0].name if app.parts else app.key
    request = dict(options)
    request["name"] = first_name
    request["indent"] = INDENT
    stream = _core.Stream(json.dumps(request, ensure_ascii=False, allow_nan=False).encode("utf-8"))
    error = ""
    buf = bytearray(CHUNK_BYTES)
    view = memoryview(buf)
    try:
        for i, part in enumerate(app.parts):
            if i > 0 and not stream.next_file(part.name):
                error = f"cannot read {part.name}"
                break
            error = _feed_part(stream, part, i == 0, buf, view)
            if error:
                break
    finally:
        view.release()
    answer = stream.finish().decode("utf-8", errors="replace")
    doc = json.loads(answer)
    if "error" in doc:
        err = doc.get("error") or {}
        if err.get("code") == "bad_request":
            raise ValueError(f"clusop.scan: {err.get('message', '')}")
        return _Outcome(errors=[FileError(first_name, str(err.get("message") or err.get("code")))])
    apps = doc.get("applications") or []
    app_errors = doc.get("errors") or []
    read = bool(apps) and ((apps[0].get("read") or {}).get("events") or 0) > 0
    if read:
        return _Outcome(app_text=_raw_array_items(answer, "applications")[0],
                        app_errors_text=_raw_array_items(answer, "errors"))
    errors: List[FileError] = []
    if error and not app_errors:
        errors.append(FileError(first_name, error))
    errors.extend(FileError(str(e.get("path", "")), str(e.get("message", ""))) for e in app_errors)
    if not errors:
        errors.append(FileError(first_name, "no Spark event could be read"))
    return _Outcome(errors=errors)


def _feed_part(stream, part: _Source, first: bool, buf: bytearray, view: memoryview) -> str:
    """Feeds one part in 1 MiB chunks; the reason it stopped the application, or ''."""
    from . import _core

    fed = 0
    try:
        with part.open() as f:
            while True:
                n = f.readinto(buf)
                if not n:
                    break
                if first and fed == 0:
                    kind = _core.input_kind(bytes(view[:min(n, _INPUT_KIND_HEAD)]), n == part.size)
                    if kind in _REFUSED:
                        return _REFUSED[kind]
                fed += n
                if not stream.feed(view[:n]):
                    return "the stream stopped"
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as e:
        return f"cannot read {part.name}: {getattr(e, 'strerror', None) or e}"
    if first and fed == 0:
        return _REFUSED["empty"]
    return ""


_INPUT_KIND_HEAD = 64 << 10


def _document(outcomes: List[_Outcome], apps: List[_App], session_errors: List[FileError]) -> Tuple[str, List[FileError]]:
    """The clusop.scan/1 document, laid out as the core's writer lays it out (report/scan_json.cpp):
    the applications read, then the errors: the listing's, the layout's, each unread
    application's, then each read application's own."""
    errors = list(session_errors)
    for app, outcome in zip(apps, outcomes):
        errors.extend(FileError(app.key, "layout: " + w) for w in app.warnings)
        if outcome.app_text is None:
            errors.extend(outcome.errors or [])
    read = [o for o in outcomes if o.app_text is not None]
    items = [_error_json(e) for e in errors]
    for o in read:
        items.extend(o.app_errors_text or [])
    text = ("{" + _nl(1) + '"schema": ' + _json_string(SCHEMA) + "," + _nl(1) + '"applications": '
            + _array([o.app_text for o in read]) + "," + _nl(1) + '"errors": ' + _array(items) + _nl(0) + "}")
    return text, errors


def _nl(depth: int) -> str:
    return "\n" + " " * (depth * INDENT)


def _array(items: List[str]) -> str:
    """Elements already written at depth 2 (in the top-level object's arrays)."""
    if not items:
        return "[]"
    return "[" + ",".join(_nl(2) + item for item in items) + _nl(1) + "]"


def _error_json(e: FileError) -> str:
    return ("{" + _nl(3) + '"path": ' + _json_string(e.path) + "," + _nl(3) + '"message": '
            + _json_string(e.message) + _nl(2) + "}")


def _json_string(value: str) -> str:
    """A JSON string escaped as the core's JsonWriter escapes it."""
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _raw_array_items(text: str, key: str) -> List[str]:
    """The raw text of each element of the top-level array ``key`` of a document the core wrote
    with INDENT. Every raw newline there is layout (newlines inside strings are escaped), so the
    array's elements start on lines indented twice and the array closes on a line indented once."""
    one, two = " " * INDENT, " " * (2 * INDENT)
    opener = "\n" + one + _json_string(key) + ": ["
    begin = text.find(opener)
    if begin < 0:
        raise ValueError(f"clusop: no {key!r} array in the core's answer")
    begin += len(opener)
    if text.startswith("]", begin):
        return []
    end = text.find("\n" + one + "]", begin)
    if end < 0:
        raise ValueError(f"clusop: the {key!r} array of the core's answer is not closed")
    body = text[begin:end]
    # an element's own lines are indented deeper: a separator is followed by no further space
    return [item.strip() for item in re.split(",\n" + two + "(?! )", body) if item.strip()]


def _nothing_message(described: List[str], errors: List[FileError]) -> str:
    what = ", ".join(described[:3]) + (" ..." if len(described) > 3 else "") or "the input"
    why = "; ".join(f"{e.path}: {e.message}" for e in errors[:3]) + (" ..." if len(errors) > 3 else "")
    return (f"clusop.scan: nothing readable as a Spark event log in {what}: expected an event-log file "
            f"(JSON lines, plain or zstd/gzip/lz4/snappy/lzf), a rolling eventlog_v2_ folder, a Databricks "
            f"eventlog folder, a folder of them or a zip archive" + (f" ({why})" if why else ""))
