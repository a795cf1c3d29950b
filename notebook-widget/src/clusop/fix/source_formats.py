"""The three forms a job's source comes in, each seen by the codemods as one Python module.

- a ``.py`` file: as it is;
- a Databricks source notebook (first line ``# Databricks notebook source``, cells split by
  ``# COMMAND ----------``): already valid Python, its ``# MAGIC`` lines are comments, which
  LibCST keeps as they are;
- a Jupyter ``.ipynb``: its code cells joined into one module, each behind a marker comment;
  IPython magics (``%time``, ``!pip``) become placeholder comments and come back unchanged; a
  cell magic cell (``%%sql``) is left out whole. After the change the module is cut back into
  cells at the markers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

DATABRICKS_HEADER = "# Databricks notebook source"
CELL_MARKER = "# clusop-fix cell "
MAGIC_MARKER = "# clusop-fix magic "
_MARKER_LINE = re.compile(r"^# clusop-fix cell (\d+)$")
_MAGIC_LINE = re.compile(r"^(\s*)# clusop-fix magic (\d+)$")


class SourceFormatError(ValueError):
    """The source is not what its name says (e.g. an .ipynb that is not notebook JSON)."""


@dataclass
class Source:
    kind: str                     # python | databricks | ipynb
    code: str                     # the Python module the codemods see
    render: Callable[[str], str]  # the changed module -> the file's new text
    cell_of_line: Dict[int, int] = field(default_factory=dict)  # ipynb: module line -> cell index

    def where(self, line: Optional[int]) -> str:
        if line is None:
            return ""
        cell = self.cell_of_line.get(line)
        return f"line {line}" if cell is None else f"cell {cell + 1}"


def read_source(text: str, filename: str) -> Source:
    if filename.endswith(".ipynb"):
        return _ipynb(text, filename)
    kind = "databricks" if text.lstrip("\ufeff").startswith(DATABRICKS_HEADER) else "python"
    return Source(kind=kind, code=text, render=lambda code: code)


def _cell_lines(cell: dict) -> List[str]:
    src = cell.get("source", "")
    text = "".join(src) if isinstance(src, list) else str(src)
    return text.splitlines()


def _ipynb(text: str, filename: str) -> Source:
    try:
        nb = json.loads(text)
    except ValueError as e:
        raise SourceFormatError(f"{filename}: expected a Jupyter notebook (JSON with a \"cells\" list), "
                                f"but it is not JSON: {e}") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise SourceFormatError(f"{filename}: expected a Jupyter notebook (JSON with a \"cells\" list)")
    magics: List[str] = []
    parts: List[str] = []
    cell_of_line: Dict[int, int] = {}
    line_no = 0
    for i, cell in enumerate(nb["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        lines = _cell_lines(cell)
        if lines and lines[0].lstrip().startswith("%%"):
            continue  # a cell magic: not Python, left as it is
        parts.append(f"{CELL_MARKER}{i}")
        line_no += 1
        for line in lines:
            stripped = line.lstrip()
            if stripped.startswith(("%", "!")):
                magics.append(line)
                line = f"{line[:len(line) - len(stripped)]}{MAGIC_MARKER}{len(magics) - 1}"
            parts.append(line)
            line_no += 1
            cell_of_line[line_no] = i
    code = "\n".join(parts) + "\n" if parts else ""
    indent = _indent_of(text)

    def render(new_code: str) -> str:
        if new_code == code:
            return text
        cells = _split_cells(new_code, magics)
        out = json.loads(text)
        for i, lines in cells.items():
            cell = out["cells"][i]
            was_list = isinstance(cell.get("source"), list)
            body = "\n".join(lines)
            if body == "\n".join(_cell_lines(cell)).rstrip():
                continue
            src = cell.get("source", "")
            if ("".join(src) if isinstance(src, list) else str(src)).endswith("\n"):
                body += "\n"  # the cell's last line kept its newline
            cell["source"] = body.splitlines(keepends=True) if was_list else body
        return json.dumps(out, indent=indent, ensure_ascii=False) + ("\n" if text.endswith("\n") else "")

    return Source(kind="ipynb", code=code, render=render, cell_of_line=cell_of_line)


def _split_cells(code: str, magics: List[str]) -> Dict[int, List[str]]:
    cells: Dict[int, List[str]] = {}
    preamble: List[str] = []  # lines a codemod put above the first cell (an import): into it
    current: Optional[int] = None
    for line in code.splitlines():
        m = _MARKER_LINE.match(line)
        if m:
            current = int(m.group(1))
            cells[current] = list(preamble) if not cells else []
            preamble = []
            continue
        mm = _MAGIC_LINE.match(line)
        if mm:
            line = magics[int(mm.group(2))]
        if current is None:
            preamble.append(line)
        else:
            cells[current].append(line)
    for lines in cells.values():
        while lines and not lines[-1].strip():
            lines.pop()
    return cells


def _indent_of(text: str) -> int:
    """nbformat writes indent=1; keep whatever the file used so the diff shows only the change."""
    m = re.search(r"\n( +)\"", text)
    return len(m.group(1)) if m else 1
