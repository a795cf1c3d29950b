"""A listener's signal batch, read and checked; its rows for clusop_signal_flushes (fields selected,
nothing computed).

The shape is what the core's `flush` op writes for the listener (core/src/signals/README.md;
the listener's SignalBatcher only ships it): {"schema": "clusop.signal_batch/1", "app_id": ...,
"signals": [signal...]},
each signal "clusop.signal/1" with its signature, cumulative count/runtime/waste for the
application, first/last seen and flush {"seq", "final", "at"}. The batch id is the flush
sequence number, which a retry of the same batch repeats.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, List, Optional

BATCH_SCHEMA = "clusop.signal_batch/1"
SIGNAL_SCHEMA = "clusop.signal/1"
MAX_SIGNALS = 1000          # the listener keeps at most 1000 signatures per application
MAX_ID_CHARS = 256


class BatchError(ValueError):
    """The body is not a batch this service takes; the message names what was expected."""


@dataclass(frozen=True)
class Batch:
    app_id: str
    batch_id: str
    workspace_id: Optional[str]     # when the sender names one: must be its token's workspace
    signals: List[dict]
    raw: List[str]
    doc: dict                       # the batch as sent (the core's merge reads it)                  # each signal as JSON text, kept whole


def _no_constants(name: str):
    raise BatchError(f"{name} is not a JSON number (NaN and Infinity are not accepted)")


def _text(v: Any, what: str, optional: bool = False) -> Optional[str]:
    if v is None and optional:
        return None
    if not isinstance(v, str) or not v or len(v) > MAX_ID_CHARS:
        raise BatchError(f"{what} must be a non-empty string of at most {MAX_ID_CHARS} characters")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in v):
        raise BatchError(f"{what} must hold no control characters")
    return v


def _number(v: Any, what: str, optional: bool = True) -> Optional[float]:
    if v is None and optional:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
        raise BatchError(f"{what} must be a non-negative number{' or null' if optional else ''}")
    return float(v)


def _count(v: Any, what: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise BatchError(f"{what} must be a non-negative integer")
    return v


def parse(body: bytes) -> Batch:
    try:
        doc = json.loads(body.decode("utf-8"), parse_constant=_no_constants)
    except BatchError:
        raise
    except UnicodeDecodeError as e:
        raise BatchError(f"the body is not UTF-8 ({e.reason} at byte {e.start})") from None
    except RecursionError:
        raise BatchError("the body nests too deeply to be a signal batch") from None
    except ValueError as e:
        raise BatchError(f"the body is not JSON ({e})") from None
    if not isinstance(doc, dict):
        raise BatchError(f"expected a JSON object {{\"schema\": \"{BATCH_SCHEMA}\", ...}}, got {type(doc).__name__}")
    if doc.get("schema") != BATCH_SCHEMA:
        raise BatchError(f"expected \"schema\": \"{BATCH_SCHEMA}\", got {json.dumps(doc.get('schema'))[:80]}")
    app_id = _text(doc.get("app_id"), "app_id")
    workspace = _text(doc.get("workspace_id"), "workspace_id", optional=True)
    signals = doc.get("signals")
    if not isinstance(signals, list) or not signals:
        raise BatchError("signals must be a non-empty array")
    if len(signals) > MAX_SIGNALS:
        raise BatchError(f"a batch holds at most {MAX_SIGNALS} signals, this one {len(signals)}")
    seqs = set()
    seen = set()
    for i, s in enumerate(signals):
        where = f"signals[{i}]"
        if not isinstance(s, dict):
            raise BatchError(f"{where} must be an object")
        if s.get("schema") != SIGNAL_SCHEMA:
            raise BatchError(f"{where}.schema must be \"{SIGNAL_SCHEMA}\"")
        sig = _text(s.get("signature"), f"{where}.signature")
        if sig in seen:
            raise BatchError(f"{where}: signature {sig!r} appears twice in one batch")
        seen.add(sig)
        if s.get("app_id") != app_id:
            raise BatchError(f"{where}.app_id must be the batch's app_id")
        _count(s.get("count"), f"{where}.count")
        _number(s.get("total_runtime_seconds"), f"{where}.total_runtime_seconds")
        _number(s.get("total_waste_usd"), f"{where}.total_waste_usd")
        if s.get("priced_runs") is not None:
            _count(s.get("priced_runs"), f"{where}.priced_runs")
        for k in ("first_seen", "last_seen", "cause"):
            if s.get(k) is not None and not isinstance(s.get(k), str):
                raise BatchError(f"{where}.{k} must be a string or null")
        flush = s.get("flush")
        if not isinstance(flush, dict):
            raise BatchError(f"{where}.flush must be an object with seq")
        seqs.add(_count(flush.get("seq"), f"{where}.flush.seq"))
    if len(seqs) != 1:
        raise BatchError("every signal of a batch carries the same flush.seq (the batch id)")
    raw = [json.dumps(s, ensure_ascii=False, separators=(",", ":"), allow_nan=False) for s in signals]
    return Batch(app_id=app_id, batch_id=str(seqs.pop()), workspace_id=workspace, signals=signals, raw=raw, doc=doc)


def rows(batch: Batch, workspace_id: str, received_at: str) -> List[tuple]:
    """clusop_signal_flushes rows, in schema.columns('clusop_signal_flushes') order."""
    out = []
    for s, text in zip(batch.signals, batch.raw):
        out.append((
            workspace_id, batch.app_id, s["signature"], batch.batch_id, received_at,
            s.get("cause"), s["count"], s.get("total_runtime_seconds"), s.get("total_waste_usd"),
            s.get("priced_runs"), s.get("first_seen"), s.get("last_seen"),
            bool((s.get("flush") or {}).get("final", False)), text,
        ))
    return out
