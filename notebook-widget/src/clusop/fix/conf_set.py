"""Spark settings in code: `spark.conf.set(key, value)` right after the session is created.

A key the code already sets (`builder.config(key, ...)`, `spark.conf.set(key, ...)`) has its
value changed where it is set; a key it does not set gets a `<session>.conf.set(...)` line after
the statement that creates the session (`... .getOrCreate()`), never before it: a conf set
before the session exists is lost or raises. A notebook's `spark` exists before any cell runs,
so there the lines go after the imports at the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Tuple

import libcst as cst

from .code_index import CodeIndex, dotted
from .edit import apply_edits, statement, string_literal
from .locate import NotLocated

SETTER_METHODS = ("config", "set")


@dataclass
class ConfEdit:
    module: cst.Module
    line: Optional[int]
    summary: str     # "" when every key already had its value


def _literal_text(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        try:
            v = node.evaluated_value
        except Exception:
            return None
        return v if isinstance(v, str) else None
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value.lower()
    if isinstance(node, (cst.Integer, cst.Float)):
        return node.value
    return None


def _same(a: Optional[str], b: str) -> bool:
    return a is not None and a.strip().lower() == b.strip().lower()


def _settings(index: CodeIndex) -> List[Tuple[str, cst.Arg, int]]:
    """(key, value argument, line) of every `.config("k", v)` and `.conf.set("k", v)` call."""
    found: List[Tuple[str, cst.Arg, int]] = []

    class Find(cst.CSTVisitor):
        def visit_Call(self, node):
            f = node.func
            if not isinstance(f, cst.Attribute) or f.attr.value not in SETTER_METHODS or len(node.args) != 2:
                return
            if f.attr.value == "set" and not dotted(f.value).endswith("conf"):
                return
            key = _literal_text(node.args[0].value)
            if key is not None and key.startswith("spark."):
                found.append((key, node.args[1], index.span(node).start))

    index.module.visit(Find())
    return found


def session_statement(index: CodeIndex) -> Optional[Tuple[cst.SimpleStatementLine, str]]:
    """The first statement `NAME = ... .getOrCreate()` and NAME."""
    for span, node in sorted(index.statements, key=lambda s: s[0].start):
        if not isinstance(node, cst.SimpleStatementLine):
            continue
        for small in node.body:
            if isinstance(small, (cst.Assign, cst.AnnAssign)) and _creates_session(small.value):
                targets = small.targets if isinstance(small, cst.Assign) else [small]
                name = dotted(targets[0].target)
                if name:
                    return node, name
    return None


def _creates_session(value: Optional[cst.BaseExpression]) -> bool:
    while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute):
        if value.func.attr.value == "getOrCreate":
            return True
        value = value.func.value
    return False


def _top_anchor(index: CodeIndex) -> Optional[cst.BaseStatement]:
    """A notebook's `spark` exists before any cell: after the leading imports (None: at the top)."""
    anchor = None
    for s in index.module.body:
        if isinstance(s, cst.SimpleStatementLine) and all(isinstance(b, (cst.Import, cst.ImportFrom)) for b in s.body):
            anchor = s
        else:
            break
    return anchor


def set_confs(index: CodeIndex, conf: Mapping[str, str], source_kind: str) -> ConfEdit:
    replacements: Dict[cst.CSTNode, cst.CSTNode] = {}
    settings = _settings(index)
    missing: Dict[str, str] = {}
    changed: List[str] = []
    first_line: Optional[int] = None
    for key, value in conf.items():
        here = [(arg, line) for k, arg, line in settings if k == key]
        if not here:
            missing[key] = value
            continue
        for arg, line in here:
            if not _same(_literal_text(arg.value), value):
                replacements[arg.value] = string_literal(value)
                changed.append(f"{key} set to \"{value}\" where the code sets it (line {line})")
                first_line = first_line or line
    if missing:
        found = session_statement(index)
        if found is not None:
            anchor, name = found
            where = f"after the session is created (line {index.span(anchor).end})"
            line = index.span(anchor).end + 1
        elif source_kind in ("databricks", "ipynb"):
            anchor, name = _top_anchor(index), "spark"
            where = "at the top of the notebook (its `spark` session exists before the first cell)"
            first = index.module.body[0] if index.module.body else None
            line = (index.span(anchor).end + 1) if anchor is not None else (index.span(first).start if first else 1)
        else:
            raise NotLocated("no SparkSession is created in this file (no `... .getOrCreate()` assigned "
                             "to a name): where to set the conf is not known")
        lines = [statement(f"{name}.conf.set({string_literal(k).value}, {string_literal(v).value})\n")
                 for k, v in missing.items()]
        if anchor is None:
            module = apply_edits(index.module, replacements)
            module = module.with_changes(body=[*lines, *module.body])
        else:
            module = apply_edits(index.module, replacements, {anchor: lines})
        changed.append(", ".join(f"{k}={v}" for k, v in missing.items()) + f" set {where}")
        first_line = first_line or line
    else:
        module = apply_edits(index.module, replacements)
    return ConfEdit(module=module, line=first_line, summary="; ".join(changed))
