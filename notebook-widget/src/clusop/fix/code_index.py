"""A parsed module with what locating needs: each statement's lines, each string literal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider

# calls that name the work that follows them: the SQL executions' descriptions come from these
DESCRIBING_CALLS = ("setJobDescription", "setJobGroup", "setLocalProperty")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


class CodeIndex:
    def __init__(self, module: cst.Module):
        self.wrapper = MetadataWrapper(module)
        self.module = self.wrapper.module  # the nodes positions are known for
        self.positions = self.wrapper.resolve(PositionProvider)
        self.parents = self.wrapper.resolve(ParentNodeProvider)
        self.lines = len(module.code.splitlines())
        self.statements: List[Tuple[Span, cst.CSTNode]] = []
        self.strings: List[Tuple[str, Span, cst.CSTNode]] = []
        index = self

        class Collect(cst.CSTVisitor):
            def visit_SimpleStatementLine(self, node):
                index.statements.append((index.span(node), node))

            def on_visit(self, node):
                if isinstance(node, cst.BaseCompoundStatement):
                    index.statements.append((index.span(node), node))
                if isinstance(node, cst.SimpleString):
                    try:
                        value = node.evaluated_value
                    except Exception:  # a bytes literal, an odd escape: never a description
                        value = None
                    if isinstance(value, str):
                        index.strings.append((value, index.span(node), node))
                return super().on_visit(node)

        self.module.visit(Collect())

    def span(self, node: cst.CSTNode) -> Span:
        p = self.positions[node]
        return Span(p.start.line, p.end.line)

    def statement_at(self, line: int) -> Optional[Tuple[Span, cst.CSTNode]]:
        """The innermost statement holding `line`."""
        best = None
        for span, node in self.statements:
            if span.start <= line <= span.end and (best is None or (span.end - span.start) < (best[0].end - best[0].start)):
                best = (span, node)
        return best

    def data_flow(self, statement: cst.CSTNode, depth: int = 8) -> List[Span]:
        """The statement and, back through the names it reads, the assignments whose values reach
        it (the last assignment of each name above it): `df = a.join(b)` ... `df.collect()`."""
        spans = [self.span(statement)]
        pending = [(n, spans[0].start) for n in _names_read(statement)]
        seen = set()
        while pending and len(seen) < 64:
            name, before = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            source = self._last_assignment(name, before)
            if source is None:
                continue
            span = self.span(source)
            spans.append(span)
            if len(spans) <= depth:
                pending.extend((n, span.start) for n in _names_read(source))
        return spans

    def _last_assignment(self, name: str, before: int) -> Optional[cst.SimpleStatementLine]:
        best = None
        for span, node in self.statements:
            if span.start < before and isinstance(node, cst.SimpleStatementLine) and name in _names_assigned(node):
                if best is None or span.start > self.span(best).start:
                    best = node
        return best

    def enclosing_statement(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        while node is not None and not isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            node = self.parents.get(node)
        return node

    def region_after(self, statement: cst.CSTNode) -> Span:
        """From `statement` to the end of its block, stopping before the next statement that
        describes other work (sc.setJobDescription(...) and the like)."""
        suite = self.parents.get(statement)
        body = list(getattr(suite, "body", []))
        start = self.span(statement).start
        end = self.span(statement).end
        if statement in body:
            for s in body[body.index(statement) + 1:]:
                if _describes(s):
                    break
                end = self.span(s).end
        return Span(start, end)


def _names_read(node: cst.CSTNode) -> List[str]:
    names: List[str] = []

    class Find(cst.CSTVisitor):
        def visit_Name(self, n):
            names.append(n.value)

        def visit_Attribute(self, n):
            n.value.visit(self)  # `df.join`: df is read, join is not a name
            return False

        def visit_AssignTarget(self, n):
            return False  # what is assigned is not read

    node.visit(Find())
    return names


def _names_assigned(statement: cst.SimpleStatementLine) -> List[str]:
    names: List[str] = []
    for small in statement.body:
        targets = []
        if isinstance(small, cst.Assign):
            targets = [t.target for t in small.targets]
        elif isinstance(small, (cst.AnnAssign, cst.AugAssign)):
            targets = [small.target]
        for t in targets:
            for el in (t.elements if isinstance(t, (cst.Tuple, cst.List)) else [t]):
                value = el.value if isinstance(el, (cst.Element, cst.StarredElement)) else el
                if isinstance(value, cst.Name):
                    names.append(value.value)
    return names


def _describes(statement: cst.CSTNode) -> bool:
    found = []

    class Find(cst.CSTVisitor):
        def visit_Call(self, node):
            f = node.func
            if isinstance(f, cst.Attribute) and f.attr.value in DESCRIBING_CALLS:
                found.append(node)

    statement.visit(Find())
    return bool(found)


def dotted(node: cst.CSTNode) -> str:
    """`a.b.c` for a Name/Attribute chain, else ""."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr.value}" if head else ""
    return ""


def imported_names(module: cst.Module) -> Dict[str, str]:
    """local name -> dotted origin, for the module's imports (anywhere in it)."""
    names: Dict[str, str] = {}

    class Find(cst.CSTVisitor):
        def visit_Import(self, node):
            for a in node.names:
                full = dotted(a.name)
                local = a.asname.name.value if a.asname and isinstance(a.asname.name, cst.Name) else full.split(".")[0]
                names[local] = full if a.asname else local

        def visit_ImportFrom(self, node):
            if node.module is None or isinstance(node.names, cst.ImportStar):
                return
            base = dotted(node.module)
            for a in node.names:
                name = dotted(a.name)
                local = a.asname.name.value if a.asname and isinstance(a.asname.name, cst.Name) else name
                names[local] = f"{base}.{name}"

    module.visit(Find())
    return names


def functions_alias(module: cst.Module) -> Optional[str]:
    """The name pyspark.sql.functions goes by here (F, f, functions...), or None."""
    for local, origin in imported_names(module).items():
        if origin == "pyspark.sql.functions":
            return local
    return None
