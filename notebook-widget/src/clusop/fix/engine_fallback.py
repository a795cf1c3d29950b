"""engine_fallback -> a Databricks job-settings snippet when the whole plan left Photon and
nothing in the code is the cause; the UDF change when a row UDF is the cause.

A whole-plan fallback (the plan's fallback weight is 100%) on a Photon cluster pays Photon's DBU
rate for JVM work. With no Python UDF recommendation on the same execution, the cluster change
is the fix: a job cluster on the standard runtime. That is a setting of the job, not of the
code, so it is given as a snippet to put in the job's settings (Jobs API `new_cluster`)."""

from __future__ import annotations

import json
from typing import Mapping, Optional, Sequence

SNIPPET = json.dumps({"new_cluster": {"runtime_engine": "STANDARD"}}, indent=2)
RULES = ("engine_fallback",)


def fallback_weight(rec: Mapping) -> Optional[float]:
    for e in rec.get("evidence", []) or []:
        if isinstance(e, Mapping) and e.get("kpi") == "fallback_weight" and isinstance(e.get("value"), (int, float)):
            return float(e["value"])
    return None


def udf_cause(rec: Mapping, recommendations: Sequence[Mapping]) -> bool:
    return any(r.get("rule") == "python_udf" and r.get("execution_id") == rec.get("execution_id")
               for r in recommendations)
