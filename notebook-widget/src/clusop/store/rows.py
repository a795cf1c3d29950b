"""Rows of the tables (schema.py) from the core's clusop.scan/1 document: field selection and
renaming only. Every figure is the core's; the few columns that are not one core field are
formed as schema.py's ``derived`` says (a key, a unit, a lookup of the core's recommendations).
The DuckDB store and the fleet job (Delta) both write exactly these rows."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Dict, Iterable, List, Mapping, Optional, Set

from .schema import APPS, RECOMMENDATIONS, SQL_EXECUTIONS, STAGE_METRICS, Column, Table

_MIB = 1 << 20


def rows_from_scan(document: Mapping[str, Any], collected_at: datetime) -> Dict[str, List[Dict[str, Any]]]:
    """Table name -> rows (dicts keyed by column name, in schema order) for every application of
    a clusop.scan/1 document. ValueError when the document is not one."""
    schema = document.get("schema") if isinstance(document, Mapping) else None
    if schema != "clusop.scan/1":
        raise ValueError(f"expected a clusop.scan/1 document (its \"schema\" field), got {schema!r}")
    out: Dict[str, List[Dict[str, Any]]] = {t.name: [] for t in (APPS, STAGE_METRICS, SQL_EXECUTIONS, RECOMMENDATIONS)}
    for app in document.get("applications") or []:
        for name, rows in application_rows(app, collected_at).items():
            out[name].extend(rows)
    return out


def application_rows(app: Mapping[str, Any], collected_at: datetime) -> Dict[str, List[Dict[str, Any]]]:
    """The rows of one application object of clusop.scan/1."""
    attempt = "" if app.get("attempt") is None else str(app.get("attempt"))
    app_id = str(app.get("app_id") or "")
    common = {"app_id": app_id, "attempt": attempt,
              "run_id": f"{app_id}/{attempt}" if attempt else app_id, "collected_at": collected_at}
    recs = app.get("recommendations")
    missed = _missed_broadcast_stages(recs, app.get("sql_executions") or []) if recs is not None else None

    def stage_extra(stage):
        spilled = stage.get("disk_spilled_bytes")
        return {"total_shuffle_spill_mb": None if spilled is None else spilled / _MIB,
                "broadcast_miss_flag": None if missed is None else stage.get("stage_id") in missed}

    totals = app.get("sql_totals") or {}
    # a total the core could not price is not $0: null, so it reads "not priced" when read back
    app_extra = {"sql_waste_usd": totals.get("waste_usd") if totals.get("waste_priced", True) else None}

    return {
        APPS.name: [_row(APPS, app, common, app_extra)],
        STAGE_METRICS.name: [_row(STAGE_METRICS, s, common, stage_extra(s)) for s in app.get("stages") or []],
        SQL_EXECUTIONS.name: [_row(SQL_EXECUTIONS, e, common) for e in app.get("sql_executions") or []],
        RECOMMENDATIONS.name: [_row(RECOMMENDATIONS, r, common) for r in recs or []],
    }


def _missed_broadcast_stages(recs: Iterable[Mapping[str, Any]], executions: List[Mapping[str, Any]]) -> Set[Any]:
    """Stages a missed_broadcast recommendation names: its stage, or the stages of its SQL execution."""
    stages_of = {e.get("execution_id"): e.get("stage_ids") or [] for e in executions}
    named: Set[Any] = set()
    for r in recs:
        if r.get("rule") != "missed_broadcast":
            continue
        if r.get("stage_id") is not None:
            named.add(r.get("stage_id"))
        elif r.get("execution_id") is not None:
            named.update(stages_of.get(r.get("execution_id"), []))
    return named


def _row(table: Table, obj: Mapping[str, Any], common: Mapping[str, Any],
         extra: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    row: Dict[str, Any] = {}
    for c in table.columns:
        if c.name in common:  # the application's key columns, on every row of it
            row[c.name] = common[c.name]
        elif extra is not None and c.name in extra:
            row[c.name] = extra[c.name]
        else:
            row[c.name] = _value(c, obj)
    return row


def _value(c: Column, obj: Mapping[str, Any]) -> Any:
    v: Any = obj
    for step in c.path:
        v = v.get(step) if isinstance(v, Mapping) else None
    if c.type == "json":
        return None if v is None else json.dumps(v, ensure_ascii=False, sort_keys=True)
    if c.type == "string" and v is not None and not isinstance(v, str):
        return str(v)
    return v
