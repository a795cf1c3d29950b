"""Where a notification goes: a Teams channel's incoming webhook (or Workflows URL) or any HTTP(S)
endpoint that takes JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict
from urllib.parse import urlsplit

KINDS = ("teams", "webhook")


@dataclass(frozen=True)
class Destination:
    kind: str                      # "teams" | "webhook"
    url: str
    name: str = ""                 # how the ledger and logs name it; the URL when empty
    headers: Dict[str, str] = field(default_factory=dict)  # e.g. an Authorization header

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"destination kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if urlsplit(self.url).scheme not in ("http", "https") or not urlsplit(self.url).netloc:
            raise ValueError(f"destination url must be an http(s) URL, got {self.url!r}")

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name or self.url}"
