"""missed_broadcast -> `broadcast()` around the side of that join the log measured small.

The core's recommendation says which side (subject.small_side: left/right, as the executed
plan's join has them, which is the DataFrame call's receiver / argument). A side can only be
broadcast where the join type lets Spark build its hash table from it (the right side of
inner/left/semi/anti joins, the left of inner/right joins): otherwise the hint would be ignored,
so nothing is proposed."""

from __future__ import annotations

from typing import Mapping, Optional, Tuple

import libcst as cst

from .code_index import CodeIndex, dotted, functions_alias, imported_names
from .edit import apply_edits
from .joins import join_sites, join_type
from .locate import NotLocated, choose, subject

RULES = ("missed_broadcast",)

BUILDS_RIGHT = {"inner", "cross", "left", "leftouter", "left_outer", "semi", "leftsemi", "left_semi",
                "anti", "leftanti", "left_anti"}
BUILDS_LEFT = {"inner", "cross", "right", "rightouter", "right_outer"}


def is_broadcast(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Call):
        name = dotted(node.func)
        if name == "broadcast" or name.endswith(".broadcast"):
            return True
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "hint" and node.args:
            first = node.args[0].value
            return isinstance(first, cst.SimpleString) and "broadcast" in first.value.lower()
    return False


def broadcast_callee(module: cst.Module) -> Tuple[str, bool]:
    """(how to call broadcast here, whether an import must be added)."""
    names = imported_names(module)
    for local, origin in names.items():
        if origin == "pyspark.sql.functions.broadcast":
            return local, False
    alias = functions_alias(module)
    if alias:
        return f"{alias}.broadcast", False
    return "broadcast", True


def propose(index: CodeIndex, rec: Mapping, filename: str) -> Tuple[cst.Module, int, str, Optional[Tuple[str, str]]]:
    """(new module, line, rationale, import to add as (module, name) or None); NotLocated."""
    side = str(subject(rec).get("small_side", "")).lower()
    if side not in ("left", "right"):
        raise NotLocated("the recommendation does not say which side of the join is small "
                         "(subject.small_side): a scan from an older clusop; re-scan the log")
    site = choose(join_sites(index), rec, index, filename, "join")
    call: cst.Call = site.node
    how = join_type(call)
    if how is None:
        raise NotLocated(f"the join at line {site.span.start} takes its type from a variable: "
                         f"whether its {side} side can be broadcast is not known")
    allowed = BUILDS_RIGHT if side == "right" else BUILDS_LEFT
    if how.replace(" ", "") not in allowed:
        raise NotLocated(f"the join at line {site.span.start} is a {how} join: Spark cannot broadcast "
                         f"its {side} side, the hint would be ignored")
    other = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "other"), None)
    if other is None:
        other = next(a.value for a in call.args if a.keyword is None)
    target = other if side == "right" else call.func.value
    if is_broadcast(target):
        return index.module, site.span.start, "already broadcast", None
    callee, needs_import = broadcast_callee(index.module)
    wrapped = cst.Call(func=cst.parse_expression(callee), args=[cst.Arg(value=target)])
    module = apply_edits(index.module, replacements={target: wrapped})
    small_bytes = next((e.get("value") for e in rec.get("evidence", []) or []
                        if isinstance(e, Mapping) and e.get("kpi") == "small_side_bytes"), None)
    size = f" ({_bytes(small_bytes)} measured)" if isinstance(small_bytes, (int, float)) else ""
    why = (f"broadcast() around the {side} side of the join at line {site.span.start}{size}: "
           f"a broadcast hash join reads the large side once, with no shuffle and no sort "
           f"(found in {site.found_in})")
    return module, site.span.start, why, (("pyspark.sql.functions", "broadcast") if needs_import else None)


def _bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
