"""How certify gets the executed plans: exactly the product's two paths.

* A query the suite builds as a DataFrame: its executed plan through the JVM after the action that
  runs it, as ``clusop.analyze(df)`` reads it (clusop._plan.dataframe_plan).
* Statements that run queries of their own (Delta's MERGE, UPDATE, DELETE and its log replay): the
  plans the clusop listener receives for the session, read from its in-JVM feed
  (clusop.runtime.jvm, the feed ``clusop.watch`` polls). The listener sees a plan on Spark's
  listener thread, after the statement returned; a marker query run after the statement and seen
  in the feed says every plan before it has arrived (the feed is in order), so no delay is guessed.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Callable, Dict, List, Tuple

from .._plan import dataframe_plan

FEED_PAGE = 64          # the feed's largest answer (ListenerFeed.MAX_PER_POLL)
MARKER_DEADLINE_S = 300  # a marker not seen by then: the listener is stuck or dropping


class CaptureError(Exception):
    """The plans could not be captured; the message says why."""


def run_and_capture(df: Any) -> Tuple[str, str]:
    """Runs the DataFrame's own plan (collect) and returns (its executed plan, source)."""
    df.collect()
    return dataframe_plan(df)


class FeedWindow:
    """The session's plans seen by the clusop listener while a block of statements runs."""

    def __init__(self, spark: Any):
        from ..runtime import jvm

        try:
            self.listener = jvm.arm(spark, origin="certify")
            self._last = self.listener.feed_head()
        except jvm.JvmUnavailable as e:
            raise CaptureError(f"the clusop listener cannot run on this session: {e}") from None
        self.spark = spark

    def begin(self) -> None:
        """Plans run before this call (by anything) are not the next block's own."""
        self._through_marker()

    def capture(self, block: Callable[[], Any]) -> List[Dict[str, Any]]:
        """Runs ``block`` and returns the feed records ({func, plan, ...}) of the plans it ran
        (since :meth:`begin` or the previous capture). A statement's own record (func
        ``command``: the statement node, no work of its own) is left out: its work is in the
        executions it ran, which are captured."""
        dropped = self._dropped()
        block()
        records = self._through_marker()
        if self._dropped() != dropped:
            raise CaptureError("the listener dropped plans while the statement ran (its queue was full): "
                               "the capture is incomplete")
        return records

    def _through_marker(self) -> List[Dict[str, Any]]:
        """Runs a marker query; returns the records that arrived before it."""
        marker = f"clusop_certify_marker_{uuid.uuid4().hex}"
        self.spark.range(1).selectExpr(f"'{marker}' AS {marker}").collect()
        records: List[Dict[str, Any]] = []
        deadline = time.monotonic() + MARKER_DEADLINE_S
        while True:
            for rec in self._read():
                if marker in (rec.get("plan") or ""):
                    return records
                if rec.get("func") != "command":
                    records.append(rec)
            if time.monotonic() > deadline:
                raise CaptureError(f"the listener did not report the marker query within {MARKER_DEADLINE_S} s")
            time.sleep(0.05)  # the feed is polled; the marker, not this pause, ends the wait

    def _read(self) -> List[Dict[str, Any]]:
        out = []
        while True:
            page = self.listener.feed_since(self._last)
            for rec in page:
                self._last = max(self._last, int(rec.get("seq", 0)))
                sid = rec.get("session")
                if sid and self.listener.session_id and sid != self.listener.session_id:
                    continue
                out.append(rec)
            if len(page) < FEED_PAGE:
                return out

    def _dropped(self) -> int:
        return int(self.listener.status().get("dropped", 0) or 0)
