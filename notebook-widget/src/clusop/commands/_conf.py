"""Spark conf given on a command line as repeated `--conf KEY=VALUE`."""

from __future__ import annotations

import sys
from typing import Dict, List, Optional


def conf_from_args(pairs: List[str], command: str) -> Optional[Dict[str, str]]:
    """The pairs as a dict; None, after saying which one, when one has no '='."""
    conf = {}
    for kv in pairs:
        k, sep, v = kv.partition("=")
        if not sep:
            print(f"clusop {command}: --conf {kv!r}: expected KEY=VALUE", file=sys.stderr)
            return None
        conf[k] = v
    return conf
