"""Where the service keeps signals: a SQLite file (embedded, the default) or PostgreSQL (a shared
deployment). One schema (schema.py) for both; every write is one transaction, committed before
the caller acknowledges anything.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from typing import Dict, List, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from . import schema


class StoreUnavailable(RuntimeError):
    """The database cannot be reached or is busy now; the caller answers 503 and the sender retries."""


class StoreError(ValueError):
    """The database URL or file is not one this service can use."""


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


class Store:
    dialect = ""
    placeholder = "?"

    # ---- to implement
    def _run(self, fn, write: bool):
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    # ---- shared
    def init(self) -> List[str]:
        """Creates the tables (idempotent); returns their names."""
        def fn(cur):
            for stmt in schema.ddl(self.dialect):
                cur.execute(stmt)
            self._upsert_meta(cur, "schema_version", str(schema.SCHEMA_VERSION))
        self._run(fn, write=True)
        return list(schema.names())

    def _upsert_meta(self, cur, name: str, value: str) -> None:
        p = self.placeholder
        cur.execute(f"INSERT INTO clusop_serve_meta (name, value) VALUES ({p}, {p}) "
                    f"ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, value))

    def ping(self) -> None:
        self._run(lambda cur: cur.execute("SELECT 1"), write=False)

    def _lock_signatures(self, cur, workspace_id: str, signatures: Sequence[str]) -> None:
        """Serialises merges of the same records (SQLite: BEGIN IMMEDIATE already does)."""

    def _sources(self, cur, where: str, params: tuple) -> Dict[str, List[dict]]:
        """record key -> its stored sources (rows of clusop_signal_sources matching `where`)."""
        cur.execute(f"SELECT record_key, source_json FROM clusop_signal_sources WHERE {where}", params)
        out: Dict[str, List[dict]] = {}
        for key, text in cur.fetchall():
            out.setdefault(key, []).append(json.loads(text))
        return out

    @staticmethod
    def _whole(head: dict, sources: Optional[List[dict]]) -> dict:
        """A head and all its source rows: the core's whole record (a head of schema version 1
        still holds its sources itself)."""
        if sources is not None or "sources" not in head:
            head = dict(head, sources=sources or [])
        return head

    def put_batch(self, workspace_id: str, rows: Sequence[tuple], signatures: Sequence[str], merge,
                  app_id: Optional[str] = None) -> Tuple[int, dict]:
        """One transaction: the batch's flush rows added (a repeat adds none), the stored records of
        its signatures handed to merge(records) -> the core's answer, the changed records written.
        With app_id (the batch's application), each record goes as its head and the sources of that
        application only (a partial record); the core names any record it needs whole
        ("need_whole") and gets it so. Returns (new flush rows, the core's answer). merge raising
        rolls everything back."""
        insert = schema.insert_ignoring_duplicates("clusop_signal_flushes", self.dialect, self.placeholder)
        p = self.placeholder
        upsert = (f"INSERT INTO clusop_signals (record_key, workspace_id, signature, updated_at, record_json) "
                  f"VALUES ({p}, {p}, {p}, {p}, {p}) ON CONFLICT (record_key) DO UPDATE SET "
                  f"updated_at = excluded.updated_at, record_json = excluded.record_json")
        upsert_source = (f"INSERT INTO clusop_signal_sources (record_key, workspace_id, signature, source, app_id, "
                         f"updated_at, source_json) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}) "
                         f"ON CONFLICT (record_key, source, app_id) DO UPDATE SET "
                         f"updated_at = excluded.updated_at, source_json = excluded.source_json")

        def fn(cur):
            self._lock_signatures(cur, workspace_id, signatures)
            added = 0
            for r in rows:
                cur.execute(insert, r)
                added += max(cur.rowcount, 0)
            if added == 0:
                # every flush of the batch is stored already, and was merged in the transaction that
                # stored it: a repeat needs no merge
                return 0, {"signals": [], "outcomes": [{"signature": sig, "result": "duplicate"} for sig in signatures]}
            heads: Dict[str, dict] = {}
            touched: Dict[str, List[dict]] = {}
            sigs = sorted(set(signatures))
            for i in range(0, len(sigs), 500):
                part = sigs[i:i + 500]
                marks = ", ".join([p] * len(part))
                cur.execute(f"SELECT record_key, record_json FROM clusop_signals WHERE workspace_id = {p} "
                            f"AND signature IN ({marks})", (workspace_id, *part))
                heads.update((k, json.loads(t)) for k, t in cur.fetchall())
                if app_id is not None:
                    touched.update(self._sources(cur, f"workspace_id = {p} AND app_id = {p} AND signature IN ({marks})",
                                                 (workspace_id, app_id, *part)))
            whole = set(heads) if app_id is None else set()
            for _ in range(2):
                records = []
                for key, head in heads.items():
                    if key in whole or "source_count" not in head:
                        records.append(self._whole(head, self._sources(cur, f"record_key = {p}", (key,)).get(key)))
                    else:
                        records.append(dict(head, sources=touched.get(key, [])))
                answer = merge(records)
                need = set(answer.get("need_whole") or []) - whole
                if not need:
                    break
                whole |= need
            if answer.get("need_whole"):
                raise RuntimeError(f"the core asked for whole records it was given: {answer['need_whole']}")
            at = now_iso()
            for rec in answer.get("signals", []):
                key = rec["record_key"]
                head = {k: v for k, v in rec.items() if k != "sources"}
                cur.execute(upsert, (key, workspace_id, rec["signature"], at,
                                     json.dumps(head, ensure_ascii=False, separators=(",", ":"))))
                for src in rec.get("sources", []):
                    cur.execute(upsert_source, (key, workspace_id, rec["signature"], src["source"], src["app_id"], at,
                                                json.dumps(src, ensure_ascii=False, separators=(",", ":"))))
            return added, answer
        return self._run(fn, write=True)

    def records(self, workspace_id: str) -> List[dict]:
        p = self.placeholder

        def fn(cur):
            cur.execute(f"SELECT record_key, record_json FROM clusop_signals WHERE workspace_id = {p} "
                        f"ORDER BY record_key", (workspace_id,))
            heads = cur.fetchall()
            sources = self._sources(cur, f"workspace_id = {p}", (workspace_id,))
            return [self._whole(json.loads(t), sources.get(k)) for k, t in heads]
        return self._run(fn, write=False)

    def record(self, workspace_id: str, signature: str) -> Optional[dict]:
        p = self.placeholder

        def fn(cur):
            cur.execute(f"SELECT record_key, record_json FROM clusop_signals WHERE workspace_id = {p} AND signature = {p}",
                        (workspace_id, signature))
            r = cur.fetchone()
            if not r:
                return None
            return self._whole(json.loads(r[1]), self._sources(cur, f"record_key = {p}", (r[0],)).get(r[0]))
        return self._run(fn, write=False)

    def signal_rows(self, workspace_id: str) -> List[dict]:
        cols = schema.columns("clusop_signal_flushes")
        p = self.placeholder

        def fn(cur):
            cur.execute(f"SELECT {', '.join(cols)} FROM clusop_signal_flushes WHERE workspace_id = {p} "
                        f"ORDER BY signature, source_id, batch_id", (workspace_id,))
            return [dict(zip(cols, r)) for r in cur.fetchall()]
        return self._run(fn, write=False)

    def count_rows(self, workspace_id: Optional[str] = None) -> int:
        p = self.placeholder

        def fn(cur):
            if workspace_id is None:
                cur.execute("SELECT COUNT(*) FROM clusop_signal_flushes")
            else:
                cur.execute(f"SELECT COUNT(*) FROM clusop_signal_flushes WHERE workspace_id = {p}", (workspace_id,))
            return int(cur.fetchone()[0])
        return self._run(fn, write=False)

    def batch_keys(self) -> List[Tuple[str, str, str, str]]:
        """(workspace, source, signature, batch id) of every stored row (tests, onboarding)."""
        def fn(cur):
            cur.execute("SELECT workspace_id, source_id, signature, batch_id FROM clusop_signal_flushes")
            return [tuple(r) for r in cur.fetchall()]
        return self._run(fn, write=False)

    def mutes(self, workspace_id: str) -> List[str]:
        p = self.placeholder

        def fn(cur):
            cur.execute(f"SELECT signature FROM clusop_signal_mutes WHERE workspace_id = {p} ORDER BY signature",
                        (workspace_id,))
            return [r[0] for r in cur.fetchall()]
        return self._run(fn, write=False)

    def set_muted(self, workspace_id: str, signature: str, muted: bool) -> None:
        p = self.placeholder

        def fn(cur):
            if muted:
                cur.execute(f"INSERT INTO clusop_signal_mutes (workspace_id, signature, muted_at) VALUES ({p}, {p}, {p}) "
                            f"ON CONFLICT (workspace_id, signature) DO NOTHING", (workspace_id, signature, now_iso()))
            else:
                cur.execute(f"DELETE FROM clusop_signal_mutes WHERE workspace_id = {p} AND signature = {p}",
                            (workspace_id, signature))
        self._run(fn, write=True)

    def notification_sent(self, key: str) -> bool:
        p = self.placeholder

        def fn(cur):
            cur.execute(f"SELECT 1 FROM clusop_notifications WHERE delivery_key = {p}", (key,))
            return cur.fetchone() is not None
        return self._run(fn, write=False)

    def record_notification(self, key: str) -> None:
        p = self.placeholder
        self._run(lambda cur: cur.execute(
            f"INSERT INTO clusop_notifications (delivery_key, sent_at) VALUES ({p}, {p}) "
            f"ON CONFLICT (delivery_key) DO NOTHING", (key, now_iso())), write=True)

    def last_notified(self, record_keys: Sequence[str]) -> Dict[str, Optional[str]]:
        """record key -> when a notification of it last went out (any destination), else None.
        Delivery keys begin with "<record key>@" (clusop.notify.delivery_key)."""
        p = self.placeholder

        def fn(cur):
            out = {}
            for k in record_keys:
                prefix = k + "@"
                cur.execute(f"SELECT MAX(sent_at) FROM clusop_notifications "
                            f"WHERE substr(delivery_key, 1, {len(prefix)}) = {p}", (prefix,))
                out[k] = cur.fetchone()[0]
            return out
        return self._run(fn, write=False)

    def table_columns(self, table: str) -> Optional[List[str]]:
        """The columns of a table when it can be read, else None (onboarding's billing probe)."""
        def fn(cur):
            cur.execute(f"SELECT * FROM {table} LIMIT 0")
            return [d[0] for d in cur.description]
        try:
            return self._run(fn, write=False)
        except StoreUnavailable:
            raise
        except Exception:
            return None


# ---------------------------------------------------------------- SQLite
class SQLiteStore(Store):
    dialect = "sqlite"
    placeholder = "?"

    def __init__(self, path: str):
        import sqlite3

        self._sqlite3 = sqlite3
        self.path = path
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5.0)
            # WAL: readers never wait for the writer; FULL: a commit is on disk before it is acknowledged
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path}: not a SQLite database this service can open ({e})") from None

    def describe(self) -> str:
        return f"sqlite {self.path}"

    def _run(self, fn, write: bool):
        sqlite3 = self._sqlite3
        with self._lock:
            cur = self._conn.cursor()
            try:
                if write:
                    cur.execute("BEGIN IMMEDIATE")
                try:
                    out = fn(cur)
                except BaseException:
                    if write:
                        cur.execute("ROLLBACK")
                    raise
                if write:
                    cur.execute("COMMIT")
                return out
            except sqlite3.OperationalError as e:
                if "locked" in str(e) or "busy" in str(e) or "disk" in str(e) or "unable to open" in str(e):
                    raise StoreUnavailable(f"sqlite {self.path}: {e}") from None
                raise
            finally:
                cur.close()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


# ---------------------------------------------------------------- PostgreSQL
class PostgresStore(Store):
    dialect = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str, pool_size: int = 4, connect_timeout: int = 3):
        import psycopg  # the `serve` extra

        self._psycopg = psycopg
        self.url = url
        self._connect_timeout = connect_timeout
        self._idle: List = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(pool_size)

    def _lock_signatures(self, cur, workspace_id: str, signatures: Sequence[str]) -> None:
        # two listeners reporting one signature at once: their merges take turns (sorted: no deadlock)
        for sig in sorted(set(signatures)):
            cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"{workspace_id}|{sig}",))

    def describe(self) -> str:
        u = urlsplit(self.url)
        return f"postgresql {u.hostname or 'localhost'}:{u.port or 5432}{u.path}"

    def _connect(self):
        try:
            return self._psycopg.connect(self.url, connect_timeout=self._connect_timeout, autocommit=False)
        except self._psycopg.OperationalError as e:
            raise StoreUnavailable(f"{self.describe()}: {str(e).strip().splitlines()[0] if str(e).strip() else e}") from None

    def _run(self, fn, write: bool):
        with self._slots:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
            if conn is not None and not conn.closed:
                try:
                    return self._on(conn, fn)
                except StoreUnavailable:
                    pass  # a pooled connection the server dropped (a restart): once more on a new one
            return self._on(self._connect(), fn)

    def _on(self, conn, fn):
        psycopg = self._psycopg
        try:
            with conn.cursor() as cur:
                out = fn(cur)
            conn.commit()
        except (psycopg.OperationalError, psycopg.InterfaceError) as e:
            conn.close()
            raise StoreUnavailable(f"{self.describe()}: {str(e).strip().splitlines()[0] if str(e).strip() else e}") from None
        except BaseException:
            try:
                conn.rollback()
            except Exception:
                conn.close()
                raise
            with self._lock:
                self._idle.append(conn)
            raise
        with self._lock:
            self._idle.append(conn)
        return out

    def close(self) -> None:
        with self._lock:
            for c in self._idle:
                c.close()
            self._idle.clear()


def open_store(url: str) -> Store:
    """sqlite:///path/to/file.db (or a plain path) | postgresql://user@host:port/db."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        return SQLiteStore(url[len("sqlite://"):])
    if url.startswith("sqlite:"):
        return SQLiteStore(url[len("sqlite:"):])
    if "://" in url:
        raise StoreError(f"--db {url!r}: expected sqlite:///FILE, a file path, or postgresql://USER@HOST:PORT/DB")
    return SQLiteStore(url)
