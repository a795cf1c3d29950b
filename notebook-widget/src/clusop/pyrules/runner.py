"""Runs a rules folder over a clusop.scan/1 document in a child process, bounded per rule, and
has the core rank the findings with its own recommendations (clusop_rank)."""

from __future__ import annotations

import json
import multiprocessing
from typing import Any, Dict, List, Optional, Tuple

from .decorator import SCOPES, RuleSpec
from .discovery import _line, load_rules

DEFAULT_BUDGET_SECONDS = 30.0
# spawning the child and importing the folder is not a rule's time
STARTUP_SECONDS = 120.0


def with_python_rules(document_text: str, folder: Optional[str]) -> str:
    """``apply_rules`` when there is a folder, else the document unchanged."""
    return apply_rules(document_text, folder) if folder else document_text


def apply_rules(document_text: str, folder: str, *, budget_seconds: float = DEFAULT_BUDGET_SECONDS) -> str:
    """The document with each application's recommendations ranked by the core together with
    the folder's findings, and ``rule_errors`` naming every rule that raised, ran past its
    budget or yielded something that is not a recommendation."""
    from .. import _core

    document = json.loads(document_text)
    apps = document.get("applications") or []
    findings, errors = _run_bounded(folder, apps, budget_seconds)
    for index, app in enumerate(apps):
        mine = findings.get(index)
        if not mine:
            continue
        own = app.get("recommendations") or []
        request = {"application": app, "recommendations": own + [f for _, f in mine]}
        answer = json.loads(_core.rank(json.dumps(request, ensure_ascii=False)))
        app["recommendations"] = answer.get("recommendations", [])
        errors.extend(_named(e, len(own), mine) for e in answer.get("rule_errors") or [])
    document["rule_errors"] = (document.get("rule_errors") or []) + errors
    return json.dumps(document, indent=2, ensure_ascii=False)


def _named(error: Dict[str, Any], own: int, mine: List[Tuple[str, dict]]) -> Dict[str, Any]:
    """The core names a malformed recommendation by its index: say which rule made it."""
    message = str(error.get("message", ""))
    if message.startswith("recommendations[") and "]" in message:
        index = int(message[len("recommendations["):message.index("]")])
        if own <= index < own + len(mine):
            return {**error, "rule": mine[index - own][0]}
    return error


def _run_bounded(folder: str, apps: List[dict], budget: float) -> Tuple[Dict[int, List[Tuple[str, dict]]], List[dict]]:
    context = multiprocessing.get_context("spawn")
    apps_json = json.dumps(apps, ensure_ascii=False)
    findings: Dict[int, List[Tuple[str, dict]]] = {}
    errors: List[dict] = []
    start = 0
    while start is not None:
        start = _run_child(context, folder, apps_json, start, budget, findings, errors)
    return findings, errors


def _run_child(context, folder, apps_json, start, budget, findings, errors) -> Optional[int]:
    """Runs rules from index ``start`` in a fresh child; the index to resume from, or None."""
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, folder, apps_json, start), daemon=True)
    child.start()
    sender.close()
    current: Optional[Tuple[int, str]] = None
    try:
        while True:
            if not receiver.poll(budget if current else STARTUP_SECONDS):
                child.kill()
                if current is None:
                    errors.append({"rule": None, "line": None,
                                   "message": f"rules folder {folder!r}: not loaded within {STARTUP_SECONDS:.0f} s"})
                    return None
                errors.append({"rule": current[1], "line": None,
                               "message": f"did not finish within {budget:g} s: stopped (the other rules still ran)"})
                return current[0] + 1
            try:
                message = receiver.recv()
            except EOFError:
                child.join()
                if current is None:
                    errors.append({"rule": None, "line": None,
                                   "message": f"rules folder {folder!r}: the rules' process ended (exit code {child.exitcode})"})
                    return None
                errors.append({"rule": current[1], "line": None,
                               "message": f"ended the rules' process (exit code {child.exitcode})"})
                return current[0] + 1
            kind = message[0]
            if kind == "start":
                current = (message[1], message[2])
            elif kind == "findings":
                for app_index, finding in message[2]:
                    findings.setdefault(app_index, []).append((current[1], finding))
                current = None
            elif kind == "error":
                errors.append(message[1])
                current = None
            elif kind == "done":
                return None
    finally:
        receiver.close()
        child.join(timeout=0)


def _child_main(conn, folder: str, apps_json: str, start: int) -> None:
    rules, load_errors = load_rules(folder)
    if start == 0:
        for e in load_errors:
            conn.send(("error", e))
    apps = json.loads(apps_json)
    for index in range(start, len(rules)):
        spec = rules[index]
        conn.send(("start", index, spec.id))
        try:
            conn.send(("findings", index, _evaluate(spec, apps)))
        except Exception as e:  # the user's rule: reported by name, the next one runs
            conn.send(("error", {"rule": spec.id, "line": _line(e), "message": f"raised {type(e).__name__}: {e}"}))
    conn.send(("done",))
    conn.close()


def _evaluate(spec: RuleSpec, apps: List[dict]) -> List[Tuple[int, dict]]:
    out = []
    for app_index, app in enumerate(apps):
        for row in _rows(app, spec.scope):
            produced = spec.function(row, app) if spec.wants_application else spec.function(row)
            for finding in produced or ():
                if not isinstance(finding, dict):
                    raise TypeError(f"yielded a {type(finding).__name__}, expected a dict in the recommendation contract's shape")
                out.append((app_index, _filled(finding, spec, row)))
    return out


def _filled(finding: dict, spec: RuleSpec, row: dict) -> dict:
    """The rule id, scope and the row's ids, unless the rule set them."""
    ids = {"application": {}, "stage": {"stage_id": row.get("stage_id"), "stage_attempt": row.get("attempt")},
           "sql_execution": {"execution_id": row.get("execution_id")}}[spec.scope]
    return {"rule": spec.id, "scope": spec.scope, **ids, **finding}


def _rows(app: dict, scope: str) -> List[dict]:
    key = SCOPES[scope]
    return [app] if key is None else list(app.get(key) or [])
