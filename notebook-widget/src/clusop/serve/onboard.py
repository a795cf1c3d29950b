"""Onboarding: the service's tables created in the configured store, and whether the billing
tables (Databricks' system.billing.usage and system.billing.list_prices shapes) can be read there.

Without readable billing tables every dollar stays modeled, and the report says so. The columns
looked for are the core's (op "billing_schema": what its reconciliation reads), never listed here.
"""

from __future__ import annotations

from typing import Dict, List, Optional

from .ranking import billing_schema
from .store import Store

# where a copy of each system table is looked for, per dialect (first readable wins)
DEFAULT_TABLES = {
    "sqlite": {"usage": ["system_billing_usage", "billing_usage"],
               "list_prices": ["system_billing_list_prices", "billing_list_prices"]},
    "postgresql": {"usage": ["system.billing_usage", "billing.usage", "system_billing_usage"],
                   "list_prices": ["system.billing_list_prices", "billing.list_prices", "system_billing_list_prices"]},
}


def probe_billing(store: Store, usage: Optional[str] = None, list_prices: Optional[str] = None) -> Dict[str, dict]:
    """{"usage": {...}, "list_prices": {...}}, each {table, system_table, readable, missing_columns
    (required by the core's reconciliation), missing_optional, tried}."""
    given = {"usage": usage, "list_prices": list_prices}
    out: Dict[str, dict] = {}
    for t in billing_schema()["tables"]:
        kind = t["name"]
        required = [c["name"] for c in t["columns"] if c["required"]]
        optional = [c["name"] for c in t["columns"] if not c["required"]]
        tried: List[str] = [given[kind]] if given.get(kind) else DEFAULT_TABLES[store.dialect][kind]
        found = None
        for table in tried:
            have = store.table_columns(table)
            if have is not None:
                lower = {c.lower() for c in have}
                found = {"table": table, "readable": True, "missing_columns": [c for c in required if c not in lower],
                         "missing_optional": [c for c in optional if c not in lower]}
                break
        out[kind] = found or {"table": None, "readable": False, "missing_columns": required, "missing_optional": optional}
        out[kind].update(tried=tried, system_table=t["system_table"])
    return out


def report_lines(store: Store, tables: List[str], billing: Dict[str, dict]) -> List[str]:
    lines = [f"store: {store.describe()}", f"tables ready: {', '.join(tables)}"]
    usable = True
    for kind, r in billing.items():
        if r["readable"] and not r["missing_columns"]:
            lines.append(f"billing {kind}: {r['table']} readable, columns as {r['system_table']}"
                         + (f" (without {', '.join(r['missing_optional'])}: used when present)"
                            if r["missing_optional"] else ""))
        elif r["readable"]:
            usable = False
            lines.append(f"billing {kind}: {r['table']} readable but lacks {', '.join(r['missing_columns'])}")
        else:
            usable = False
            lines.append(f"billing {kind}: not readable (tried {', '.join(r['tried'])})")
    lines.append("billed reconciliation: possible (figures upgraded to billed where usage records match)" if usable
                 else "billed reconciliation: not possible here; every dollar figure stays modeled")
    return lines
