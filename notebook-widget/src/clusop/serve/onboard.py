"""Onboarding: the service's tables created in the configured store, and whether the billing
tables (Databricks' system.billing.usage and system.billing.list_prices shapes) can be read there.

Without readable billing tables every dollar stays modeled, and the report says so.
"""

from __future__ import annotations

from typing import Dict, List, Optional

from .store import Store

# the columns the billed reconciliation reads (Databricks system tables' names)
USAGE_COLUMNS = ("workspace_id", "sku_name", "usage_start_time", "usage_end_time", "usage_quantity",
                 "usage_unit", "usage_metadata", "cloud")
PRICE_COLUMNS = ("sku_name", "cloud", "price_start_time", "price_end_time", "currency_code", "usage_unit", "pricing")

# where a copy of each system table is looked for, per dialect (first readable wins)
DEFAULT_TABLES = {
    "sqlite": {"usage": ["system_billing_usage", "billing_usage"],
               "list_prices": ["system_billing_list_prices", "billing_list_prices"]},
    "postgresql": {"usage": ["system.billing_usage", "billing.usage", "system_billing_usage"],
                   "list_prices": ["system.billing_list_prices", "billing.list_prices", "system_billing_list_prices"]},
}


def probe_billing(store: Store, usage: Optional[str] = None, list_prices: Optional[str] = None) -> Dict[str, dict]:
    """{"usage": {...}, "list_prices": {...}}, each {table, readable, missing_columns, tried}."""
    wanted = {"usage": USAGE_COLUMNS, "list_prices": PRICE_COLUMNS}
    given = {"usage": usage, "list_prices": list_prices}
    out: Dict[str, dict] = {}
    for kind, cols in wanted.items():
        tried: List[str] = [given[kind]] if given[kind] else DEFAULT_TABLES[store.dialect][kind]
        found = None
        for table in tried:
            have = store.table_columns(table)
            if have is not None:
                lower = {c.lower() for c in have}
                found = {"table": table, "readable": True, "missing_columns": [c for c in cols if c not in lower]}
                break
        out[kind] = found or {"table": None, "readable": False, "missing_columns": list(cols)}
        out[kind]["tried"] = tried
    return out


def report_lines(store: Store, tables: List[str], billing: Dict[str, dict]) -> List[str]:
    lines = [f"store: {store.describe()}", f"tables ready: {', '.join(tables)}"]
    usable = True
    for kind, r in billing.items():
        if r["readable"] and not r["missing_columns"]:
            lines.append(f"billing {kind}: {r['table']} readable, columns as system.billing.{kind}")
        elif r["readable"]:
            usable = False
            lines.append(f"billing {kind}: {r['table']} readable but lacks {', '.join(r['missing_columns'])}")
        else:
            usable = False
            lines.append(f"billing {kind}: not readable (tried {', '.join(r['tried'])})")
    lines.append("billed reconciliation: possible (figures upgraded to billed where usage records match)" if usable
                 else "billed reconciliation: not possible here; every dollar figure stays modeled")
    return lines
