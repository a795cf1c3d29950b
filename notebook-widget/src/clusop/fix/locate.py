"""Which piece of code a recommendation is about, from what the event log carries.

A recommendation names its place three ways: a call site with a file and line (PySpark's RDD
actions log "collect at job.py:42"; a DataFrame action logs a JVM frame, useless here), the SQL
execution's description (set by ``sc.setJobDescription`` / ``setJobGroup``: the same string is
a literal in the code), and the kind of expression (a join, a UDF call). Candidates are narrowed
from the most precise place to the whole file; at the first place holding any, one candidate is
a match and several are ambiguous: nothing is proposed, and the reason says where they are.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import List, Mapping, Optional, Sequence, Tuple

import libcst as cst

from .code_index import CodeIndex, Span

_PY_CALL_SITE = re.compile(r"([^\s:()\"']+\.py):(\d+)")


@dataclass
class Site:
    """A candidate expression: the node (of CodeIndex.module) and its lines."""
    node: cst.CSTNode
    span: Span
    label: str = ""
    found_in: str = ""  # where choose() found it, for the rationale


class NotLocated(Exception):
    """Nothing proposed for a recommendation; the message says why."""


def subject(rec: Mapping) -> Mapping:
    s = rec.get("subject")
    return s if isinstance(s, Mapping) else {}


def description(rec: Mapping) -> Optional[str]:
    s = subject(rec)
    for key in ("description", "execution_description"):
        v = s.get(key)
        if isinstance(v, str) and v.strip():
            return v
    return None


def call_site_line(rec: Mapping, filename: str) -> Optional[int]:
    """The line of `filename` a call site names (code_location, the subject's call_site or stage
    name), or None when none names this file."""
    s = subject(rec)
    # a SQL execution without a job description is described by its action's call site
    texts = [rec.get("code_location"), s.get("call_site"), s.get("name"), s.get("description"),
             s.get("execution_description")]
    base = os.path.basename(filename)
    for text in texts:
        if not isinstance(text, str):
            continue
        for path, line in _PY_CALL_SITE.findall(text):
            if os.path.basename(path) == base:
                return int(line)
    return None


def choose(sites: Sequence[Site], rec: Mapping, index: CodeIndex, filename: str, noun: str) -> Site:
    """The one site the recommendation is about, or NotLocated with the reason."""
    places: List[Tuple[str, Optional[Span]]] = []
    line = call_site_line(rec, filename)
    if line is not None:
        if line > index.lines:
            raise NotLocated(f"the log's call site points at {os.path.basename(filename)}:{line}, "
                             f"but the file has {index.lines} lines: the source changed since the run")
        statement = index.statement_at(line)
        if statement is not None:
            places.append((f"the statement at line {line} (the log's call site)", statement[0]))
            flow = index.data_flow(statement[1])
            places.append((f"the statements whose results reach line {line} (lines "
                           f"{', '.join(str(n) for n in sorted({sp.start for sp in flow}))})", flow))
    desc = description(rec)
    if desc is not None:
        hits = {}  # one statement may write it twice: sc.setJobGroup(label, label)
        for value, span, node in index.strings:
            if value == desc:
                statement = index.enclosing_statement(node)
                hits.setdefault(id(statement), (span, statement))
        hits = list(hits.values())
        if len(hits) == 1:
            statement = hits[0][1]
            if isinstance(statement, cst.BaseCompoundStatement):
                region = index.span(statement)
            else:
                region = index.region_after(statement)
            places.append((f"lines {region.start}-{region.end} (the work described \"{desc}\")", region))
        elif len(hits) > 1:
            lines = ", ".join(str(h[0].start) for h in hits)
            raise NotLocated(f"the SQL execution's description \"{desc}\" is written at lines {lines}: "
                             f"which one ran is not known")
    places.append(("the file", None))
    for where, region in places:
        found = [s for s in sites if _inside(region, s.span)]
        if len(found) == 1:
            found[0].found_in = where
            return found[0]
        if len(found) > 1:
            lines = ", ".join(str(s.span.start) for s in found)
            raise NotLocated(f"ambiguous: {len(found)} {noun}s in {where} (lines {lines}) and the log "
                             f"does not say which one this is")
    raise NotLocated(f"no {noun} found in {os.path.basename(filename)}")


def _inside(region, span: Span) -> bool:
    if region is None:
        return True
    if isinstance(region, Span):
        return region.contains(span)
    return any(r.contains(span) for r in region)
