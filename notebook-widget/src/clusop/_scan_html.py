"""Static HTML of a scan (clusop.scan/1) for hosts without widget support and for nbconvert
output: per application, the worst stage attempts by executor run time and the SQL executions
that fell back, with their modeled dollars. Presentation only: every figure is printed as the
core wrote it (its *_text fields), none is formatted here. Everything from the log is escaped;
styles are inline."""

from __future__ import annotations

from html import escape
from typing import Any, Dict, List, Optional

from ._html import _BOX

TOP_STAGES = 10
TOP_SQL = 20
TOP_RECS = 20
_CELL = "padding:2px 8px;border-bottom:1px solid #e7e5e4;text-align:right"
_CELL_L = "padding:2px 8px;border-bottom:1px solid #e7e5e4;text-align:left"


def _shown(core_text: Any) -> str:
    """A figure as the core wrote it (a *_text field, or a count); a dash where it wrote none."""
    return "–" if core_text is None else str(core_text)


def _table(head: List[str], rows: List[List[str]], left: int = 0) -> str:
    th = "".join(f'<th style="{_CELL_L if i < left else _CELL}">{escape(h)}</th>' for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(f'<td style="{_CELL_L if i < left else _CELL}">{c}</td>'
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f'<table style="border-collapse:collapse;margin:4px 0 8px">{"<tr>" + th + "</tr>"}{body}</table>'


def _stage_rows(stages: List[Dict[str, Any]]) -> List[List[str]]:
    worst = sorted(stages, key=lambda s: -(s.get("executor_run_time_ms") or 0))[:TOP_STAGES]
    rows = []
    for s in worst:
        td = s.get("task_duration_ms") or {}
        rows.append([
            escape(f'{s.get("stage_id")}.{s.get("attempt")}'),
            escape(_shown(s.get("num_tasks"))),
            escape(_shown(s.get("failed_tasks"))),
            escape(_shown(s.get("executor_run_time_ms_text"))),
            escape(f'{_shown(td.get("p50_text"))} / {_shown(td.get("p95_text"))} / {_shown(td.get("max_text"))}'),
            escape(_shown(s.get("skew_ratio_text"))),
            escape(_shown(s.get("memory_spilled_bytes_text"))),
            escape(_shown(s.get("disk_spilled_bytes_text"))),
            escape(_shown(s.get("shuffle_read_bytes_text"))),
            escape(_shown(s.get("shuffle_write_bytes_text"))),
        ])
    return rows


def _sql_rows(executions: List[Dict[str, Any]]) -> List[List[str]]:
    fell_back = [e for e in executions if (e.get("analysis") or {}).get("has_fallback")]
    fell_back.sort(key=lambda e: -((e.get("analysis") or {}).get("waste") or {}).get("usd") or 0)
    rows = []
    for e in fell_back[:TOP_SQL]:
        a = e.get("analysis") or {}
        v = a.get("verdict") or {}
        desc = str(e.get("description") or "")
        rows.append([
            escape(str(e.get("execution_id"))),
            escape(desc if len(desc) <= 80 else desc[:80] + "…"),
            escape(_shown(e.get("duration_ms_text"))),
            escape(str(v.get("kind", ""))),
            escape(str(v.get("cause", ""))),
            escape(_shown(a.get("fallback_weight_text"))),
            escape(_shown(e.get("waste_usd_text"))),
        ])
    return rows


def _rec_rows(recs: List[Dict[str, Any]]) -> List[List[str]]:
    """The core's recommendations in its rank order: its rule id, scope, title and saving."""
    rows = []
    for r in recs[:TOP_RECS]:
        saving = r.get("saving") or {}
        where = r.get("scope") or ""
        for key, word in (("stage_id", "stage"), ("execution_id", "SQL execution"), ("job_id", "job"), ("executor_id", "executor")):
            if r.get(key) is not None:
                where = f"{word} {r[key]}"
                break
        rows.append([escape(str(r.get("rank"))), escape(str(r.get("rule"))), escape(where), escape(str(r.get("title") or "")),
                     escape(_shown(saving.get("time_ms_text"))),
                     escape(_shown(saving.get("usd_text")))])
    return rows


def scan_html(doc: Optional[Dict[str, Any]]) -> str:
    if not doc:
        return f'<div style="{_BOX}"><b>clusop</b>: nothing scanned.</div>'
    out = [f'<div class="clusop-static clusop-scan" style="{_BOX}">']
    apps = doc.get("applications") or []
    out.append(f"<div><b>clusop scan</b> · {len(apps)} application{'s' if len(apps) != 1 else ''}</div>")
    for app in apps:
        stages = app.get("stages") or []
        sqls = app.get("sql_executions") or []
        state = "complete" if app.get("complete") else "incomplete"
        out.append(f'<h4 style="margin:10px 0 2px">{escape(str(app.get("app_id")))}'
                   f'{"" if app.get("attempt") is None else " attempt " + escape(str(app.get("attempt")))}</h4>')
        out.append(f"<div>Spark {escape(str(app.get('spark_version') or '?'))} · {state} · "
                   f"{len(stages)} stage attempts · {len(sqls)} SQL executions</div>")
        if stages:
            out.append(f"<div>Stages by executor run time (top {min(TOP_STAGES, len(stages))})</div>")
            out.append(_table(["stage.attempt", "tasks", "failed", "run time", "task p50 / p95 / max",
                               "skew", "memory spill", "disk spill", "shuffle read", "shuffle write"],
                              _stage_rows(stages), left=1))
        recs = app.get("recommendations")
        if recs:
            out.append("<div>Recommendations, largest saving first (dollars are modeled)</div>")
            out.append(_table(["rank", "rule", "where", "what", "time saved", "saved"], _rec_rows(recs), left=4))
        elif recs is not None:
            out.append("<div>No recommendation: no rule found anything worth changing.</div>")
        rows = _sql_rows(sqls)
        if rows:
            out.append("<div>SQL executions that fell back (waste per run is modeled)</div>")
            out.append(_table(["id", "description", "duration", "verdict", "cause", "weight", "waste"],
                              rows, left=2))
        elif sqls:
            out.append("<div>No SQL execution fell back.</div>")
    errors = doc.get("errors") or []
    if errors:
        out.append(f'<div style="margin-top:8px;color:#b91c1c">Not read ({len(errors)}):</div><ul style="margin:2px 0">')
        out.extend(f"<li><code>{escape(str(e.get('path', '')))}</code>: {escape(str(e.get('message', '')))}</li>"
                   for e in errors[:50])
        out.append("</ul>")
    out.append("</div>")
    return "".join(out)
