"""clusop.scan: whole Spark event logs, read by the core.

Python lists the files (a face touches the file system; the core never does): paths, folders
walked recursively, zip archives opened member by member, bytes given in memory. The core
decides the rest: which files make one application and in what order (``clusop_layout``), each
part's codec and meaning (the stream), and the whole document with every error worded
(``clusop_scan_document``): this face passes names, bytes and the system's reasons, never
sentences of its own. Each part is read in 1 MiB chunks, never whole, and fed to one stream per
application; applications are read in parallel threads (the core releases the GIL while it
decodes).
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ._request import request_options
from ._scan_inputs import Issue, Source, list_inputs
from ._scan_model import FileError, ScanError, ScanResult
from ._scan_settings import validate_options
from .pyrules import resolve_rules_dir, with_python_rules

CHUNK_BYTES = 1 << 20
# the command line prints the document with this indentation (cli/scan_command.cpp); the streams
# answer with the same, so the core cuts their applications out as they are
INDENT = 2
# what reading a file can raise: the part is reported, not the scan
_READ_ERRORS = (OSError, EOFError, ValueError)

PathInput = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def scan(path_or_paths: Union[PathInput, Sequence[PathInput]], *, jobs: Optional[int] = None,
         cluster: Optional[Mapping[str, Any]] = None, python_rules: Union[str, os.PathLike, bool, None] = None,
         **settings: Any) -> ScanResult:
    """Reads Spark event logs with clusop's core; returns a :class:`ScanResult`.

    ``path_or_paths``: a path (``str`` or ``os.PathLike``) or a list of them: an event-log file
    (plain, zstd, gzip, lz4, snappy, lzf; ``.inprogress`` too), a rolling folder
    ``eventlog_v2_<app>/``, a Databricks delivery folder, a folder holding many applications
    (walked recursively), a zip archive of logs; or ``bytes`` holding one log's content.

    Keyword settings as for :func:`clusop.analyze` (``engine``, ``photon_enabled``,
    ``price_table``, ``cloud``, ``sku``, ``tier``, ``node_type``, ``driver_node_type``,
    ``workers``, ``runtime_seconds``, ``runs_per_day``, ``photon_multiplier``, ``usd_per_dbu``,
    ``billing`` or ``cluster={...}``); the values the log states (cluster shape, engine, durations) are used
    where none is given. ``jobs``: threads reading applications at once (default: the CPUs).

    ``python_rules``: a folder of ``@rule`` functions (:mod:`clusop.pyrules`) whose findings the
    core ranks with its own; by default ``$CLUSOP_RULES_DIR`` or ``./clusop_rules`` when it
    exists; ``False`` for none.

    A file that cannot be read becomes an entry of ``errors`` and the others are still read;
    :class:`ScanError` when nothing could be read. An unknown setting value is a ``ValueError``
    listing the accepted ones; an unknown setting name a ``TypeError``.
    """
    options = request_options(cluster, **settings)
    validate_options(options)
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise ValueError("jobs must be a positive integer (threads reading applications at once)")

    rules_dir = resolve_rules_dir(python_rules)
    sources, issues = list_inputs(path_or_paths)
    names, apps = _group(sources)
    if not apps:
        _document(names, issues, [])  # raises: nothing to read, in the core's words

    workers = min(len(apps), jobs or os.cpu_count() or 1)
    if workers == 1:
        outcomes = [_read_application(app, options) for app in apps]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clusop-scan") as pool:
            outcomes = list(pool.map(lambda app: _read_application(app, options), apps))

    return ScanResult.from_json(with_python_rules(_document(names, issues, outcomes), rules_dir))



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


# ---------------------------------------------------------------------------- grouping
@dataclass(frozen=True)
class _App:
    key: str
    parts: List[Source]


def _group(sources: List[Source]) -> Tuple[List[str], List[_App]]:
    """The names listed, and the core's grouping of them into applications, each with its parts
    in order (the files it leaves out are among the document's errors, clusop_scan_document)."""
    by_name: Dict[str, Source] = {}
    for s in sources:
        by_name.setdefault(s.name, s)
    names = list(by_name)
    if not names:
        return names, []
    from . import _core

    answer = json.loads(_core.layout(json.dumps({"paths": names}, ensure_ascii=False).encode("utf-8")))
    if "error" in answer:
        err = answer.get("error") or {}
        raise ScanError(f"clusop could not group the files: {err.get('message', '')}")
    apps = [_App(str(a.get("app_key", "")), [by_name[p] for p in a.get("parts") or [] if p in by_name])
            for a in answer.get("applications") or []]
    return names, apps


# ---------------------------------------------------------------------------- reading
@dataclass
class _Outcome:
    """One application read: the stream's answer, and what stopped it before the stream could
    say (a read failure or a refusal), for clusop_scan_document."""

    answer: str = ""
    stopped: Optional[Dict[str, str]] = None

    def request(self) -> Dict[str, Any]:
        return {"answer": self.answer, "stopped": self.stopped}


def _read_application(app: _App, options: Mapping[str, Any]) -> _Outcome:
    """Feeds one application's parts, in order, to one stream; stops at the first part that
    cannot be read, as the command line does (cli/scan_runner.cpp)."""
    from . import _core

    first_name = app.parts[0].name if app.parts else app.key
    request = dict(options)
    request["name"] = first_name
    request["indent"] = INDENT
    stream = _core.Stream(json.dumps(request, ensure_ascii=False, allow_nan=False).encode("utf-8"))
    stopped: Optional[Dict[str, str]] = None
    buf = bytearray(CHUNK_BYTES)
    view = memoryview(buf)
    try:
        for i, part in enumerate(app.parts):
            if i > 0 and not stream.next_file(part.name):
                stopped = {"problem": "read_failed", "path": part.name, "reason": ""}
                break
            stopped, go_on = _feed_part(stream, part, i == 0, buf, view)
            if stopped or not go_on:
                break
    finally:
        view.release()
    answer = stream.finish().decode("utf-8", errors="replace")
    # a failed stream answers {"schema", "error": {...}} in a few bytes; an application is long
    err = (json.loads(answer).get("error") or {}) if '"error": {' in answer[:_ERROR_HEAD] else {}
    if err.get("code") == "bad_request":
        raise ValueError(f"clusop.scan: {err.get('message', '')}")
    return _Outcome(answer=answer, stopped=stopped)


def _feed_part(stream, part: Source, first: bool, buf: bytearray,
               view: memoryview) -> Tuple[Optional[Dict[str, str]], bool]:
    """Feeds one part in 1 MiB chunks. (what stopped the application before the stream could
    say, or None; whether the stream goes on)."""
    from . import _core

    if part.zip_index is not None:
        return _feed_zip_member(stream, part, first)
    fed = 0
    try:
        with part.open() as f:
            while True:
                n = f.readinto(buf)
                if not n:
                    break
                if first and fed == 0:
                    refusal = _core.refusal(bytes(view[:min(n, _INPUT_KIND_HEAD)]), n == part.size)
                    if refusal:
                        return _refused(refusal), False
                fed += n
                if not stream.feed(view[:n]):
                    return None, False  # the stream's answer says why
    except _READ_ERRORS as e:
        return {"problem": "read_failed", "path": part.name, "reason": str(getattr(e, "strerror", None) or e)}, False
    if first and fed == 0:
        return _refused(_core.refusal(b"", True)), False
    return None, True


def _refused(reason: str) -> Dict[str, str]:
    """Its first bytes are no event log (the core's decision and words): nothing was scanned."""
    return {"problem": "refused", "reason": reason}


def _feed_zip_member(stream, part: Source, first: bool) -> Tuple[Optional[Dict[str, str]], bool]:
    """Feeds a zip member, inflated by the core's zip reader from the mapped archive."""
    from . import _core

    try:
        with part.open() as archive:
            outcome, detail = stream.feed_zip_member(archive, part.zip_index, first)
    except OSError as e:
        return {"problem": "read_failed", "path": part.name, "reason": str(e.strerror or e)}, False
    if outcome == "refused":
        return _refused(detail), False
    if outcome == "empty":
        return _refused(_core.refusal(b"", True)), False
    if outcome == "stopped":
        return None, False
    if outcome == "error":  # the core's zip reader's words on the member
        return {"problem": "zip_member_failed", "reason": detail}, False
    return None, True


_INPUT_KIND_HEAD = 64 << 10
_ERROR_HEAD = 64


def _document(names: List[str], issues: List[Issue], outcomes: List[_Outcome]) -> str:
    """The clusop.scan/1 document, written by the core (clusop_scan_document) from the names
    listed, what the listing met and each application's answer: the same bytes as
    ``clusop scan --format json``. Raises :class:`ScanError` when nothing could be read."""
    from . import _core

    request = {"paths": names, "listing": issues, "applications": [o.request() for o in outcomes], "indent": INDENT}
    text = _core.scan_document(json.dumps(request, ensure_ascii=False).encode("utf-8")).decode("utf-8", errors="replace")
    doc = json.loads(text)
    if "error" in doc:
        err = doc.get("error") or {}
        raise ScanError(f"clusop could not assemble the scan: {err.get('message', '')}")
    if "nothing_read" in doc:
        errors = [FileError(str(e.get("path", "")), str(e.get("message", ""))) for e in doc.get("errors") or []]
        raise ScanError(f"clusop.scan: {doc['nothing_read']}", errors)
    return text
