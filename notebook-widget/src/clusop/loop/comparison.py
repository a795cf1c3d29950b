"""The before/after table of two runs of one job: each figure as the core wrote it for each run,
the change between them (for reading only), and whether the figure the change targets went down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from .scan_run import FIGURES, TARGET, figure, join_strategies


@dataclass(frozen=True)
class Row:
    name: str
    unit: str
    before: Optional[float]
    after: Optional[float]
    targeted: bool

    @property
    def lower(self) -> Optional[bool]:
        """True when the after run's figure is below the before run's; None when either is unknown."""
        if self.before is None or self.after is None:
            return None
        return self.after < self.before

    def to_dict(self) -> Dict[str, Any]:
        return {"figure": self.name, "unit": self.unit, "before": self.before, "after": self.after,
                "targeted": self.targeted, "lower": self.lower}


@dataclass(frozen=True)
class Comparison:
    rows: List[Row]
    joins_before: List[str]
    joins_after: List[str]
    target: Optional[str]

    @property
    def improved(self) -> Optional[bool]:
        """The targeted figure went down (None: no figure targeted or it is unknown)."""
        for r in self.rows:
            if r.targeted:
                return r.lower
        return None

    def row(self, name: str) -> Row:
        return next(r for r in self.rows if r.name == name)

    def to_dict(self) -> Dict[str, Any]:
        return {"target": self.target, "improved": self.improved, "rows": [r.to_dict() for r in self.rows],
                "joins_before": self.joins_before, "joins_after": self.joins_after}


def compare(before: Dict[str, Any], after: Dict[str, Any], rules: Sequence[str]) -> Comparison:
    target = next((TARGET[r] for r in rules if r in TARGET), None)
    rows = [Row(f.name, f.unit, figure(before, f), figure(after, f), f.name == target) for f in FIGURES]
    return Comparison(rows, join_strategies(before), join_strategies(after), target)


def _show(value: Optional[float], unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "bytes":
        for step, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
            if abs(value) >= step:
                return f"{value / step:.1f} {name}"
        return f"{int(value)} B"
    if unit == "ms":
        return f"{value / 1000:.1f} s"
    if unit == "usd":
        return f"${value:.4f}"
    return f"{value:.4g}"


def _change(r: Row) -> str:
    if r.before is None or r.after is None:
        return ""
    if r.before == r.after:
        return "="
    if r.before == 0:
        return "new"
    return f"{(r.after - r.before) / abs(r.before) * 100:+.0f}%"


def markdown_table(c: Comparison) -> str:
    lines = ["| figure | before | after | change |", "| --- | ---: | ---: | ---: |"]
    for r in c.rows:
        name = f"**{r.name}** (targeted)" if r.targeted else r.name
        lines.append(f"| {name} | {_show(r.before, r.unit)} | {_show(r.after, r.unit)} | {_change(r)} |")
    if c.joins_before or c.joins_after:
        lines.append(f"| joins | {', '.join(c.joins_before) or '-'} | {', '.join(c.joins_after) or '-'} | |")
    return "\n".join(lines)
