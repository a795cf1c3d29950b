"""task_skew where the skewed stage's work is keyed but not a join: a grouping, a repartition by
key, a window. What the code can do depends on that work, so the located expression decides:

- `df.groupBy(key).agg(...)` whose aggregates merge in two steps from small partial results
  (sum, count, min, max, each named with .alias): a two-stage salted aggregation. A salt column
  (0..N-1, N from the measured skew ratio: the straggler's share split N ways) joins the key in a
  first aggregation, a second one merges the partial results per key: the same rows. Not for
  collect_list / collect_set: their result holds all of the key's rows, so the merge stays as
  long (a real collect_set job salted 8 ways ran no shorter).
- `df.repartition(n, key).sortWithinPartitions(key, other, ...)`: `repartitionByRange(n, key,
  other)`; the hot key's rows spread over several ranges and each partition stays sorted.
- anything else keyed (several keys, an expression as key, an aggregate that has no two-step
  form, a window, a repartition whose purpose is the key itself): nothing, and the reason."""

from __future__ import annotations

import math
from typing import List, Mapping, Optional, Tuple

import libcst as cst

from .code_index import CodeIndex, dotted, functions_alias
from .edit import add_import, apply_edits
from .locate import NotLocated, Site, choose

SALT = "_clusop_salt"
MIN_SALTS, MAX_SALTS = 2, 32
GROUPINGS = ("groupBy", "groupby")
# an aggregate and how its partial results merge: (merging function, wrapper around it)
TWO_STEP = {"sum": ("sum", None), "count": ("sum", None), "min": ("min", None), "max": ("max", None)}
# aggregates whose result holds every row of the key: the second stage still merges all of the
# hot key's rows in one task (measured: a collect_set job salted 8 ways ran no shorter)
WHOLE_KEY = ("collect_list", "collect_set", "array_agg")


def keyed_sites(index: CodeIndex) -> List[Site]:
    sites: List[Site] = []

    class Find(cst.CSTVisitor):
        def visit_Call(self, node):
            f = node.func
            if not isinstance(f, cst.Attribute):
                return
            name = f.attr.value
            if name == "agg" and _grouping(f.value) is not None:
                if SALT not in _column_names(_grouping(f.value).args):
                    sites.append(Site(node=node, span=index.span(node), label="aggregation"))
            elif name in ("repartition", "repartitionByRange") and _columns(node.args):
                sites.append(Site(node=node, span=index.span(node), label=name))
            elif name == "partitionBy" and dotted(f.value).split(".")[-1] == "Window":
                sites.append(Site(node=node, span=index.span(node), label="window"))

    index.module.visit(Find())
    return sites


def propose(index: CodeIndex, rec: Mapping, filename: str) -> Tuple[cst.Module, int, str]:
    site = choose(keyed_sites(index), rec, index, filename, "keyed aggregation, repartition or window")
    line = site.span.start
    where = f"line {line}, found in {site.found_in}"
    if site.label == "window":
        raise NotLocated(f"the skewed work is the window at {where}: a window needs every row of a key in one task, "
                         "so neither salting nor a range partitioning splits it; nothing proposed (filter the hot "
                         "key out and handle it apart)")
    if site.label == "repartitionByRange":
        raise NotLocated(f"the repartition at {where} is a range partitioning already")
    if site.label == "repartition":
        return _range(index, site, where)
    return _salted(index, site, rec, where)


def _grouping(node: cst.BaseExpression) -> Optional[cst.Call]:
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in GROUPINGS:
        return node
    return None


def _name(expr: cst.BaseExpression) -> Optional[str]:
    """A column named by a literal: "k" or col("k") / F.col("k")."""
    if isinstance(expr, cst.SimpleString):
        return str(expr.evaluated_value)
    if isinstance(expr, cst.Call) and dotted(expr.func).split(".")[-1] == "col" and len(expr.args) == 1 \
            and isinstance(expr.args[0].value, cst.SimpleString):
        return str(expr.args[0].value.evaluated_value)
    return None


def _column_names(args) -> List[Optional[str]]:
    return [_name(a.value) for a in args]


def _columns(args) -> List[cst.Arg]:
    """The column arguments of repartition(n, cols...) (its first may be the partition count)."""
    cols = [a for a in args if a.keyword is None]
    if cols and isinstance(cols[0].value, (cst.Integer, cst.Name)) and _name(cols[0].value) is None:
        cols = cols[1:]
    return cols


def _one_key(args, what: str, where: str) -> str:
    names = _column_names(args)
    if len(names) != 1 or names[0] is None:
        shown = "an expression" if len(names) == 1 else f"{len(names)} columns"
        raise NotLocated(f"the {what} at {where} is keyed by {shown}: the log does not say which key is hot, so "
                         f"the key to salt or range-partition is not named unambiguously; nothing proposed")
    return names[0]


def _salts(rec: Mapping) -> int:
    for e in rec.get("evidence") or []:
        if e.get("kpi") == "skew_ratio" and isinstance(e.get("value"), (int, float)):
            return max(MIN_SALTS, min(MAX_SALTS, math.ceil(e["value"])))
    raise NotLocated("the recommendation carries no measured skew_ratio: how many ways to split the hot key is "
                     "not known; nothing proposed")


def _salted(index: CodeIndex, site: Site, rec: Mapping, where: str) -> Tuple[cst.Module, int, str]:
    agg: cst.Call = site.node
    grouping = _grouping(agg.func.value)
    receiver = grouping.func.value
    first_stage = _grouping(receiver.func.value) if isinstance(receiver, cst.Call) and \
        isinstance(receiver.func, cst.Attribute) and receiver.func.attr.value == "agg" else None
    if first_stage is not None and SALT in _column_names(first_stage.args):
        raise NotLocated(f"the aggregation at {where} is salted already")
    key = _one_key(grouping.args, "aggregation", where)
    F = functions_alias(index.module) or "F"
    first, second = [], []
    for a in agg.args:
        out, merged = _two_step(a, F)
        if out is None:
            text = cst.Module([]).code_for_node(a.value)
            raise NotLocated(f"the aggregation at {where} computes `{text}`, which {merged}: no two-stage salted "
                             f"form; nothing proposed")
        first.append(out)
        second.append(merged)
    n = _salts(rec)
    code = cst.Module([]).code_for_node
    column = index.positions[agg].start.column
    pad = " " * (column + 1)
    text = (f"({code(receiver)}\n"
            f"{pad}.withColumn(\"{SALT}\", ({F}.rand(0) * {n}).cast(\"int\"))\n"
            f"{pad}.{grouping.func.attr.value}({code(grouping.args[0].value)}, \"{SALT}\").agg({', '.join(first)})\n"
            f"{pad}.{grouping.func.attr.value}({code(grouping.args[0].value)}).agg({', '.join(second)}))")
    new_expr = cst.parse_expression(text)
    module = apply_edits(index.module, replacements={agg: new_expr})
    if functions_alias(index.module) is None:
        module = add_import(module, "pyspark.sql", "functions", "F")
    return module, site.span.start, (
        f"the skewed stage is the aggregation by `{key}` at {where}: a two-stage salted aggregation, the hot key's "
        f"rows split {n} ways (the measured skew ratio) by a salt column, aggregated per key and salt, then merged "
        f"per key; the same rows result")


def _two_step(arg: cst.Arg, F: str) -> Tuple[Optional[str], str]:
    """(the first-stage aggregate as written, the second-stage one) or (None, why not)."""
    expr = arg.value
    if arg.keyword is not None or arg.star:
        return None, "is passed by keyword or star"
    if not (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "alias"
            and len(expr.args) == 1 and isinstance(expr.args[0].value, cst.SimpleString)):
        return None, "has no .alias(name) to merge the first stage's results by"
    inner = expr.func.value
    alias = str(expr.args[0].value.evaluated_value)
    fn = dotted(inner.func).split(".")[-1] if isinstance(inner, cst.Call) else ""
    if fn in WHOLE_KEY:
        return None, ("holds every row of the key in its result: a second stage would still merge all of the "
                      "hot key's rows in one task")
    if fn not in TWO_STEP:
        return None, f"is not one of {', '.join(TWO_STEP)} (an aggregate whose partial results merge)"
    merge, wrap = TWO_STEP[fn]
    merged = f"{F}.{merge}(\"{alias}\")"
    for w in (wrap or "").split("+"):
        if w:
            merged = f"{F}.{w}({merged})"
    return cst.Module([]).code_for_node(expr), f"{merged}.alias(\"{alias}\")"


def _range(index: CodeIndex, site: Site, where: str) -> Tuple[cst.Module, int, str]:
    call: cst.Call = site.node
    cols = _columns(call.args)
    key = _one_key(cols, "repartition", where)
    sort = _sorted_after(index, call)
    finer = [a for a in (sort.args if sort is not None else [])[1:] if a.keyword is None]
    if sort is None or _name(sort.args[0].value) != key or not finer:
        raise NotLocated(f"the skewed work is the repartition by `{key}` at {where}: a range partitioning on `{key}` "
                         f"alone keeps the hot key in one partition, and salting it breaks what the repartition is "
                         f"for (a key's rows together); nothing proposed (filter the hot key out and handle it apart)")
    count = [a for a in call.args if a not in cols]
    new_args = [*count, *cols, *[a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in finer[:1]]]
    new_args = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in new_args]
    new_call = call.with_changes(func=call.func.with_changes(attr=cst.Name("repartitionByRange")), args=new_args)
    finer_name = cst.Module([]).code_for_node(finer[0].value)
    module = apply_edits(index.module, replacements={call: new_call})
    return module, site.span.start, (
        f"the skewed stage is the repartition by `{key}` at {where}, sorted by `{key}` then {finer_name} within "
        f"partitions: repartitionByRange on both, so the hot key's rows spread over several ranges while every "
        f"partition stays sorted; the same rows result")


def _sorted_after(index: CodeIndex, call: cst.Call) -> Optional[cst.Call]:
    parent = index.parents.get(call)
    if isinstance(parent, cst.Attribute) and parent.attr.value == "sortWithinPartitions":
        grand = index.parents.get(parent)
        if isinstance(grand, cst.Call) and grand.args:
            return grand
    return None
