"""The clusop.scan/1 document of several applications, laid out as the core's JsonWriter lays it
out (core/src/report/json_writer.cpp, report/scan_json.cpp) with the command line's indentation,
from the per-application documents the core wrote: their bytes are cut out and kept as they are,
so clusop.scan and ``clusop scan --format json`` print the same document."""

from __future__ import annotations

import re
from typing import List

from ._scan_model import FileError

SCHEMA = "clusop.scan/1"
# the command line prints the document with this indentation (cli/scan_command.cpp); the core
# writes each application's document with the same when the stream request asks for it
INDENT = 2


def document(applications: List[str], errors: List[str]) -> str:
    """The whole document from elements already written at depth 2."""
    return ("{" + _nl(1) + '"schema": ' + json_string(SCHEMA) + "," + _nl(1) + '"applications": '
            + array(applications) + "," + _nl(1) + '"errors": ' + array(errors) + _nl(0) + "}")


def _nl(depth: int) -> str:
    return "\n" + " " * (depth * INDENT)


def array(items: List[str]) -> str:
    """Elements already written at depth 2 (in the top-level object's arrays)."""
    if not items:
        return "[]"
    return "[" + ",".join(_nl(2) + item for item in items) + _nl(1) + "]"


def error_json(e: FileError) -> str:
    return ("{" + _nl(3) + '"path": ' + json_string(e.path) + "," + _nl(3) + '"message": '
            + json_string(e.message) + _nl(2) + "}")


def json_string(value: str) -> str:
    """A JSON string escaped as the core's JsonWriter escapes it."""
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def raw_array_items(text: str, key: str) -> List[str]:
    """The raw text of each element of the top-level array ``key`` of a document the core wrote
    with INDENT. Every raw newline there is layout (newlines inside strings are escaped), so the
    array's elements start on lines indented twice and the array closes on a line indented once."""
    one, two = " " * INDENT, " " * (2 * INDENT)
    opener = "\n" + one + json_string(key) + ": ["
    begin = text.find(opener)
    if begin < 0:
        raise ValueError(f"clusop: no {key!r} array in the core's answer")
    begin += len(opener)
    if text.startswith("]", begin):
        return []
    end = text.find("\n" + one + "]", begin)
    if end < 0:
        raise ValueError(f"clusop: the {key!r} array of the core's answer is not closed")
    body = text[begin:end]
    # an element's own lines are indented deeper: a separator is followed by no further space
    return [item.strip() for item in re.split(",\n" + two + "(?! )", body) if item.strip()]
