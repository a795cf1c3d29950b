"""Finds the ``@rule`` functions of a rules folder, in file then definition order."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import List, Optional, Tuple, Union

from .decorator import RuleSpec

ENV = "CLUSOP_RULES_DIR"
DEFAULT_DIR = "clusop_rules"


def default_rules_dir() -> Optional[str]:
    """``$CLUSOP_RULES_DIR``, else ``./clusop_rules`` when it exists, else None."""
    given = os.environ.get(ENV)
    if given:
        return given
    return DEFAULT_DIR if os.path.isdir(DEFAULT_DIR) else None


def resolve_rules_dir(given: Union[str, os.PathLike, bool, None]) -> Optional[str]:
    """The folder a ``python_rules=`` argument names: None or True -> the default folder (if
    any), False -> none, a path -> that folder (ValueError when it is not one)."""
    if given is False:
        return None
    if given is None or given is True:
        return default_rules_dir()
    folder = os.fspath(given)
    if not os.path.isdir(folder):
        raise ValueError(f"python_rules={folder!r}: expected a folder of .py files with @rule functions")
    return folder


def load_rules(folder: str) -> Tuple[List[RuleSpec], List[dict]]:
    """The folder's rules and, for a file that cannot be imported, an error naming it."""
    root = Path(folder)
    if not root.is_dir():
        raise ValueError(f"rules folder {folder!r}: expected a folder of .py files with @rule functions")
    rules: List[RuleSpec] = []
    errors: List[dict] = []
    for path in sorted(root.glob("*.py")):
        try:
            module = _import(path)
        except Exception as e:  # a user's file: whatever it raises is reported, not ours to crash on
            errors.append({"rule": path.name, "line": _line(e), "message": f"{type(e).__name__}: {e}"})
            continue
        specs = [v.__clusop_rule__ for v in vars(module).values() if hasattr(v, "__clusop_rule__")]
        rules.extend(sorted(specs, key=lambda s: s.function.__code__.co_firstlineno))
    return rules, errors


def _import(path: Path):
    spec = importlib.util.spec_from_file_location(f"clusop_rules.{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _line(error: Exception) -> Optional[int]:
    if isinstance(error, SyntaxError):
        return error.lineno
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_lineno if tb is not None else None
