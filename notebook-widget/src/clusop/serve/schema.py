"""The service's tables, defined once; the SQLite and PostgreSQL DDL are generated from here.

clusop_signal_flushes holds every signal of every batch exactly once: its key is (workspace,
source, signature, batch id), so a batch sent twice or retried after a timeout adds nothing.
clusop_signals holds the core's record per (workspace, signature): what the core's merge
(``_core.signals`` op "merge", in the same transaction) made of every flush so far (occurrences,
runtime, waste, first/last seen, per source). The record is stored whole, as the core wrote it;
its columns here are only selected from it, never computed. The record is kept in two parts so a
batch costs what it holds, not what the record has gathered: clusop_signals holds its head (the
record without "sources": totals, source_count, sample), clusop_signal_sources one row per source
(cluster or job run, and application). A merge reads the heads of the batch's signatures and only
the source rows of the batch's application, and the core corrects the totals by them (partial
records, core/src/signals/README.md); reads for ranking join the parts back into whole records.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

SCHEMA_VERSION = 2

# (name, portable type, nullable); types: text, int, real, bool, json
Column = Tuple[str, str, bool]

TABLES: Dict[str, dict] = {
    "clusop_signals": {
        "columns": [
            ("record_key", "text", False),     # the core's key of the record
            ("workspace_id", "text", False),
            ("signature", "text", False),
            ("updated_at", "text", False),
            ("record_json", "json", False),    # the core's record without its sources, handed back as is
        ],
        "key": ["record_key"],
        "indexes": [["workspace_id", "signature"]],
    },
    "clusop_signal_sources": {
        "columns": [
            ("record_key", "text", False),
            ("workspace_id", "text", False),
            ("signature", "text", False),
            ("source", "text", False),         # the core's source name: cluster:<id>, job_run:<id>, ...
            ("app_id", "text", False),         # the listener's application id (a batch's app_id)
            ("updated_at", "text", False),
            ("source_json", "json", False),    # one element of the record's sources, as the core wrote it
        ],
        "key": ["record_key", "source", "app_id"],
        "indexes": [["workspace_id", "app_id", "signature"]],
    },
    "clusop_signal_flushes": {
        "columns": [
            ("workspace_id", "text", False),
            ("source_id", "text", False),      # the cluster or job run: the listener's application id
            ("signature", "text", False),
            ("batch_id", "text", False),       # the listener's flush sequence number within its application
            ("received_at", "text", False),    # ISO-8601 UTC, when the batch was committed
            ("cause", "text", True),
            ("count", "int", False),
            ("total_runtime_seconds", "real", True),
            ("total_waste_usd", "real", True),
            ("priced_runs", "int", True),
            ("first_seen", "text", True),
            ("last_seen", "text", True),
            ("final", "bool", False),
            ("signal_json", "json", False),    # the signal as the listener sent it (sample plan, analysis)
        ],
        "key": ["workspace_id", "source_id", "signature", "batch_id"],
        "indexes": [],
    },
    "clusop_signal_mutes": {
        "columns": [
            ("workspace_id", "text", False),
            ("signature", "text", False),
            ("muted_at", "text", False),
        ],
        "key": ["workspace_id", "signature"],
        "indexes": [],
    },
    # the notifier's ledger: a delivery key is recorded once its message went out
    "clusop_notifications": {
        "columns": [
            ("delivery_key", "text", False),
            ("sent_at", "text", False),
        ],
        "key": ["delivery_key"],
        "indexes": [],
    },
    "clusop_serve_meta": {
        "columns": [
            ("name", "text", False),
            ("value", "text", False),
        ],
        "key": ["name"],
        "indexes": [],
    },
}

_TYPES = {
    "sqlite": {"text": "TEXT", "int": "INTEGER", "real": "REAL", "bool": "INTEGER", "json": "TEXT"},
    "postgresql": {"text": "TEXT", "int": "BIGINT", "real": "DOUBLE PRECISION", "bool": "BOOLEAN", "json": "TEXT"},
}


def columns(table: str) -> List[str]:
    return [c[0] for c in TABLES[table]["columns"]]


def ddl(dialect: str) -> List[str]:
    """CREATE statements (idempotent) for one dialect: 'sqlite' or 'postgresql'."""
    types = _TYPES[dialect]
    out: List[str] = []
    for name, t in TABLES.items():
        cols = [f"{c} {types[kind]}{'' if nullable else ' NOT NULL'}" for c, kind, nullable in t["columns"]]
        cols.append(f"PRIMARY KEY ({', '.join(t['key'])})")
        out.append(f"CREATE TABLE IF NOT EXISTS {name} (\n  " + ",\n  ".join(cols) + "\n)")
        for ix in t["indexes"]:
            out.append(f"CREATE INDEX IF NOT EXISTS {name}_{'_'.join(ix)} ON {name} ({', '.join(ix)})")
    return out


def insert_ignoring_duplicates(table: str, dialect: str, placeholder: str) -> str:
    """INSERT that adds nothing when the key is already there (both dialects accept ON CONFLICT)."""
    cols = columns(table)
    return (f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join([placeholder] * len(cols))}) "
            f"ON CONFLICT ({', '.join(TABLES[table]['key'])}) DO NOTHING")


def names() -> Sequence[str]:
    return tuple(TABLES)
