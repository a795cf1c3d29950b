"""The pull request's title and body (markdown): the recommendation and its evidence as the core
wrote them, what was changed and why, the before/after table, and the results check."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from .comparison import Comparison, markdown_table
from .output_digest import OutputDigest

MARKER = "<!-- clusop loop -->"


def title(job: str, recommendations: Sequence[Dict[str, Any]]) -> str:
    rules = ", ".join(dict.fromkeys(r.get("rule", "?") for r in recommendations))
    return f"clusop: {rules} in {job}"


def _evidence(rec: Dict[str, Any]) -> List[str]:
    out = []
    for e in rec.get("evidence") or []:
        threshold = "" if e.get("threshold") is None else f" {e.get('op', '')} {e['threshold']}"
        out.append(f"  - `{e.get('kpi')}` = {e.get('value')}{threshold}")
    return out


def _saving(rec: Dict[str, Any]) -> str:
    s = rec.get("saving") or {}
    usd = s.get("usd")
    money = f", ${usd:.4f} (modeled)" if isinstance(usd, (int, float)) else \
        (f", no dollar figure ({', '.join(s.get('usd_missing') or [])} missing)" if s.get("usd_missing") else "")
    return f"{(s.get('time_ms') or 0) / 1000:.1f} s{money}; {s.get('method', '')}"


def body(job: str, recommendations: Sequence[Dict[str, Any]], changes: Sequence[Any], comparison: Comparison,
         before: OutputDigest, after: OutputDigest, diff: str) -> str:
    lines = [MARKER, f"clusop ran `{job}` before and after this change on a local Spark with event logging, "
             "scanned both logs with its core and compared what the job wrote. It proposes; a person merges.", ""]
    lines.append("## Recommendation")
    for rec in recommendations:
        lines += [f"**{rec.get('rule')}** (rank {rec.get('rank')}, {rec.get('severity')}, confidence "
                  f"{(rec.get('confidence') or {}).get('level', '?')}): {rec.get('title', '')}", "",
                  f"{rec.get('advice', '')}", "", "Evidence:"] + _evidence(rec) + \
                 [f"- estimated saving: {_saving(rec)}", ""]
    lines.append("## Changes")
    for c in changes:
        where = f"line {c.line}" if getattr(c, "line", None) else "no line"
        lines.append(f"- `{c.rule}` ({c.status}, {where}): {c.rationale}")
        if getattr(c, "snippet", None):
            lines += ["", "```", str(c.snippet).rstrip(), "```"]
    lines += ["", "## Before and after", "", markdown_table(comparison), ""]
    lines.append(comparison.sentence)
    lines.append("Dollars are modeled from the cluster shape and list prices, never billed amounts; "
                 "wall and executor times are one local run each.")
    lines += ["", "## Results", ""]
    same = before.rows == after.rows and before.checksum == after.checksum
    lines.append(f"Results equal: {'yes' if same else 'NO'}: {before.rows} rows before, {after.rows} after; "
                 f"order-independent checksum {before.checksum} before, {after.checksum} after "
                 f"(columns {', '.join(before.columns)}).")
    lines += ["", "<details><summary>Diff</summary>", "", "```diff", diff.rstrip(), "```", "", "</details>", ""]
    return "\n".join(lines)
