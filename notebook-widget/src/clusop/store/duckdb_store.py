"""The embedded default: clusop's tables in one local DuckDB file.

Tables are created when absent, from schema.py; the schema version is kept in ``clusop_meta``.
A database written by a newer schema is refused (never half-understood). Each application is
written in one transaction: its rows of every table replace those of the same application id and
attempt (the tables' keys), so ingesting the same log twice changes nothing and a failure rolls
back only the application being written, never what was written before.
DuckDB lets one process write a file at a time: a file locked by another process, or a
read-only file, gives a StoreError saying so.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional

from .schema import SCHEMA_VERSION, TABLES, Table, duckdb_ddl, duckdb_type

META_TABLE = "clusop_meta"
DEFAULT_DB = "clusop.duckdb"


class StoreError(Exception):
    """The database cannot be opened or written; the message says why and what to do."""


class DuckDBStore:
    """One open DuckDB database holding clusop's tables. Use as a context manager."""

    def __init__(self, path: str, *, read_only: bool = False):
        import duckdb

        self.path = os.fspath(path)
        self.read_only = read_only
        if not read_only:
            _refuse_read_only_file(self.path)
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as e:
            raise StoreError(_open_message(self.path, e)) from e
        try:
            self._con.execute("SET enable_progress_bar = false")  # the command prints its own lines
            self.schema_version = self._prepare()
        except BaseException:
            self._con.close()
            raise

    # ------------------------------------------------------------------ schema
    def _prepare(self) -> int:
        import duckdb

        found = self._stored_version()
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError(f"{self.path} holds clusop tables of schema version {found}; this clusop "
                             f"knows version {SCHEMA_VERSION}: upgrade clusop to read or write it")
        if found is not None and found < SCHEMA_VERSION:
            raise StoreError(f"{self.path} holds clusop tables of schema version {found}; this clusop "
                             f"writes version {SCHEMA_VERSION} and has no migration from it: "
                             f"ingest into a new file")
        if found is None:
            if self.read_only:
                raise StoreError(f"{self.path} holds no clusop tables (no {META_TABLE} table): ingest into it first")
            try:
                self._con.execute("BEGIN TRANSACTION")
                self._con.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)")
                for t in TABLES:
                    self._con.execute(duckdb_ddl(t))
                self._con.execute(f"INSERT OR REPLACE INTO {META_TABLE} VALUES ('schema_version', ?)",
                                  [str(SCHEMA_VERSION)])
                self._con.execute("COMMIT")
            except duckdb.Error as e:
                self._rollback()
                raise StoreError(_write_message(self.path, e)) from e
        return SCHEMA_VERSION

    def _stored_version(self) -> Optional[int]:
        has_meta = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [META_TABLE]).fetchone()[0]
        if not has_meta:
            return None
        row = self._con.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
        if row is None:
            return None
        try:
            return int(row[0])
        except ValueError:
            raise StoreError(f"{self.path}: {META_TABLE}.schema_version is {row[0]!r}, expected a whole number")

    # ------------------------------------------------------------------ writing
    def write_application(self, rows: Mapping[str, List[Dict[str, Any]]]) -> Optional[Dict[str, int]]:
        """Writes one application's rows (rows.application_rows) in one transaction, replacing
        the rows of the same application id and attempt. Returns table name -> rows written, or
        None when the database already holds exactly these rows (only ``collected_at`` may
        differ): then nothing is written, so ingesting the same log twice changes nothing."""
        import duckdb

        apps = rows.get("clusop_apps") or []
        if len(apps) != 1:
            raise ValueError(f"write_application expects the rows of one application, got {len(apps)} clusop_apps rows")
        key = [apps[0]["app_id"], apps[0]["attempt"]]
        written: Dict[str, int] = {}
        try:
            self._con.execute("BEGIN TRANSACTION")
            if self._holds(key, rows):
                self._con.execute("ROLLBACK")
                return None
            for t in TABLES:
                self._con.execute(f'DELETE FROM {t.name} WHERE "app_id" = ? AND "attempt" = ?', key)
                table_rows = rows.get(t.name) or []
                self._insert(t, table_rows)
                written[t.name] = len(table_rows)
            self._con.execute("COMMIT")
        except duckdb.Error as e:
            self._rollback()
            raise StoreError(_write_message(self.path, e)) from e
        except BaseException:
            self._rollback()
            raise
        return written

    def _insert(self, table: Table, rows: List[Dict[str, Any]]) -> None:
        # through DuckDB's JSON reader: one statement for all rows (executemany runs one per row,
        # minutes for ten thousand stages); the file is ours and gone when the statement ends
        if not rows:
            return
        cols = ", ".join(f'"{c}"' for c in table.names)
        types = "{" + ", ".join(f"'{c.name}': '{duckdb_type(c)}'" for c in table.columns) + "}"
        fd, path = tempfile.mkstemp(prefix="clusop-ingest-", suffix=".jsonl")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                for r in rows:
                    f.write(json.dumps({c: _json_value(r.get(c)) for c in table.names}, ensure_ascii=False,
                                       allow_nan=False))
                    f.write("\n")
            self._con.execute(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM read_json(?, "
                              f"format = 'newline_delimited', columns = {types})", [path])
        finally:
            os.remove(path)

    def _holds(self, key: List[Any], rows: Mapping[str, List[Dict[str, Any]]]) -> bool:
        """Whether the stored rows of this application equal these, collected_at aside."""
        for t in TABLES:
            cols = [c for c in t.names if c != "collected_at"]
            select = ", ".join(f'"{c}"' for c in cols)
            stored = self._con.execute(f'SELECT {select} FROM {t.name} WHERE "app_id" = ? AND "attempt" = ?',
                                       key).fetchall()
            new = [tuple(_db_value(r.get(c)) for c in cols) for r in rows.get(t.name) or []]
            if sorted(map(_comparable, stored)) != sorted(map(_comparable, new)):
                return False
        return True

    def _rollback(self) -> None:
        try:
            self._con.execute("ROLLBACK")
        except Exception:
            pass

    # ------------------------------------------------------------------ reading
    def count(self, table: str) -> int:
        return self._con.execute(f"SELECT count(*) FROM {_known(table)}").fetchone()[0]

    def query(self, sql: str, params: Optional[List[Any]] = None):
        """(column names, rows) of a query."""
        cur = self._con.execute(sql, params or [])
        return [d[0] for d in cur.description], cur.fetchall()

    @property
    def connection(self):
        return self._con

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "DuckDBStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _known(table: str) -> str:
    if table not in {t.name for t in TABLES} | {META_TABLE}:
        raise ValueError(f"unknown table {table!r}: expected one of {[t.name for t in TABLES]}")
    return table


def _db_value(v: Any) -> Any:
    # timestamps are stored as UTC without a zone
    if isinstance(v, datetime) and v.tzinfo is not None:
        return v.astimezone(timezone.utc).replace(tzinfo=None)
    return v


def _json_value(v: Any) -> Any:
    if isinstance(v, datetime):
        return _db_value(v).isoformat(sep=" ")
    return v


def _comparable(row: tuple) -> tuple:
    # sortable whatever the types and nulls
    return tuple((v is None, repr(v) if isinstance(v, float) and v != v else v) for v in row)


def _refuse_read_only_file(path: str) -> None:
    """A file marked read-only is refused before DuckDB opens it (root could write it anyway)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        parent = os.path.dirname(os.path.abspath(path))
        if not os.access(parent, os.W_OK):
            raise StoreError(f"cannot create {path}: the folder {parent} is not writable")
        return
    except OSError as e:
        raise StoreError(f"cannot open {path}: {e.strerror or e}")
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"{path} is not a file: expected a DuckDB database file")
    if not (st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only: nothing was written (make it writable, or give another --db)")


def _open_message(path: str, e: Exception) -> str:
    text = str(e)
    if "lock" in text.lower():
        return (f"{path} is locked by another process (DuckDB lets one process write a database at a "
                f"time): close it there or give another --db. DuckDB said: {text}")
    if "permission denied" in text.lower() or "read-only" in text.lower():
        return f"{path} is read-only: nothing was written. DuckDB said: {text}"
    return f"cannot open {path} as a DuckDB database: {text}"


def _write_message(path: str, e: Exception) -> str:
    text = str(e)
    if "read-only" in text.lower() or "permission denied" in text.lower():
        return f"{path} is read-only: this application was not written. DuckDB said: {text}"
    return f"writing to {path} failed, this application was not written (earlier ones were kept): {text}"
