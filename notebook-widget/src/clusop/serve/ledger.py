"""The notifier's ledger on the service's store: a delivery key is recorded once its message went
out, so a signal is never announced twice (clusop.notify's deliver(signal_json, destination, ledger))."""

from __future__ import annotations

from .store import Store


class StoreLedger:
    def __init__(self, store: Store):
        self._store = store

    def already_sent(self, key: str) -> bool:
        return self._store.notification_sent(key)

    def record_sent(self, key: str) -> None:
        self._store.record_notification(key)
