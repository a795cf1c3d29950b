"""One delivery of one ranked signal to one destination: only when the core's verdict says
notify, at most once per (signal state, destination) as the ledger remembers, retried with
exponential backoff on what may pass (connection errors, 408, 429, 5xx)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Union

from .destination import Destination
from .payloads import teams_card, webhook_body

RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504})
USER_AGENT = "clusop-notify"

# (url, body bytes, headers, timeout seconds) -> HTTP status; raises OSError when no answer came
Post = Callable[[str, bytes, Dict[str, str], float], int]

# two deliveries of one key in this process are serialised (a fixed pool: keys never accumulate)
_LOCKS = tuple(threading.Lock() for _ in range(64))


@dataclass
class DeliveryResult:
    key: str
    outcome: str                  # "sent" | "already_sent" | "suppressed" | "failed"
    attempts: int = 0
    status: Optional[int] = None  # the last HTTP status, if one came
    errors: List[str] = field(default_factory=list)  # one line per failed attempt


def delivery_key(signal: Dict[str, Any], destination: Destination) -> str:
    """The ledger's key: the signal's record, the state it was judged in (last seen), the destination.
    A signal seen again later may be announced again, when the core's gate (cooldown) lets it."""
    return f"{signal.get('record_key')}@{signal.get('last_seen')}->{destination.id}"


def _urllib_post(url: str, body: bytes, headers: Dict[str, str], timeout: float) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) checked)
            response.read(64 * 1024)
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def _lock_for(key: str) -> threading.Lock:
    return _LOCKS[hash(key) % len(_LOCKS)]


def deliver(signal_json: Union[str, bytes, Dict[str, Any]], destination: Destination, ledger, *,
            attempts: int = 5, backoff_seconds: float = 1.0, max_backoff_seconds: float = 60.0,
            timeout_seconds: float = 10.0, post: Optional[Post] = None,
            sleep: Optional[Callable[[float], None]] = None) -> DeliveryResult:
    """Posts one ranked signal (an element of the core's rank answer) unless its verdict is not to
    notify or the ledger has it. ``post`` and ``sleep`` are injectable (tests; another HTTP client)."""
    signal = json.loads(signal_json) if isinstance(signal_json, (str, bytes)) else signal_json
    if not isinstance(signal, dict) or "record_key" not in signal:
        raise ValueError("a ranked signal of clusop.signals/1 (op rank) was expected: it has no record_key")
    key = delivery_key(signal, destination)
    verdict = signal.get("verdict") or {}
    if verdict.get("notify") is not True:
        reasons = [r.get("message", "") for r in verdict.get("reasons", []) if isinstance(r, dict)]
        return DeliveryResult(key, "suppressed", errors=reasons)
    payload = teams_card(signal) if destination.kind == "teams" else webhook_body(signal, key)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT, **destination.headers}
    if destination.kind == "webhook":
        headers.setdefault("Idempotency-Key", key)
    post = post or _urllib_post
    if sleep is None:
        import time
        sleep = time.sleep

    with _lock_for(key):  # two deliveries of one key in this process: the second sees the ledger
        if ledger.already_sent(key):
            return DeliveryResult(key, "already_sent")
        result = DeliveryResult(key, "failed")
        delay = backoff_seconds
        for attempt in range(max(1, attempts)):
            if attempt > 0:
                sleep(delay)
                delay = min(max_backoff_seconds, delay * 2)
            result.attempts += 1
            try:
                status = post(destination.url, body, headers, timeout_seconds)
            except OSError as e:
                result.errors.append(f"attempt {result.attempts}: {e}")
                continue
            result.status = status
            if 200 <= status < 300:
                ledger.record_sent(key)
                result.outcome = "sent"
                return result
            result.errors.append(f"attempt {result.attempts}: HTTP {status}")
            if status not in RETRYABLE:
                break  # a final answer: the body or the destination is wrong, retrying cannot help
        return result
