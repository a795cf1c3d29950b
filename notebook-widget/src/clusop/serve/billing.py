"""Billed reconciliation on GET /v1/signals: where the store holds readable copies of
system.billing.usage and system.billing.list_prices (--billing-usage / --billing-prices, checked
by onboarding), each record goes to the core (op "reconcile") with the usage rows of its
workspace and days and the list prices; the core matches them and says "billed" or why it stays
"modeled". Rows are only selected and their JSON columns read here, never matched or priced.
"""

from __future__ import annotations

import json
from typing import Dict, List, Optional

import logging

from .ranking import _call, billing_schema

log = logging.getLogger("clusop.serve")


def struct_columns() -> frozenset:
    """Columns the core reads as objects (system tables' structs), stored as JSON text in a copy."""
    return frozenset(c["name"] for t in billing_schema()["tables"] for c in t["columns"] if c["type"] == "struct")


def _row(cols: List[str], values, structs: frozenset) -> dict:
    out = {}
    for c, v in zip(cols, values):
        if c in structs and isinstance(v, str) and v.lstrip().startswith("{"):
            try:
                v = json.loads(v)
            except ValueError:
                pass  # the core names a row it cannot read
        out[c] = v
    return out


class BillingTables:
    def __init__(self, store, usage_table: str, prices_table: str):
        self.store, self.usage_table, self.prices_table = store, usage_table, prices_table
        self.structs = struct_columns()

    def _select(self, sql: str, params: tuple) -> List[dict]:
        def fn(cur):
            cur.execute(sql, params)
            cols = [d[0] for d in cur.description]
            return [_row(cols, r, self.structs) for r in cur.fetchall()]
        return self.store._run(fn, write=False)

    def reconcile(self, workspace_id: str, records: List[dict]) -> List[dict]:
        p = self.store.placeholder
        prices = self._select(f"SELECT * FROM {self.prices_table}", ())
        out = []
        for rec in records:
            first, last = str(rec.get("first_seen") or "")[:10], str(rec.get("last_seen") or "")[:10]
            usage = self._select(f"SELECT * FROM {self.usage_table} WHERE workspace_id = {p} "
                                 f"AND CAST(usage_date AS TEXT) >= {p} AND CAST(usage_date AS TEXT) <= {p}",
                                 (workspace_id, first, last))
            try:
                answer = _call({"op": "reconcile", "signal": rec, "usage": usage, "list_prices": prices})
            except (RuntimeError, ValueError) as e:  # the figure stays modeled, as the record says
                log.error("billed reconciliation of %s failed: %s", rec.get("record_key"), e)
                out.append(rec)
                continue
            out.append(answer.get("signal", rec))
        return out


def billing_tables(store, usage: Optional[str], prices: Optional[str]) -> Optional[BillingTables]:
    """The tables when both are given and readable, else None (figures stay modeled)."""
    if not usage or not prices:
        return None
    if store.table_columns(usage) is None or store.table_columns(prices) is None:
        return None
    return BillingTables(store, usage, prices)
