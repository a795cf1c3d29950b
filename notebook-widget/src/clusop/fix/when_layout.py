"""A long `when` chain laid out one link per line: `(F.when(c1, v1)` then `.when(c2, v2)` ...
`.otherwise(v))`, each link under the first, inside parentheses of its own so the line breaks
are legal wherever the expression lands (a bare statement as well as a call's argument)."""

from __future__ import annotations

from typing import List

import libcst as cst

LINKS = ("when", "otherwise")
# a chain of two links stays on one line while it is this short
SHORT = 80


def links(expr: cst.BaseExpression) -> List[cst.Call]:
    """The calls of a `F.when(...).when(...)...otherwise(...)` chain, outermost first; [] when
    `expr` is not one."""
    out: List[cst.Call] = []
    node = expr
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in LINKS:
        out.append(node)
        inner = node.func.value
        if node.func.attr.value == "when" and not (isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute)
                                                  and inner.func.attr.value in LINKS):
            return out  # F.when(...): the head
        node = inner
    return []


def wrapped(expr: cst.BaseExpression, column: int) -> cst.BaseExpression:
    """`expr` laid out one link per line when it is a long when chain starting at `column`
    (0-based) of its line; otherwise unchanged."""
    chain = links(expr)
    one_line = cst.Module([]).code_for_node(expr)
    if len(chain) < 2 or (len(chain) == 2 and len(one_line) <= SHORT) or expr.lpar:
        return expr
    # each link after the head starts a line, under the head (one column in: the parenthesis)
    newline = cst.ParenthesizedWhitespace(first_line=cst.TrailingWhitespace(), empty_lines=[], indent=False,
                                          last_line=cst.SimpleWhitespace(" " * (column + 1)))
    heads = {id(c) for c in chain[:-1]}  # every link but the innermost F.when(...)

    class Break(cst.CSTTransformer):
        def leave_Call(self, original, updated):
            if id(original) in heads:
                return updated.with_changes(func=updated.func.with_changes(dot=cst.Dot(whitespace_before=newline)))
            return updated

    return expr.visit(Break()).with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
