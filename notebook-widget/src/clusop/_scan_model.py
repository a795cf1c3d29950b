"""The scan contract (clusop.scan/1, README.md of the repository) as dataclasses.

Views of the core's answer, nothing more: every value is read from the JSON the core wrote, and
:meth:`ScanResult.to_dict` returns that JSON (parsed), key for key. Fields the core adds later
are not lost: they are in ``to_dict()``, in each object's ``raw`` and in the DataFrames.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from ._model import Analysis, AnalysisError

__all__ = [
    "ScanError",
    "ScanResult",
    "Application",
    "Stage",
    "TaskDurations",
    "SqlExecution",
    "FileError",
]


class ScanError(Exception):
    """Nothing given could be read as a Spark event log. ``errors`` holds each file's reason."""

    def __init__(self, message: str, errors: Optional[List["FileError"]] = None):
        super().__init__(message)
        self.message = message
        self.errors = list(errors or [])


@dataclass(frozen=True)
class FileError:
    """A file (or a zip member, ``archive.zip/member``) that could not be read, and why."""

    path: str
    message: str


@dataclass(frozen=True)
class TaskDurations:
    """Task durations of a stage attempt in milliseconds (from the core's quantile sketch)."""

    p50: Optional[float]
    p95: Optional[float]
    max: Optional[float]
    p75: Optional[float] = None


@dataclass(frozen=True)
class Stage:
    """One stage attempt."""

    stage_id: int
    attempt: int
    num_tasks: Optional[int]
    failed_tasks: Optional[int]
    task_duration_ms: Optional[TaskDurations]
    skew_ratio: Optional[float]
    memory_spilled_bytes: Optional[int]
    disk_spilled_bytes: Optional[int]
    shuffle_read_bytes: Optional[int]
    shuffle_write_bytes: Optional[int]
    executor_run_time_ms: Optional[int]
    name: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Stage":
        td = d.get("task_duration_ms")
        return cls(
            stage_id=d.get("stage_id"),
            attempt=d.get("attempt"),
            num_tasks=d.get("num_tasks"),
            failed_tasks=d.get("failed_tasks"),
            task_duration_ms=None if not isinstance(td, dict) else TaskDurations(
                p50=td.get("p50"), p95=td.get("p95"), max=td.get("max"), p75=td.get("p75")),
            skew_ratio=d.get("skew_ratio"),
            memory_spilled_bytes=d.get("memory_spilled_bytes"),
            disk_spilled_bytes=d.get("disk_spilled_bytes"),
            shuffle_read_bytes=d.get("shuffle_read_bytes"),
            shuffle_write_bytes=d.get("shuffle_write_bytes"),
            executor_run_time_ms=d.get("executor_run_time_ms"),
            name=d.get("name"),
            raw=d,
        )


@dataclass(frozen=True)
class SqlExecution:
    """One SQL execution; ``analysis`` is the plan analysis of its final plan (None: no plan,
    ``analysis_error`` says why)."""

    execution_id: int
    description: Optional[str]
    duration_ms: Optional[float]
    status: Optional[str]
    analysis: Optional[Analysis] = field(repr=False)
    analysis_error: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "SqlExecution":
        analysis = None
        error = d.get("analysis_error")
        a = d.get("analysis")
        if isinstance(a, dict):
            try:
                # the analysis object as JSON text: Analysis.to_json() is this re-serialisation,
                # ScanResult.to_json() keeps the core's bytes
                analysis = Analysis.from_json(json.dumps(a, ensure_ascii=False), plan_source="event_log")
            except AnalysisError as e:
                error = error or e.message
        return cls(
            execution_id=d.get("execution_id"),
            description=d.get("description"),
            duration_ms=d.get("duration_ms"),
            status=d.get("status"),
            analysis=analysis,
            analysis_error=error,
            raw=d,
        )

    @property
    def has_fallback(self) -> bool:
        return bool(self.analysis is not None and self.analysis.has_fallback)


@dataclass(frozen=True, repr=False)
class Application:
    """One application (one attempt) read from its event-log files."""

    app_id: Optional[str]
    attempt: Optional[str]
    spark_version: Optional[str]
    complete: Optional[bool]
    stages: List[Stage]
    sql_executions: List[SqlExecution]
    errors: List[FileError] = field(default_factory=list)  # what went wrong reading this application
    name: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Application":
        attempt = d.get("attempt")
        return cls(
            app_id=d.get("app_id"),
            attempt=None if attempt is None else str(attempt),
            spark_version=d.get("spark_version"),
            complete=d.get("complete"),
            stages=[Stage.from_dict(s) for s in d.get("stages") or []],
            sql_executions=[SqlExecution.from_dict(e) for e in d.get("sql_executions") or []],
            errors=[FileError(path=str(e.get("path", "")), message=str(e.get("message", "")))
                    for e in d.get("errors") or []],
            name=d.get("name") if isinstance(d.get("name"), str) else d.get("app_name"),
            raw=d,
        )

    def __repr__(self) -> str:
        fb = sum(1 for e in self.sql_executions if e.has_fallback)
        state = "complete" if self.complete else "incomplete"
        attempt = "" if self.attempt is None else f", attempt {self.attempt}"
        return (f"Application({self.app_id!r}{attempt}, Spark {self.spark_version}, {state}, "
                f"{len(self.stages)} stage attempts, {len(self.sql_executions)} SQL executions, "
                f"{fb} with fallback)")


@dataclass(frozen=True, repr=False)
class ScanResult:
    """What :func:`clusop.scan` read. ``to_dict()`` is the core's clusop.scan/1 document."""

    schema: str
    applications: List[Application]
    errors: List[FileError]
    _raw: Dict[str, Any] = field(default_factory=dict, compare=False)
    _text: str = field(default="", compare=False)

    @classmethod
    def from_json(cls, text: str) -> "ScanResult":
        d = json.loads(text)
        return cls(
            schema=d.get("schema", ""),
            applications=[Application.from_dict(a) for a in d.get("applications") or []],
            errors=[FileError(path=str(e.get("path", "")), message=str(e.get("message", "")))
                    for e in d.get("errors") or []],
            _raw=d,
            _text=text,
        )

    # ------------------------------------------------------------------ the contract
    def to_dict(self) -> Dict[str, Any]:
        """The clusop.scan/1 document, exactly: a fresh copy each call."""
        return copy.deepcopy(self._raw)

    def to_json(self) -> str:
        """The document's text, as ``clusop scan --format json`` prints it."""
        return self._text

    # ------------------------------------------------------------------ tables
    def stages_df(self):
        """A pandas DataFrame: one row per stage attempt, across applications (``app_id``,
        ``app_attempt`` first; nested objects flattened, e.g. ``task_duration_ms_p95``)."""
        import pandas as pd

        rows = []
        for app in self.applications:
            for s in app.stages:
                row = {"app_id": app.app_id, "app_attempt": app.attempt}
                row.update(_flat(s.raw))
                rows.append(row)
        return pd.DataFrame(rows, columns=_columns(rows, ("app_id", "app_attempt", "stage_id", "attempt")))

    def sql_df(self):
        """A pandas DataFrame: one row per SQL execution, across applications: the core's fields
        (``fallback_weight``, ``waste_usd`` modeled per run, ...) and the analysis' ``verdict``,
        ``cause``, ``engine``, ``has_fallback``."""
        import pandas as pd

        rows = []
        for app in self.applications:
            for e in app.sql_executions:
                row = {"app_id": app.app_id, "app_attempt": app.attempt}
                row.update(_flat({k: v for k, v in e.raw.items() if k != "analysis"}))
                a = e.analysis
                row.update({
                    "has_fallback": None if a is None else a.has_fallback,
                    "verdict": None if a is None else a.verdict.kind,
                    "cause": None if a is None else a.verdict.cause,
                    "engine": None if a is None else a.engine,
                })
                rows.append(row)
        return pd.DataFrame(rows, columns=_columns(rows, ("app_id", "app_attempt", "execution_id")))

    # ------------------------------------------------------------------ display
    @property
    def stage_count(self) -> int:
        return sum(len(a.stages) for a in self.applications)

    @property
    def sql_execution_count(self) -> int:
        return sum(len(a.sql_executions) for a in self.applications)

    def __repr__(self) -> str:
        fb = sum(1 for a in self.applications for e in a.sql_executions if e.has_fallback)
        errs = "" if not self.errors else f", {len(self.errors)} unreadable"
        return (f"ScanResult({len(self.applications)} applications, {self.stage_count} stage attempts, "
                f"{self.sql_execution_count} SQL executions, {fb} with fallback{errs})")

    def _repr_html_(self) -> str:
        from ._scan_html import scan_html

        return scan_html(self.to_dict())


def _flat(d: Dict[str, Any], prefix: str = "") -> Dict[str, Any]:
    """Nested objects one level down become ``outer_inner`` columns; lists stay as values."""
    out: Dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            for k2, v2 in v.items():
                out[f"{prefix}{k}_{k2}"] = v2
        else:
            out[f"{prefix}{k}"] = v
    return out


def _columns(rows: List[Dict[str, Any]], first: tuple) -> List[str]:
    cols = list(first)
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    return cols
