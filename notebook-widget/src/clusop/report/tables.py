"""Applications and runs read back from the tables (store/schema.py) of a DuckDB file.

The rows were written from the core's clusop.scan/1 objects by store/rows.py, each column at the
path schema.py names; reading back puts each column at that same path again (field placement
only, no figure computed), so the web app's views draw a stored run as they draw a scan. The
tables keep numbers only: the words of each figure (its `*_text`) are the core's again, asked of
clusop_words by the kind schema.py gives the column, so a stored run reads as the fresh scan did."""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from ..store.schema import APPS, RECOMMENDATIONS, SQL_EXECUTIONS, STAGE_METRICS, Table

TOP_SAVINGS = 3


class TablesError(RuntimeError):
    pass


class _Words:
    """The figures of the objects read back, worded by the core in one call (clusop_words)."""

    def __init__(self) -> None:
        self.pending: List[tuple] = []  # (object, key, kind, value)

    def add(self, node: Dict[str, Any], key: str, kind: str, value: Any) -> None:
        self.pending.append((node, key, kind, value))

    def fill(self) -> None:
        if not self.pending:
            return
        from .. import _core

        request = {"figures": [{"kind": k, "value": v} for _, _, k, v in self.pending]}
        answer = json.loads(_core.words(json.dumps(request)))
        if "error" in answer:  # a kind schema.py names that this core does not know
            raise TablesError(f"the core could not word the stored figures: {answer['error'].get('message')}")
        for (node, key, _, _), text in zip(self.pending, answer["texts"]):
            node[key + "_text"] = text
        self.pending = []


def _object(table: Table, row: Mapping[str, Any], words: Optional[_Words] = None) -> Dict[str, Any]:
    """The core's object a row was selected from, as far as the table holds it."""
    out: Dict[str, Any] = {}
    for c in table.columns:
        if not c.path:
            continue
        v = row.get(c.name)
        if c.type == "json" and isinstance(v, str):
            v = json.loads(v)
        node = out
        for step in c.path[:-1]:
            node = node.setdefault(step, {})
        node[c.path[-1]] = v
        if c.text and words is not None:
            words.add(node, c.path[-1], c.text, v)
    return out


def _attempt(row: Mapping[str, Any]) -> Optional[str]:
    return row["attempt"] or None  # '' stands for the null attempt (a key cannot be null)


def _rows(store, table: Table, order: str) -> List[Dict[str, Any]]:
    try:
        names, rows = store.query(f"SELECT * FROM {table.name} ORDER BY {order}")
    except Exception as e:  # duckdb.CatalogException and friends: not a clusop database
        raise TablesError(f"{store.path}: no readable table {table.name} ({type(e).__name__}: {e}); "
                          "expected a database written by clusop ingest") from e
    return [dict(zip(names, r)) for r in rows]


def read_tables(db: Path) -> Dict[str, List[Dict[str, Any]]]:
    """Every row of the four tables, read-only (the store refuses a newer schema)."""
    from ..store.duckdb_store import DuckDBStore, StoreError

    if not Path(db).is_file():
        raise TablesError(f"{db}: no such database file (expected a DuckDB file written by clusop ingest)")
    try:
        store = DuckDBStore(str(db), read_only=True)
    except StoreError as e:
        raise TablesError(str(e)) from e
    with store:
        return {
            APPS.name: _rows(store, APPS, "start_ms NULLS FIRST, app_id, attempt"),
            STAGE_METRICS.name: _rows(store, STAGE_METRICS, "app_id, attempt, stage_id, stage_attempt"),
            SQL_EXECUTIONS.name: _rows(store, SQL_EXECUTIONS, "app_id, attempt, execution_id"),
            RECOMMENDATIONS.name: _rows(store, RECOMMENDATIONS, "app_id, attempt, rank"),
        }


def _by_run(rows: List[Dict[str, Any]]) -> Dict[tuple, List[Dict[str, Any]]]:
    out: Dict[tuple, List[Dict[str, Any]]] = {}
    for r in rows:
        out.setdefault((r["app_id"], r["attempt"]), []).append(r)
    return out


def applications(tables: Mapping[str, List[Dict[str, Any]]]) -> List[Dict[str, Any]]:
    """Every stored run as a clusop.scan/1 application object, in start order."""
    stages = _by_run(tables[STAGE_METRICS.name])
    sqls = _by_run(tables[SQL_EXECUTIONS.name])
    recs = _by_run(tables[RECOMMENDATIONS.name])
    out = []
    words = _Words()
    for row in tables[APPS.name]:
        key = (row["app_id"], row["attempt"])
        app = _object(APPS, row, words)
        app["app_id"] = row["app_id"]  # the key columns are the application's own fields
        app["attempt"] = _attempt(row)
        app["stages"] = [_object(STAGE_METRICS, s, words) for s in stages.get(key, [])]
        app["sql_executions"] = [_object(SQL_EXECUTIONS, e, words) for e in sqls.get(key, [])]
        # a run ingested by a core without rules has no row here: [] then is "none found", which a
        # store cannot tell apart; the view says so only when rules ran somewhere in the database
        app["recommendations"] = [_object(RECOMMENDATIONS, r, words) for r in recs.get(key, [])]
        out.append(app)
    words.fill()
    if not tables[RECOMMENDATIONS.name]:
        for app in out:
            del app["recommendations"]
    return out


def job_name(app: Mapping[str, Any]) -> str:
    return app.get("name") or app.get("app_id") or ""


def trends(apps: List[Dict[str, Any]], current: Optional[List[Mapping[str, Any]]] = None) -> List[Dict[str, Any]]:
    """Per job (application name) with at least two runs: the runs in start order, each with its
    duration, modeled waste and the largest savings the core ranked (its first recommendations)."""
    current_ids = {(a.get("app_id"), a.get("attempt")) for a in current or []}
    jobs: "OrderedDict[str, List[Dict[str, Any]]]" = OrderedDict()
    for app in apps:
        jobs.setdefault(job_name(app), []).append(app)
    out = []
    for name, runs in jobs.items():
        if len(runs) < 2:
            continue
        out.append({"name": name, "runs": [{
            "app_id": a.get("app_id"),
            "attempt": a.get("attempt"),
            "start_ms": a.get("start_ms"),
            "start_ms_text": a.get("start_ms_text"),
            "duration_ms": a.get("duration_ms"),
            "duration_ms_text": a.get("duration_ms_text"),
            "waste_usd": (a.get("sql_totals") or {}).get("waste_usd"),
            "waste_usd_text": (a.get("sql_totals") or {}).get("waste_usd_text"),
            "stages": len(a.get("stages") or []),
            "recommendations": None if "recommendations" not in a else len(a["recommendations"]),
            "top": [{"rule": r.get("rule"), "usd": (r.get("saving") or {}).get("usd"),
                     "usd_text": (r.get("saving") or {}).get("usd_text"),
                     "time_ms": (r.get("saving") or {}).get("time_ms"),
                     "time_ms_text": (r.get("saving") or {}).get("time_ms_text")}
                    for r in (a.get("recommendations") or [])[:TOP_SAVINGS]],
            "current": (a.get("app_id"), a.get("attempt")) in current_ids,
        } for a in runs]})
    return out
