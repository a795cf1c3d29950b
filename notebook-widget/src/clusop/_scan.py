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
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ._request import request_options
from ._scan_document import INDENT, document, error_json, raw_array_items
from ._scan_inputs import Source, list_inputs
from ._scan_model import FileError, ScanError, ScanResult
from ._scan_settings import validate_options

CHUNK_BYTES = 1 << 20
# what reading a file can raise: the part is reported, not the scan
_READ_ERRORS = (OSError, EOFError, ValueError)

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

    sources, errors, described = list_inputs(path_or_paths)
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


# ---------------------------------------------------------------------------- grouping
@dataclass(frozen=True)
class _App:
    key: str
    parts: List[Source]
    warnings: List[str]


def _group(sources: List[Source]) -> Tuple[List[_App], List[FileError]]:
    """The core's grouping of the listed names into applications, each with its parts in order;
    and the files it leaves out (foreign files, markers), as the command line reports them."""
    if not sources:
        return [], []
    from . import _core

    by_name: Dict[str, Source] = {}
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
@dataclass
class _Outcome:
    """One application read: its object and its own errors as the core wrote them (when any
    event was read), else the errors that say why not."""

    app_text: Optional[str] = None
    app_errors_text: Optional[List[str]] = None
    errors: Optional[List[FileError]] = None


def _read_application(app: _App, options: Mapping[str, Any]) -> _Outcome:
    """Feeds one application's parts, in order, to one stream; stops at the first part that
    cannot be read, as the command line does (cli/scan_runner.cpp)."""
    from . import _core

    first_name = app.parts[0].name if app.parts else app.key
    request = dict(options)
    request["name"] = first_name
    request["indent"] = INDENT
    stream = _core.Stream(json.dumps(request, ensure_ascii=False, allow_nan=False).encode("utf-8"))
    error, refused = "", False
    buf = bytearray(CHUNK_BYTES)
    view = memoryview(buf)
    try:
        for i, part in enumerate(app.parts):
            if i > 0 and not stream.next_file(part.name):
                error = f"cannot read {part.name}"
                break
            error, refused = _feed_part(stream, part, i == 0, buf, view)
            if error:
                break
    finally:
        view.release()
    answer = stream.finish().decode("utf-8", errors="replace")
    if refused:  # its first bytes are no event log: nothing was scanned, the refusal says why
        return _Outcome(errors=[FileError(first_name, error)])
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
        return _Outcome(app_text=raw_array_items(answer, "applications")[0],
                        app_errors_text=raw_array_items(answer, "errors"))
    errors: List[FileError] = []
    if error and not app_errors:
        errors.append(FileError(first_name, error))
    errors.extend(FileError(str(e.get("path", "")), str(e.get("message", ""))) for e in app_errors)
    if not errors:
        errors.append(FileError(first_name, "no Spark event could be read"))
    return _Outcome(errors=errors)


def _feed_part(stream, part: Source, first: bool, buf: bytearray, view: memoryview) -> Tuple[str, bool]:
    """Feeds one part in 1 MiB chunks. (why it stopped the application or '', whether its first
    bytes were refused as no event log: the core's decision and words)."""
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
                        return refusal, True
                fed += n
                if not stream.feed(view[:n]):
                    return "the stream stopped", False
    except _READ_ERRORS as e:
        return f"cannot read {part.name}: {getattr(e, 'strerror', None) or e}", False
    if first and fed == 0:
        return _core.refusal(b"", True), True
    return "", False


def _feed_zip_member(stream, part: Source, first: bool) -> Tuple[str, bool]:
    """Feeds a zip member, inflated by the core's zip reader from the mapped archive."""
    from . import _core

    try:
        with part.open() as archive:
            outcome, detail = stream.feed_zip_member(archive, part.zip_index, first)
    except OSError as e:
        return f"cannot read {part.name}: {e.strerror or e}", False
    if outcome == "refused":
        return detail, True
    if outcome == "empty":
        return _core.refusal(b"", True), True
    if outcome == "stopped":
        return "the stream stopped", False
    return (detail if outcome == "error" else ""), False


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
    items = [error_json(e) for e in errors]
    for o in read:
        items.extend(o.app_errors_text or [])
    return document([o.app_text for o in read], items), errors


def _nothing_message(described: List[str], errors: List[FileError]) -> str:
    """Why nothing was read, in the command line's words (cli/scan_output.cpp)."""
    if not errors:
        what = ", ".join(described[:3]) + (" ..." if len(described) > 3 else "")
        return (f"clusop.scan: no event log found in {what or 'the paths given'} "
                f"(expected event-log files, folders or zip archives)")
    if len(errors) == 1:
        return f"clusop.scan: nothing could be read: {errors[0].path}: {errors[0].message}"
    return (f"clusop.scan: nothing could be read ({len(errors)} inputs failed; each is listed in "
            f"ScanError.errors): expected Spark event logs")
