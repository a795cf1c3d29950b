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
    """(plan text, source): source is ``text``, ``file``, ``bytes``, ``jvm_executed_plan`` or
    ``explain``. A ``str`` naming an existing file is read as that file (say it: source
    ``file``); bytes and files go through the core's decision of what they are first."""
    if isinstance(obj, str):
        if _names_a_file(obj):
            return _bytes_plan(_read(obj), "file")
        return obj, "text"
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return _bytes_plan(bytes(obj), "bytes")
    if isinstance(obj, os.PathLike):
        return _bytes_plan(_read(os.fspath(obj)), "file")
    if is_dataframe(obj):
        return dataframe_plan(obj)
    raise TypeError(
        f"clusop: expected plan text (str), bytes, a path or a PySpark DataFrame, not {type(obj).__name__}")


# the core decides from these kinds of first bytes; only plan text and one event line are plans
_PLAN_KINDS = ("plan_text", "event_line", "empty")


def _names_a_file(text: str) -> bool:
    return "\n" not in text and 0 < len(text) < 4096 and os.path.isfile(text)


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _bytes_plan(data: bytes, source: str) -> Tuple[str, str]:
    """The bytes as plan text when the core says they are one; else AnalysisError saying what
    they are (never decoded to replacement characters and judged)."""
    from . import _core
    from ._model import AnalysisError

    head = data[:1 << 16]
    kind = _core.input_kind(head, len(data) <= len(head))
    if kind in ("event_log", "compressed", "zip_archive"):
        raise AnalysisError("not_a_plan", f"the {source} given is {kind.replace('_', ' ')} data, not plan text: "
                                          "read whole event logs (any codec, zip archives) with clusop.scan")
    if kind not in _PLAN_KINDS:
        raise AnalysisError("not_a_plan", f"the {source} given is not plan text: "
                                          f"{_core.refusal(head, len(data) <= len(head))}")
    try:
        return data.decode("utf-8"), source
    except UnicodeDecodeError as e:
        raise AnalysisError("not_a_plan", f"the {source} given is not UTF-8 text ({e.reason} at byte {e.start}): "
                                          "expected Spark explain output or an event-log JSON line") from None


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
