"""The core's part of the service (``_core.signals``, contract "clusop.signals/1";
core/src/signals/README.md): "merge" folds a batch into the stored records of its signatures,
"rank" applies the gate (muted signatures included) and orders by priority. Nothing is added,
compared or ordered here: requests are assembled, answers passed on.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import List, Optional

CONTRACT = "clusop.signals/1"


class CoreSignalsMissing(RuntimeError):
    pass


class MergeRejected(ValueError):
    """The core refused signals of the batch; nothing of it is kept."""


def _call(request: dict) -> dict:
    from .. import _core

    fn = getattr(_core, "signals", None)
    if fn is None:
        raise CoreSignalsMissing("this build of clusop's core has no signals entry (clusop_signals): "
                                 "signals cannot be merged or ranked; rebuild the package")
    answer = json.loads(fn(json.dumps(request, ensure_ascii=False, separators=(",", ":"))))
    if isinstance(answer, dict) and answer.get("error"):
        err = answer["error"]
        if err.get("code") == "bad_request":
            raise MergeRejected(err.get("message", "bad request"))
        raise RuntimeError(f"the core's signals entry failed: {err.get('code')}: {err.get('message')}")
    return answer


def merge(workspace_id: str, batch: dict, records: List[dict]) -> dict:
    answer = _call({"op": "merge", "workspace_id": workspace_id, "batch": batch, "signals": records})
    rejected = answer.get("rejected") or []
    if rejected:
        raise MergeRejected("; ".join(f"signals[{r.get('index')}]: {r.get('message')}" for r in rejected))
    return answer


def billing_schema() -> dict:
    """The columns of system.billing.usage / list_prices the core's reconciliation reads."""
    return _call({"op": "billing_schema"})


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def ranked(records: List[dict], muted: List[str], policy: Optional[dict] = None, now: Optional[str] = None,
           last_notified: Optional[dict] = None) -> dict:
    p = dict(policy or {})
    p["muted"] = sorted(set(p.get("muted", [])) | set(muted))
    return _call({"op": "rank", "signals": records, "policy": p, "now": now or now_utc(),
                  "last_notified": dict(last_notified or {})})
