"""Request limits: a body-size cap and a token-bucket rate per workspace."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Dict, Tuple

DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024   # a full listener batch of 1000 signatures with samples fits
DEFAULT_RATE_PER_SECOND = 50.0             # per workspace; a listener flushes once a minute by default
DEFAULT_BURST = 200


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    rate_per_second: float = DEFAULT_RATE_PER_SECOND
    burst: int = DEFAULT_BURST


class RateLimiter:
    """Token bucket per key; allow() says whether a request may go on now, and if not, when."""

    def __init__(self, rate_per_second: float, burst: int, clock=time.monotonic):
        self.rate = float(rate_per_second)
        self.burst = float(burst)
        self._clock = clock
        self._buckets: Dict[str, Tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> Tuple[bool, float]:
        """(allowed, seconds to wait before the next request would be)."""
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return True, 0.0
            self._buckets[key] = (tokens, now)
            return False, (1.0 - tokens) / self.rate if self.rate > 0 else 60.0
