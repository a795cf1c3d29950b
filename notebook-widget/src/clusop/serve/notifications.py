"""After a batch is committed, the records it changed are ranked by the core with the store's
mutes and the ledger's last notifications (cooldown), and each signal whose verdict is to notify
goes to every destination through clusop.notify (Teams card or JSON webhook, retried, never
twice: the ledger is the store's clusop_notifications). One worker thread, in commit order; the
batch's acknowledgement never waits for it."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import List, Optional

from .ledger import StoreLedger
from .ranking import ranked

log = logging.getLogger("clusop.serve")


def parse_destination(text: str):
    """KIND=URL (kind: teams | webhook) -> clusop.notify.Destination."""
    from ..notify import Destination

    kind, sep, url = text.partition("=")
    if not sep:
        raise ValueError(f"--notify {text!r}: expected KIND=URL (teams=https://... or webhook=https://...)")
    return Destination(kind.strip(), url.strip())


class Notifier:
    def __init__(self, store, destinations: List, policy: Optional[dict] = None):
        self.store = store
        self.destinations = list(destinations)
        self.policy = dict(policy or {})
        self.ledger = StoreLedger(store)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clusop-notify")
        self._lock = threading.Lock()
        self.queued = 0
        self.done = 0
        self.sent = 0

    def counts(self) -> dict:
        with self._lock:
            return {"queued": self.queued, "done": self.done, "sent": self.sent}

    def after_commit(self, workspace_id: str, records: List[dict]) -> None:
        if not self.destinations or not records:
            return
        with self._lock:
            self.queued += 1
        self._pool.submit(self._run, workspace_id, records)

    def _run(self, workspace_id: str, records: List[dict]) -> None:
        from ..notify import deliver

        try:
            # the merge's answer holds only the sources the batch touched: rank the whole records
            records = [w for w in (self.store.record(workspace_id, r["signature"]) for r in records) if w]
            keys = [r["record_key"] for r in records]
            last = {k: v for k, v in self.store.last_notified(keys).items() if v}
            answer = ranked(records, self.store.mutes(workspace_id), self.policy, last_notified=last)
            for signal in answer.get("signals", []):
                if not (signal.get("verdict") or {}).get("notify"):
                    continue
                for d in self.destinations:
                    result = deliver(signal, d, self.ledger)
                    if result.outcome == "sent":
                        with self._lock:
                            self.sent += 1
                    log.info("notification %s to %s: %s", signal.get("signature"), d.id, result.outcome)
        except Exception as e:  # a failed notification never takes the service down; it is logged
            log.error("notifications for workspace %r failed: %s", workspace_id, e)
        finally:
            with self._lock:
                self.done += 1

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
