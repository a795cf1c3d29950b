"""DataFrame joins in code: `left.join(right, on, how)` calls (not `", ".join(...)` nor
`os.path.join(...)`: those take one argument or are named so)."""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from .code_index import CodeIndex, dotted
from .locate import Site

NOT_DATAFRAMES = ("os.path", "path", "posixpath", "ntpath", "str")


def join_sites(index: CodeIndex) -> List[Site]:
    sites: List[Site] = []

    class Find(cst.CSTVisitor):
        def visit_Call(self, node):
            if is_dataframe_join(node):
                sites.append(Site(node=node, span=index.span(node), label="join"))

    index.module.visit(Find())
    return sites


def is_dataframe_join(node: cst.Call) -> bool:
    f = node.func
    if not isinstance(f, cst.Attribute) or f.attr.value != "join":
        return False
    if isinstance(f.value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return False
    if dotted(f.value) in NOT_DATAFRAMES:
        return False
    positional = [a for a in node.args if a.keyword is None and a.star == ""]
    keywords = {a.keyword.value for a in node.args if a.keyword is not None}
    # a DataFrame join names the other side and, for the joins a broadcast or AQE concerns, a key
    return (bool(positional) or "other" in keywords) and (len(node.args) >= 2 or bool(keywords & {"on", "how"}))


def join_type(node: cst.Call) -> Optional[str]:
    """The `how` argument when it is a literal ("inner" when absent), else None."""
    positional = [a for a in node.args if a.keyword is None]
    how = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "how"), None)
    if how is None and len(positional) >= 3:
        how = positional[2].value
    if how is None:
        return "inner"
    if isinstance(how, cst.SimpleString):
        try:
            return str(how.evaluated_value).lower()
        except Exception:
            return None
    return None
