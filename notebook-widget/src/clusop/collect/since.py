"""`--since`: a time given as an age (``24h``, ``90m``, ``7d``, ``2w``, ``30s``) or an ISO 8601
instant (``2026-11-30T06:00:00Z``), turned into an aware UTC datetime."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Optional

_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNIT = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, now: Optional[datetime] = None) -> datetime:
    """The instant ``text`` names; ValueError saying what was expected otherwise."""
    now = now or datetime.now(timezone.utc)
    m = _AGE.match(text or "")
    if m:
        return now - timedelta(**{_UNIT[m.group(2)]: float(m.group(1))})
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise ValueError(f"--since {text!r}: expected an age such as 24h, 90m, 7d, 2w, 30s "
                         f"or an ISO 8601 time such as 2026-11-30T06:00:00Z") from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def epoch_ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)
