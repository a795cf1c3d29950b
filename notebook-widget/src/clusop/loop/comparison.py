"""The before/after table of two runs of one job, as the core computes it (clusop_compare,
"clusop.compare/1"): each figure as the scan wrote it for each run, the change between them in
numbers and words, and whether the figure the changed rules target went down. Nothing is
computed here; the table is only drawn."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence


class CompareFailed(Exception):
    """The core refused the two runs (its message names what was expected)."""


@dataclass(frozen=True)
class Row:
    name: str
    unit: str
    before: Optional[float]
    after: Optional[float]
    targeted: bool
    lower: Optional[bool]       # the after run's figure is below the before run's (None: unknown)
    before_text: str
    after_text: str
    change_text: str

    def to_dict(self) -> Dict[str, Any]:
        return {"figure": self.name, "unit": self.unit, "before": self.before, "after": self.after,
                "targeted": self.targeted, "lower": self.lower, "change": self.change_text}


@dataclass(frozen=True)
class Comparison:
    rows: List[Row]
    joins_before: List[str]
    joins_after: List[str]
    target: Optional[str]
    improved: Optional[bool]    # the targeted figure went down (None: none targeted, or unknown)
    verdict: Optional[str]
    sentence: str

    def row(self, name: str) -> Row:
        return next(r for r in self.rows if r.name == name)

    def to_dict(self) -> Dict[str, Any]:
        return {"target": self.target, "improved": self.improved, "verdict": self.verdict,
                "sentence": self.sentence, "rows": [r.to_dict() for r in self.rows],
                "joins_before": self.joins_before, "joins_after": self.joins_after}


def compare(before: Dict[str, Any], after: Dict[str, Any], rules: Sequence[str]) -> Comparison:
    from .. import _core  # the native extension

    answer = json.loads(_core.compare(json.dumps({"before": before, "after": after, "rules": list(rules)})))
    if "error" in answer:
        raise CompareFailed(answer["error"].get("message", "the core refused the comparison"))
    rows = [Row(r["figure"], r["unit"], r["before"], r["after"], r["targeted"], r["lower"], r["before_text"],
                r["after_text"], r["change_text"]) for r in answer["rows"]]
    return Comparison(rows, answer["joins_before"], answer["joins_after"], answer["target"], answer["improved"],
                      answer["verdict"], answer["sentence"])


def markdown_table(c: Comparison) -> str:
    lines = ["| figure | before | after | change |", "| --- | ---: | ---: | ---: |"]
    for r in c.rows:
        name = f"**{r.name}** (targeted)" if r.targeted else r.name
        lines.append(f"| {name} | {r.before_text} | {r.after_text} | {r.change_text} |")
    if c.joins_before or c.joins_after:
        lines.append(f"| joins | {', '.join(c.joins_before) or '-'} | {', '.join(c.joins_after) or '-'} | |")
    return "\n".join(lines)
