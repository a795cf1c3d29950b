"""clusop's tables as Delta tables, one folder each under a root (``<root>/clusop_apps``, ...),
created from store/schema.py (the schema version kept as the table property
``clusop.schema_version``; a table of another version is refused, as the DuckDB store does).

Writing is a MERGE on the table's keys (store/schema.py: application id + attempt + stage attempt
/ execution id / rank). A row whose values are all equal to the stored row is left alone (its
``collected_at`` stays the first time it was read), so ingesting the same logs twice changes
nothing; a changed row is updated, a new one inserted. As in the DuckDB store an application read
again replaces its rows: its stored rows the new read no longer has are deleted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

from ..store.schema import SCHEMA_VERSION, TABLES, Table, spark_struct_type

VERSION_PROPERTY = "clusop.schema_version"
APP_KEY = ["app_id", "attempt"]


class DeltaStoreError(Exception):
    """A Delta table cannot be used; the message says why and what to do."""


def table_path(root: str, table: Table) -> str:
    return root.rstrip("/") + "/" + table.name


def ensure_tables(spark, root: str) -> None:
    """Every table exists under ``root`` with this schema version."""
    from delta.tables import DeltaTable

    for t in TABLES:
        path = table_path(root, t)
        if DeltaTable.isDeltaTable(spark, path):
            _check_version(spark, path)
            continue
        (DeltaTable.createIfNotExists(spark).location(path).addColumns(spark_struct_type(t))
         .comment(t.doc).property(VERSION_PROPERTY, str(SCHEMA_VERSION)).execute())


def _check_version(spark, path: str) -> None:
    props = spark.sql(f"DESCRIBE DETAIL delta.`{path}`").select("properties").first()[0] or {}
    found = props.get(VERSION_PROPERTY)
    if found != str(SCHEMA_VERSION):
        raise DeltaStoreError(f"{path} is a Delta table of clusop schema version {found or 'none'}; this clusop "
                              f"writes version {SCHEMA_VERSION}: give another --delta folder")


@dataclass
class Written:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0


def merge_table(spark, root: str, table: Table, rows, apps: List[Tuple[str, str]]) -> Written:
    """MERGEs ``rows`` (a DataFrame of the table's schema) into the table, in one MERGE: changed
    rows updated, new rows inserted, and the stored rows of the applications read (``apps``:
    (app_id, attempt)) that this read no longer has deleted."""
    from delta.tables import DeltaTable

    target = DeltaTable.forPath(spark, table_path(root, table))
    keys = table.keys
    on = " AND ".join(f"t.`{k}` = s.`{k}`" for k in keys)
    values = [c for c in table.names if c not in keys and c != "collected_at"]
    changed = " OR ".join(f"NOT (t.`{c}` <=> s.`{c}`)" for c in values) or "false"
    merge = (target.alias("t").merge(rows.dropDuplicates(keys).alias("s"), on)
             .whenMatchedUpdateAll(condition=changed).whenNotMatchedInsertAll())
    if apps:
        read = ", ".join(f"({_sql_string(a)}, {_sql_string(b)})" for a, b in sorted(set(apps)))
        merge = merge.whenNotMatchedBySourceDelete(condition=f"(t.`app_id`, t.`attempt`) IN ({read})")
    merge.execute()
    return Written(*_metrics(target, "numTargetRowsInserted", "numTargetRowsUpdated", "numTargetRowsDeleted"))


def _sql_string(v: str) -> str:
    return "'" + str(v).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _metrics(target, *names: str) -> List[int]:
    m: Dict[str, Any] = target.history(1).select("operationMetrics").first()[0] or {}
    return [int(m.get(n, 0) or 0) for n in names]


def read_table(spark, root: str, table: Table):
    return spark.read.format("delta").load(table_path(root, table))
