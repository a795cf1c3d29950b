"""``@rule``: marks a function as a clusop rule of one scope."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Optional

# the rows of a clusop.scan/1 application a rule can be given: scope -> the list holding them
SCOPES = {"application": None, "stage": "stages", "sql_execution": "sql_executions"}


@dataclass(frozen=True)
class RuleSpec:
    id: str
    scope: str
    function: Callable
    wants_application: bool


def rule(scope: str = "stage", *, id: Optional[str] = None):
    """Decorates ``fn(row)`` or ``fn(row, application)``; the rule id defaults to its name."""
    if scope not in SCOPES:
        raise ValueError(f"@rule: scope {scope!r} is not one of {', '.join(SCOPES)}")

    def mark(fn: Callable) -> Callable:
        params = len(inspect.signature(fn).parameters)
        if params not in (1, 2):
            raise TypeError(f"@rule {fn.__name__}: expected fn(row) or fn(row, application)")
        fn.__clusop_rule__ = RuleSpec(id=id or fn.__name__, scope=scope, function=fn,
                                      wants_application=params == 2)
        return fn

    return mark
