"""Plan text from what the caller gives: a string, bytes, a file path object, or a DataFrame.

A classic PySpark DataFrame gives its executed physical plan through the JVM, printed in full
(``executedPlan().treeString(verbose=true, addSuffix=false, maxFields=Int.MaxValue,
printOperatorId=false)``: no field is truncated), exactly what the JVM listener prints. The plan
is taken as it is now: nothing is executed. Under adaptive query execution a DataFrame that has
not run yet shows ``AdaptiveSparkPlan isFinalPlan=false`` (the initial plan, which the core does
not judge); after an action that runs the DataFrame's own plan (``collect``, ``toPandas``,
``write``) it shows its final plan. (``count()`` and ``show()`` run plans of their own, an
aggregate or a limit over the DataFrame, and leave its plan initial.) Without JVM access (Spark Connect, shared clusters) the DataFrame's ``explain()``
output is captured instead.
"""

from __future__ import annotations

import contextlib
import io
import os
from typing import Any, Tuple

INT_MAX = 2147483647


def is_dataframe(obj: Any) -> bool:
    t = type(obj)
    return t.__name__ == "DataFrame" and t.__module__.startswith("pyspark.")


def plan_of(obj: Any) -> Tuple[str, str]:
    """(plan text, source): source is ``text``, ``file``, ``jvm_executed_plan`` or ``explain``."""
    if isinstance(obj, str):
        return obj, "text"
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return bytes(obj).decode("utf-8", errors="replace"), "text"
    if isinstance(obj, os.PathLike):
        with open(obj, encoding="utf-8", errors="replace") as f:
            return f.read(), "file"
    if is_dataframe(obj):
        return dataframe_plan(obj)
    raise TypeError(
        f"clusop: expected plan text (str), bytes, a path or a PySpark DataFrame, not {type(obj).__name__}")


def dataframe_plan(df: Any) -> Tuple[str, str]:
    jdf = getattr(df, "_jdf", None)
    if jdf is not None:
        try:
            plan = jdf.queryExecution().executedPlan().treeString(True, False, INT_MAX, False)
            if isinstance(plan, str) and plan.strip():
                return plan, "jvm_executed_plan"
        except Exception:  # a sealed JVM (py4j allow-list), a stopped context: use explain()
            pass
    return explain_text(df), "explain"


def explain_text(df: Any) -> str:
    """What ``df.explain()`` prints (the physical plan; a Photon Explanation when there is one)."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        df.explain()
    return buf.getvalue()
