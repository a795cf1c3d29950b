"""A unified diff as `git apply` and `patch -p1` take it (a/NAME, b/NAME)."""

from __future__ import annotations

import difflib

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(old: str, new: str, filename: str) -> str:
    if old == new:
        return ""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{filename}", tofile=f"b/{filename}")
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):  # the file's last line has no newline
            out[-1] = line + "\n" + NO_NEWLINE
    return "".join(out)
