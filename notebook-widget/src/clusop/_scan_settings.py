"""Settings of clusop.scan checked before anything is read: an unknown value is a ValueError
naming the accepted ones, taken from the core (engines, billing) and the price table in use
(clouds, SKUs, tiers), never from a list copied here."""

from __future__ import annotations

import json
import math
from typing import Any, Dict, List, Mapping

def validate_options(options: Mapping[str, Any]) -> None:
    """Rejects values the core would not recognise, listing the accepted ones: the engine
    names from the core itself, clouds, SKUs and tiers from the price table in use."""
    engine = options.get("engine")
    if engine is not None:
        if not isinstance(engine, str):
            raise ValueError("engine must be a string")
        _check_engine(engine)
    table = options.get("price_table")
    if table is None:
        table = _embedded_price_table()
    elif not isinstance(table, Mapping):
        raise ValueError("price_table must be a clusop.price_table/1 mapping")
    clus = options.get("cluster") or {}
    accepted = _price_table_values(table)
    for key in ("cloud", "sku", "tier"):
        value = clus.get(key)
        if value is not None and value not in accepted[key]:
            raise ValueError(f"{key} {value!r} is not one of {', '.join(accepted[key])} "
                             f"(the price table's {key} values)")
    billing = clus.get("billing")
    if billing is not None:
        _check_billing(billing)
    for key in ("workers", "runtime_seconds", "runs_per_day", "photon_multiplier", "usd_per_dbu"):
        value = clus.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise ValueError(f"{key} must be a finite number >= 0, not {value!r}")


def _check_engine(engine: str) -> None:
    # the core names the engines it knows in its answer to a request with an unknown one
    from ._request import analyze_request

    answer = json.loads(analyze_request({"plan": "", "engine": engine}))
    err = answer.get("error") or {}
    if err.get("code") == "bad_request" and "engine" in str(err.get("message", "")):
        raise ValueError(f"engine {engine!r}: {err.get('message')}")


def _check_billing(billing: Any) -> None:
    # the core names the billing modes it knows when a request gives another
    from ._request import analyze_request

    answer = json.loads(analyze_request({"plan": "", "cluster": {"billing": billing}}))
    err = answer.get("error") or {}
    if err.get("code") == "bad_request" and "billing" in str(err.get("message", "")):
        raise ValueError(f"billing {billing!r}: {err.get('message')}")


_TABLE_CACHE: Dict[str, Any] = {}


def _embedded_price_table() -> Mapping[str, Any]:
    if "table" not in _TABLE_CACHE:
        from . import _core

        _TABLE_CACHE["table"] = json.loads(_core.price_table())
    return _TABLE_CACHE["table"]


def _price_table_values(table: Mapping[str, Any]) -> Dict[str, List[str]]:
    values: Dict[str, List[str]] = {"cloud": [], "sku": [], "tier": []}
    for section in ("usd_per_dbu", "photon_multiplier", "node_dbu_per_hour"):
        for row in table.get(section) or []:
            for key in values:
                v = row.get(key) if isinstance(row, Mapping) else None
                if isinstance(v, str) and v not in values[key]:
                    values[key].append(v)
    return values
