"""clusop.watch: a live widget of every query a classic SparkSession runs.

The JVM listener (registered on the session if it is not there yet) analyses each query in the
driver with the native core and keeps the recent analyses in a bounded in-JVM feed
(``PhotonFallbackListener.feedSince``); a daemon thread here polls it over Py4J and updates the
widget. On Spark Connect or where the JVM is sealed, the widget says so and nothing is raised.
"""

from __future__ import annotations

import datetime as _dt
import json
import threading
from typing import Any, Dict, List, Mapping, Optional

from ._model import AnalysisError
from ._request import analyze_text, merge_options, request_options

MAX_ROWS = 500


def _row(seq: int, rec: Mapping[str, Any], a: Mapping[str, Any]) -> Dict[str, Any]:
    w = a.get("waste") or {}
    fbs = a.get("fallbacks") or []
    key = None
    if fbs:
        nodes = {n["id"]: n for n in a.get("nodes", [])}
        kn = nodes.get(fbs[0].get("key_node"))
        key = kn["name"] if kn else None
    t = rec.get("time_ms")
    when = _dt.datetime.fromtimestamp(t / 1000).strftime("%H:%M:%S") if isinstance(t, (int, float)) else ""
    return {
        "seq": seq,
        "time": when,
        "time_ms": t,
        "duration_s": rec.get("duration_s"),
        "func": rec.get("func") or "",
        "engine": a.get("engine"),
        "verdict": a["verdict"]["kind"],
        "cause": a["verdict"]["cause"],
        "has_fallback": bool(a.get("has_fallback")),
        "weight": a.get("fallback_weight", 0.0),
        "weight_text": a.get("fallback_weight_text"),
        "usd": w.get("usd"),
        "usd_text": w.get("usd_text"),
        "usd_per_month": w.get("usd_per_month"),
        "missing": w.get("missing") or [],
        "fallbacks": len(fbs),
        "key_operator": key,
        "signature": a.get("signature"),
        "plan_truncated": bool(rec.get("plan_truncated")),
    }


class Watch:
    """The handle :func:`watch` returns: ``.widget``, ``.rows``, ``.analyses()``, ``.stop()``."""

    def __init__(self, spark: Any, interval: float, overrides: Dict[str, Any]):
        from ._widget import WatchWidget

        self.spark = spark
        self.interval = max(0.1, float(interval))
        self.overrides = overrides
        self.widget = WatchWidget()
        self.widget.on_msg(self._on_msg)
        self.listener = None
        self._records: Dict[int, Dict[str, Any]] = {}  # seq -> {plan, analysis text, options}
        self._rows: List[Dict[str, Any]] = []
        self._last = 0
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._lock = threading.Lock()
        self._displayed = False
        self.error: Optional[str] = None

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> "Watch":
        from .runtime import jvm

        spark = self.spark
        if spark is None:
            try:
                from pyspark.sql import SparkSession

                spark = SparkSession.getActiveSession()
            except Exception:
                spark = None
            self.spark = spark
        if spark is None:
            return self._unavailable("no active SparkSession: pass one, clusop.watch(spark)")
        try:
            self.listener = jvm.arm(spark, origin="watch")
            self._last = self.listener.feed_head()
        except jvm.JvmUnavailable as e:
            return self._unavailable(str(e))
        except Exception as e:  # noqa: BLE001 - fail soft, whatever the gateway says
            return self._unavailable(f"the driver's JVM is not reachable ({type(e).__name__})")
        st = self.listener.status()
        how = {"conf": "registered by spark.sql.queryExecutionListeners", "autoload": "armed by the autoload",
               "watch": "registered now", "earlier": "registered earlier"}.get(self.listener.registered_by,
                                                                                   self.listener.registered_by)
        self.widget.status = f"watching session {self.listener.session_id[:8]}: listener {how}"
        if st.get("agent") == "dormant":
            self.widget.status += "; the listener is dormant (see the driver log): no query will appear"
        self.widget.state = "watching"
        self._thread = threading.Thread(target=self._run, name="clusop-watch", daemon=True)
        self._thread.start()
        return self

    def _unavailable(self, why: str) -> "Watch":
        self.error = why
        self.widget.state = "unavailable"
        self.widget.status = (f"clusop.watch cannot watch this session: {why}. "
                              "clusop.analyze(df) and clusop.show(df) still work (they read the plan "
                              "through explain()).")
        return self

    def stop(self) -> None:
        """Stops polling (the widget keeps what it shows)."""
        self._stop.set()
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout=5)
        if self.widget.state == "watching":
            self.widget.state = "stopped"
            self.widget.status += " (stopped)"

    # ------------------------------------------------------------------ polling
    def _run(self) -> None:
        failures = 0
        while not self._stop.wait(self.interval):
            if getattr(self.widget, "comm", None) is None:  # the widget was closed
                self.widget.state = "stopped"
                return
            try:
                self.poll()
                failures = 0
            except Exception as e:  # noqa: BLE001
                failures += 1
                if failures >= 3 or self._context_stopped():
                    self.widget.state = "stopped"
                    self.widget.status = f"stopped: the session is gone or unreachable ({type(e).__name__})"
                    return

    def _context_stopped(self) -> bool:
        try:
            return bool(self.spark._jsc.sc().isStopped())
        except Exception:
            return True

    def poll(self) -> int:
        """Reads the feed once; returns how many of this session's queries arrived."""
        if self.listener is None:
            return 0
        added = 0
        while True:
            records = self.listener.feed_since(self._last)
            if not records:
                break
            for rec in records:
                self._last = max(self._last, int(rec.get("seq", 0)))
                sid = rec.get("session")
                if sid and self.listener.session_id and sid != self.listener.session_id:
                    continue
                if self._add(rec):
                    added += 1
            if len(records) < 64:
                break
        if added:
            self._publish()
        return added

    def _add(self, rec: Dict[str, Any]) -> bool:
        seq = int(rec["seq"])
        text = rec.get("analysis") or ""
        plan = rec.get("plan") or ""
        options = {k: v for k, v in (rec.get("request") or {}).items() if k != "plan"}
        if self.overrides:
            options = merge_options(options, self.overrides)
            try:
                text = analyze_text(plan, options).to_json()
            except AnalysisError:
                pass
        try:
            a = json.loads(text)
        except ValueError:
            return False
        if "error" in a:
            return False
        with self._lock:
            self._records[seq] = {"plan": plan, "analysis_json": text, "options": options}
            self._rows.insert(0, _row(seq, rec, a))
            while len(self._rows) > MAX_ROWS:
                old = self._rows.pop()
                self._records.pop(old["seq"], None)
        return True

    def _publish(self) -> None:
        with self._lock:
            rows = list(self._rows)
        priced = [r["usd"] for r in rows if r["usd"] is not None]
        self.widget.total_usd = float(sum(priced))
        self.widget.priced = len(priced)
        self.widget.unpriced_fallbacks = sum(1 for r in rows if r["usd"] is None and r["has_fallback"])
        self.widget.seen = len(rows)
        self.widget.rows = rows

    # ------------------------------------------------------------------ the front end
    def _on_msg(self, widget: Any, content: Any, buffers: Any) -> None:
        try:
            if not isinstance(content, dict) or content.get("type") != "open":
                return
            seq = int(content.get("seq"))
            with self._lock:
                rec = self._records.get(seq)
            if rec is None:
                self.widget.send({"type": "detail", "seq": seq, "missing": True})
                return
            self.widget.send({"type": "detail", "seq": seq, **rec})
        except Exception:
            pass

    # ------------------------------------------------------------------ reading
    @property
    def rows(self) -> List[Dict[str, Any]]:
        """One summary per query, newest first."""
        with self._lock:
            return list(self._rows)

    def analyses(self):
        """The analyses seen so far (newest first) as :class:`clusop.Analysis` objects."""
        from ._model import Analysis

        with self._lock:
            items = [(r["seq"], self._records.get(r["seq"])) for r in self._rows]
        return [Analysis.from_json(rec["analysis_json"], plan=rec["plan"], request=rec["options"])
                for _, rec in items if rec is not None]

    def __repr__(self) -> str:
        return f"<clusop.watch {self.widget.state}: {len(self._rows)} queries>"

    def _ipython_display_(self) -> None:
        # watch() has displayed the widget already; show it only if it has not been
        if not self._displayed:
            self.display()

    def display(self) -> None:
        from IPython.display import display

        self._displayed = True
        display(self.widget)


def watch(spark: Any = None, *, interval: float = 1.0, cluster: Optional[Mapping[str, Any]] = None,
          **settings: Any) -> Watch:
    """Displays a live widget listing every query ``spark`` runs from now on (newest first):
    verdict, cause, fallback weight and modeled dollars per query, a running total, and a click
    to open a query's plan tree.

    It registers clusop's listener on the session when needed (the jar bundled with this package
    is added to the driver). Keyword settings (as for :func:`clusop.analyze`) re-price each query
    with the core here; without them the listener's own analysis (its ``spark.clusop.*``
    settings) is shown. On Spark Connect or a shared cluster whose JVM is sealed the widget
    explains why it cannot watch; nothing is raised. Returns the :class:`Watch` handle.
    """
    overrides = request_options(cluster, **settings)
    w = Watch(spark, interval, overrides).start()
    w.display()
    return w
