"""The one way into the core: a clusop request (core/include/clusop/clusop.h) through the
native extension. Python only maps keyword arguments to request fields; the core analyses."""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional

from ._model import Analysis, AnalysisError

# the request's cluster object (clusop.h)
CLUSTER_FIELDS = (
    "cloud", "sku", "tier", "node_type", "driver_node_type", "workers", "runtime_seconds",
    "runs_per_day", "photon_multiplier", "usd_per_dbu", "billing",
)
# top-level request fields besides the plan
TOP_FIELDS = ("engine", "photon_enabled", "price_table")


def request_options(cluster: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> Dict[str, Any]:
    """The request's fields other than ``plan`` from keyword arguments.

    ``engine`` and ``photon_enabled`` (and ``price_table``) go to the top level; ``cloud``,
    ``sku``, ``tier``, ``node_type``, ``driver_node_type``, ``workers``, ``runtime_seconds``,
    ``runs_per_day``, ``photon_multiplier``, ``usd_per_dbu`` and ``billing`` go into ``cluster``. A
    ``cluster`` mapping may hold the same cluster keys. None means "not given".
    """
    out: Dict[str, Any] = {}
    clus: Dict[str, Any] = {}
    merged: Dict[str, Any] = {}
    if cluster is not None:
        if not isinstance(cluster, Mapping):
            raise TypeError("cluster= must be a mapping of cluster fields")
        merged.update(cluster)
    merged.update(kwargs)
    for key, value in merged.items():
        if value is None:
            continue
        if key in TOP_FIELDS:
            if key == "photon_enabled" and not isinstance(value, bool):
                raise TypeError("photon_enabled must be True or False")
            out[key] = value
        elif key in CLUSTER_FIELDS:
            clus[key] = value
        else:
            raise TypeError(
                f"unknown cluster setting {key!r}; use {', '.join(TOP_FIELDS + CLUSTER_FIELDS)}")
    if clus:
        out["cluster"] = clus
    return out


def merge_options(base: Mapping[str, Any], override: Mapping[str, Any]) -> Dict[str, Any]:
    """``override``'s fields over ``base``'s (cluster fields one by one)."""
    out = {k: v for k, v in base.items() if k != "plan"}
    for k, v in override.items():
        if k == "cluster":
            c = dict(out.get("cluster") or {})
            c.update(v)
            out["cluster"] = c
        else:
            out[k] = v
    return out


def analyze_request(request: Mapping[str, Any]) -> str:
    """The core's answer to one request, as text (exactly what the core wrote)."""
    from . import _core  # the native extension

    body = json.dumps(request, ensure_ascii=False, allow_nan=False).encode("utf-8")
    raw = _core.analyze(body)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def analyze_text(plan: str, options: Mapping[str, Any], *, plan_source: str = "text") -> Analysis:
    """Analyses plan text with request options; raises AnalysisError on the core's error answer."""
    request = dict(options)
    request["plan"] = plan
    try:
        answer = analyze_request(request)
    except ValueError as e:  # NaN/inf in a number: the core never sees it
        raise AnalysisError("bad_request", f"request: {e}") from None
    return Analysis.from_json(answer, plan=plan, plan_source=plan_source,
                              request={k: v for k, v in request.items() if k != "plan"})


def core_version() -> str:
    from . import _core

    return _core.version()
