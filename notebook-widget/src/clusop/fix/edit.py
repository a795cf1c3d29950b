"""Small LibCST edits shared by the codemods: replace nodes, insert statements after one; each
by the identity of the nodes of the module the positions were read from, in one pass."""

from __future__ import annotations

import json
from typing import Dict, Mapping, Optional, Sequence

import libcst as cst


def apply_edits(module: cst.Module, replacements: Optional[Mapping[cst.CSTNode, cst.CSTNode]] = None,
                inserts: Optional[Mapping[cst.CSTNode, Sequence[cst.BaseStatement]]] = None) -> cst.Module:
    replacements = dict(replacements or {})
    inserts: Dict[cst.CSTNode, Sequence[cst.BaseStatement]] = dict(inserts or {})

    def spliced(original_body, updated_body):
        out = []
        for o, u in zip(original_body, updated_body):
            out.append(u)
            out.extend(inserts.get(o, ()))
        return out

    class Edit(cst.CSTTransformer):
        def on_leave(self, original_node, updated_node):
            if original_node in replacements:
                return replacements[original_node]
            if isinstance(original_node, (cst.Module, cst.IndentedBlock)) and any(s in inserts for s in original_node.body):
                return updated_node.with_changes(body=spliced(original_node.body, updated_node.body))
            return updated_node

    return module.visit(Edit())


def replace_node(module: cst.Module, old: cst.CSTNode, new: cst.CSTNode) -> cst.Module:
    return apply_edits(module, replacements={old: new})


def string_literal(value: str) -> cst.SimpleString:
    return cst.SimpleString(json.dumps(value, ensure_ascii=False))


def statement(code: str) -> cst.BaseStatement:
    return cst.parse_statement(code)


def add_import(module: cst.Module, from_module: str, name: Optional[str] = None, asname: Optional[str] = None) -> cst.Module:
    """`from M import N [as A]` (or `import M [as A]`) unless the module has it already."""
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import AddImportsVisitor

    context = CodemodContext()
    AddImportsVisitor.add_needed_import(context, from_module, name, asname)
    return AddImportsVisitor(context).transform_module(module)
