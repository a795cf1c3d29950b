"""What a certify run found: the catch rate of the fixture suite and the Delta feature matrix,
stamped with the engine and the versions; JSON-able (``to_dict``/``to_json``) and a short table."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional

SCHEMA = "clusop.certify/1"

# a fixture's outcome against its expectation
CAUGHT = "caught"              # fallback expected and found, with the expected cause
WRONG_CAUSE = "wrong_cause"    # fallback expected and found, another cause named
MISSED = "missed"              # fallback expected, none found
CLEAN = "clean"                # clean expected, left clean
FALSE_ALARM = "false_alarm"    # clean expected, a fallback reported
NOT_COUNTED = "not_counted"    # no known expectation on this engine
ERROR = "error"                # the fixture could not run or its plan could not be analysed

# a Delta feature's row
NATIVE = "native"
FELL_BACK = "fell back"
UNSUPPORTED = "unsupported by this runtime"


@dataclass
class FixtureResult:
    name: str
    what: str
    expect: str
    expected_cause: Optional[str]
    counted: bool
    status: str
    verdict_kind: Optional[str] = None
    verdict_cause: Optional[str] = None
    fallback_causes: List[str] = field(default_factory=list)
    key_operators: List[str] = field(default_factory=list)
    fallback_weight: Optional[float] = None
    engine: Optional[str] = None
    engine_source: Optional[str] = None
    plan_source: Optional[str] = None
    plan_state: Optional[str] = None
    error: Optional[str] = None


@dataclass
class Fallback:
    step: str
    func: str
    reads_table: bool         # the execution reads the table's data files (else Delta's own log)
    cause: str
    operators: List[str]
    key_operator: Optional[str]


@dataclass
class Step:
    step: str
    executions: int
    table_executions: int
    fallbacks: int


@dataclass
class MatrixRow:
    feature: str
    exercise: str
    status: str
    enabled: Optional[bool] = None        # what the fixture asked for (table property / conf)
    active: Optional[bool] = None         # what the table says after the run (DESCRIBE DETAIL)
    table_fell_back: Optional[bool] = None
    log_fell_back: Optional[bool] = None
    where: List[Fallback] = field(default_factory=list)
    steps: List[Step] = field(default_factory=list)
    reason: Optional[str] = None


@dataclass
class CertifyReport:
    engine: str
    engine_source: str
    engine_version: Optional[str]
    spark_version: str
    delta_version: Optional[str]
    clusop_version: str
    fixtures: List[FixtureResult] = field(default_factory=list)
    delta_matrix: List[MatrixRow] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    schema: str = SCHEMA

    # ---------------------------------------------------------------- the catch rate
    def catch_rate(self) -> Dict[str, Dict[str, int]]:
        counted = [f for f in self.fixtures if f.counted]
        falls = [f for f in counted if f.expect == "fallback"]
        cleans = [f for f in counted if f.expect == "clean"]
        return {
            "fallbacks_found": {"n": sum(f.status in (CAUGHT, WRONG_CAUSE) for f in falls), "of": len(falls)},
            "clean_left_clean": {"n": sum(f.status == CLEAN for f in cleans), "of": len(cleans)},
            "right_cause": {"n": sum(f.status == CAUGHT for f in falls), "of": len(falls)},
        }

    def to_dict(self) -> Dict[str, Any]:
        return {
            "schema": self.schema,
            "engine": self.engine, "engine_source": self.engine_source, "engine_version": self.engine_version,
            "spark_version": self.spark_version, "delta_version": self.delta_version,
            "clusop_version": self.clusop_version,
            "catch_rate": self.catch_rate(),
            "fixtures": [asdict(f) for f in self.fixtures],
            "delta_matrix": [asdict(r) for r in self.delta_matrix],
            "notes": list(self.notes),
        }

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    # ---------------------------------------------------------------- the short table
    def text(self) -> str:
        out = [f"clusop certify: engine {self.engine} ({self.engine_source}) {self.engine_version or '?'}, "
               f"Spark {self.spark_version}, Delta {self.delta_version or 'absent'}, clusop {self.clusop_version}"]
        rate = self.catch_rate()
        out.append("catch rate: " + ", ".join(f"{k.replace('_', ' ')} {v['n']}/{v['of']}" for k, v in rate.items()))
        if self.fixtures:
            out.append("")
            out.append(_table(["fixture", "expected", "found", "status"], [
                [f.name, f.expect + (f" ({f.expected_cause})" if f.expected_cause else ""),
                 _found(f), f.status + ("" if f.counted else " (no expectation on this engine)")]
                for f in self.fixtures]))
        if self.delta_matrix:
            out.append("")
            out.append(_table(["Delta feature", "exercise", "active", "status", "where (table data)"], [
                [r.feature, r.exercise, _yes(r.active), r.status, _where(r)] for r in self.delta_matrix]))
        for n in self.notes:
            out.append(f"note: {n}")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.text()


def _found(f: FixtureResult) -> str:
    if f.error:
        return f.error[:60]
    if f.verdict_kind in (None, "none"):
        return "clean"
    return f"fallback ({f.verdict_cause})" + (f" at {', '.join(f.key_operators[:2])}" if f.key_operators else "")


def _yes(v: Optional[bool]) -> str:
    return "-" if v is None else ("yes" if v else "no")


def _where(r: MatrixRow) -> str:
    if r.reason and r.status != FELL_BACK:
        return r.reason[:70]
    seen = []
    for f in r.where:
        if f.reads_table:
            s = f"{f.step}: {f.key_operator or '?'} ({f.cause})"
            if s not in seen:
                seen.append(s)
    return "; ".join(seen[:3]) + (" ..." if len(seen) > 3 else "") if seen else "-"


def _table(head: List[str], rows: List[List[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])
