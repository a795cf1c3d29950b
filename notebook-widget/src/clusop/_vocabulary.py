"""The core's words for its codes (clusop_vocabulary, "clusop.vocabulary/1"): verdicts, causes,
roles and their badges, engines, the fallback share's basis, missing price inputs, SKUs, dollar
measures. Read from the native core once; this package keeps no copy of them."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Dict


@lru_cache(maxsize=1)
def vocabulary() -> Dict[str, Any]:
    from . import _core  # the native extension

    table = json.loads(_core.vocabulary())
    if table.get("schema") != "clusop.vocabulary/1":
        raise RuntimeError(f"the core's vocabulary has schema {table.get('schema')!r}, expected 'clusop.vocabulary/1'")
    return table


def words(table: str, code: Any) -> str:
    """The core's words for ``code`` in ``table`` ("verdict", "cause", "role", ...); the code
    itself when the core has none."""
    return str(vocabulary().get(table, {}).get(code, code))


def missing_words(missing: str) -> str:
    """A missing price input in words: its leading code looked up, any detail kept."""
    code, _, detail = str(missing).partition(" ")
    known = vocabulary().get("missing", {})
    if code not in known:
        return str(missing)
    return known[code] + (f" ({detail})" if detail else "")
