"""Notifications for signals that pass the core's gate: a Microsoft Teams Adaptive Card or a generic
JSON webhook per signal, retried with backoff, never delivered twice to one destination.

Every sentence and figure comes from the core's ranked signal (``clusop.signals/1``, op "rank"):
nothing here computes or rewords them.

    from clusop.notify import Destination, deliver
    result = deliver(ranked_signal_json, Destination("teams", url), ledger)

``ledger`` is anything with ``already_sent(key) -> bool`` and ``record_sent(key)`` (the service
keeps it in its store).
"""

from .delivery import DeliveryResult, delivery_key, deliver
from .destination import Destination
from .payloads import teams_card, webhook_body

__all__ = ["Destination", "DeliveryResult", "deliver", "delivery_key", "teams_card", "webhook_body"]
