"""GET /v1/signals: the stored signals handed to the core (``_core.signals``, contract
"clusop.signals/1"), which merges each signature's batches, applies the gate (muted signatures
included) and ranks. Nothing is added, compared or ordered here.
"""

from __future__ import annotations

import json
from typing import List

CONTRACT = "clusop.signals/1"


class CoreSignalsMissing(RuntimeError):
    pass


def _entry():
    from .. import _core

    fn = getattr(_core, "signals", None)
    if fn is None:
        raise CoreSignalsMissing("this build of clusop's core has no signals entry (clusop_signals): "
                                 "the ranking cannot be made; rebuild the package")
    return fn


def request_for(workspace_id: str, rows: List[dict], mutes: List[str], settings: dict) -> dict:
    return {
        "schema": CONTRACT,
        "op": "rank",
        "workspace_id": workspace_id,
        "signals": [json.loads(r["signal_json"]) | {"workspace_id": workspace_id} for r in rows],
        "muted": list(mutes),
        "gate": dict(settings.get("gate") or {}),
    }


def ranked(workspace_id: str, rows: List[dict], mutes: List[str], settings: dict) -> dict:
    answer = json.loads(_entry()(json.dumps(request_for(workspace_id, rows, mutes, settings))))
    if isinstance(answer, dict) and answer.get("error"):
        raise RuntimeError(f"the core refused the signals request: {answer['error']}")
    return answer
