"""Static HTML for hosts without widget support (nbviewer, GitHub, HTML exports, consoles that
take text/html): the summary and the plan tree with the fallbacks marked. Presentation only; the
numbers and words are the core's. Everything from the plan or the answer is escaped; the styles
are inline, so nothing leaks into the host page."""

from __future__ import annotations

from html import escape
from typing import Any, Dict, List, Optional

from ._vocabulary import missing_words, words

MAX_ROWS = 1500

# colours only: the badge words are the core's (role_badge of its vocabulary)
_ROLE_COLOURS = {
    "native": ("#166534", "#dcfce7"),
    "jvm": ("#9a3412", "#ffedd5"),
    "transition_to_rows": ("#6b21a8", "#f3e8ff"),
    "transition_to_columnar": ("#6b21a8", "#f3e8ff"),
    "wrapper": ("#57534e", "#f5f5f4"),
    "command": ("#1e40af", "#dbeafe"),
}
_BOX = "font:13px/1.45 system-ui,sans-serif;border:1px solid #d6d3d1;border-radius:6px;padding:8px 12px;max-width:100%;overflow:auto"
_MONO = "font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:12px"


def _text(core_text: Optional[str]) -> str:
    """A figure as the core wrote it (its *_text field); "not priced" when it has none."""
    return "not priced" if core_text is None else core_text


def _total_usd(v: float) -> str:
    # a sum over watched runs, which no single core answer carries: the core's money rule
    # (see core/src/common/display_text.cpp; checked against the core in test_vocabulary.py)
    digits = 4 if 0 < abs(v) < 0.01 else 2
    return ("-" if v < 0 and round(abs(v), digits) else "") + f"${abs(v):,.{digits}f}"


def _badge(text: str, fg: str, bg: str) -> str:
    return (f'<span style="display:inline-block;padding:0 4px;margin-right:4px;border-radius:3px;'
            f'font-size:10px;font-weight:600;color:{fg};background:{bg}">{escape(text)}</span>')


def _node_label(raw: bytes, span: List[int], name: str) -> str:
    try:
        text = raw[span[0]:span[1]].decode("utf-8", errors="replace")
    except Exception:
        text = ""
    line = text.split("\n", 1)[0].strip()
    line = line.lstrip(":|+- ").strip()
    if not line or line.startswith("{"):
        line = name
    return line if len(line) <= 200 else line[:200] + "…"


def _remedy_html(remedy: Optional[Dict[str, Any]]) -> str:
    """The engine's setting as one line to copy (selected whole on a click), with where it comes
    from in the core's words."""
    if not remedy:
        return ""
    return (f'<div class="clusop-remedy" style="margin:2px 0 2px 12px">{escape(str(remedy.get("source_text", "")))}: '
            f'<code style="{_MONO};user-select:all;border:1px solid #d6d3d1;border-radius:3px;padding:0 4px">'
            f'{escape(str(remedy.get("conf", "")))}</code></div>')


def _fallbacks_html(answer: Dict[str, Any], fbs: List[Dict[str, Any]]) -> str:
    if not fbs:
        return ""
    names = {n["id"]: n.get("name", "") for n in answer.get("nodes") or []}
    rows = []
    for i, f in enumerate(fbs):
        key = names.get(f.get("key_node"), (f.get("operators") or [""])[0])
        row = (f'<div class="clusop-fallback">Fallback {i + 1} at <code style="{_MONO}">{escape(key)}</code>: '
               f'{escape(words("cause", f.get("cause", "")))} · {escape(str(f.get("weight_text", "")))} of the work')
        if f.get("reason"):
            row += f' · <span style="color:#57534e">{escape(f["reason"])}</span>'
        rows.append(row + "</div>" + _remedy_html(f.get("remedy")))
    return "<div>" + "".join(rows) + "</div>"


def _engine_report_html(report: Optional[Dict[str, Any]]) -> str:
    """The engine's own report: its count beside ours and its reasons, as the core wrote them."""
    if not report:
        return ""
    out = ['<div class="clusop-engine-report">']
    for text in (report.get("count_text"), report.get("count_note")):
        if text:
            out.append(f'<div class="clusop-engine-count">{escape(text)}</div>')
    for e in report.get("entries") or []:
        op = e.get("operator") or e.get("engine_operator") or "?"
        subject = f' / <code style="{_MONO}">{escape(e["subject"])}</code>' if e.get("subject") else ""
        out.append(f'<div style="margin-left:12px">- <code style="{_MONO}">{escape(op)}</code>{subject}: '
                   f'{escape(str(e.get("reason", "")))}</div>' + _remedy_html(e.get("remedy")))
    out.append("</div>")
    return "".join(out)


def analysis_html(answer: Optional[Dict[str, Any]], plan: str) -> str:
    if not answer:
        return f'<div style="{_BOX}"><b>clusop</b>: no plan analysed yet.</div>'
    if "error" in answer:
        err = answer.get("error") or {}
        return (f'<div style="{_BOX};border-color:#b91c1c"><b>clusop could not read this input</b><br>'
                f'{escape(str(err.get("message", "")))} <code>({escape(str(err.get("code", "")))})</code></div>')
    v = answer["verdict"]
    w = answer.get("waste") or {}
    conf = answer.get("confidence") or {}
    fbs = answer.get("fallbacks") or []
    out = [f'<div class="clusop-static" style="{_BOX}">']
    colour = "#b91c1c" if v["kind"] != "none" else "#166534"
    out.append(f'<div><b>clusop</b> · verdict <code style="color:{colour};font-weight:700">{escape(v["kind"])}</code> '
               f'({escape(words("verdict", v["kind"]))}) · cause <code>{escape(v["cause"])}</code>'
               + ("" if v["cause"] == "none" else f' ({escape(words("cause", v["cause"]))})')
               + f' · engine {escape(words("engine", answer["engine"]))} ({escape(answer["engine_source"])})</div>')
    share = escape(str(answer.get("fallback_weight_text")))
    weight = (f'{share} of the work by {escape(words("weight_basis", answer["fallback_weight_basis"]))}'
              if answer.get("has_fallback") else f"{share}: nothing fell back")
    month = "" if w.get("usd_per_month_text") is None else f' · {w["usd_per_month_text"]} per month'
    missing = ", ".join(missing_words(m) for m in (w.get("missing") or []))
    note = "" if w.get("usd") is not None else f' ({escape(missing or (w.get("note") or ""))})'
    out.append(f'<div>Fallback weight: {weight} · {escape(str(w.get("measure_text", "")))} per run (modeled): '
               f'<b class="clusop-usd">{escape(_text(w.get("usd_text")))}</b>{note}{escape(month)}</div>')
    if w.get("formula"):
        out.append(f'<div class="clusop-formula" style="color:#57534e">Formula: {escape(w["formula"])}</div>')
    out.append(f'<div>Recommendation: {escape(answer.get("recommendation", ""))}</div>')
    out.append(_fallbacks_html(answer, fbs))
    out.append(_engine_report_html((answer.get("engine_evidence") or {}).get("report")))
    out.append('<div>Confidence: ' + ", ".join(
        f'{k} <b>{escape(str(conf.get(k, "")))}</b>' for k in ("parse", "diagnosis", "cost", "recommendation")) + "</div>")
    # the tree: one row per node, indented by depth, fallback rows tinted
    nodes = answer.get("nodes") or []
    raw = plan.encode("utf-8")
    by_id = {n["id"]: n for n in nodes}
    children: Dict[Any, List[Dict[str, Any]]] = {}
    roots = []
    for n in nodes:
        p = n.get("parent")
        if p is None or p not in by_id:
            roots.append(n)
        else:
            children.setdefault(p, []).append(n)
    key_nodes = {f.get("key_node"): f for f in fbs}
    rows = []
    stack = [(r, 0) for r in reversed(roots)]
    while stack and len(rows) < MAX_ROWS:
        n, depth = stack.pop()
        role = (words("role_badge", n.get("role")),) + _ROLE_COLOURS.get(n.get("role"), ("#57534e", "#f5f5f4"))
        fb = n.get("fallback")
        style = f"padding-left:{depth * 14}px;white-space:pre"
        attrs = ""
        if fb is not None:
            style += ";background:#fef2f2;color:#991b1b;border-left:3px solid #dc2626"
            attrs = f' data-fallback="{int(fb)}"'
        badges = _badge(role[0], role[1], role[2])
        if fb is not None:
            badges += _badge("FALLBACK" if len(fbs) < 2 else f"FALLBACK {int(fb) + 1}", "#ffffff", "#dc2626")
        if n["id"] in key_nodes:
            badges += _badge("KEY", "#ffffff", "#b45309")
        label = escape(_node_label(raw, n.get("span") or [0, 0], n.get("name", "")))
        rows.append(f'<div style="{style}"{attrs}>{badges}<span style="{_MONO}">{label}</span></div>')
        for c in reversed(children.get(n["id"], [])):
            stack.append((c, depth + 1))
    if len(nodes) > len(rows):
        rows.append(f"<div>… {len(nodes) - len(rows)} more nodes</div>")
    out.append('<div style="margin-top:6px;border-top:1px solid #e7e5e4;padding-top:4px">' + "".join(rows) + "</div>")
    out.append('<div style="color:#57534e;font-size:11px">Money is modeled from public list prices, never billed figures. '
               '(Static view: run the notebook with widgets for the interactive tree and paste box.)</div>')
    out.append("</div>")
    return "".join(out)


def watch_html(rows: List[Dict[str, Any]], status: str, total: float) -> str:
    head = ("<tr>" + "".join(f'<th style="text-align:left;padding:2px 8px">{h}</th>' for h in
                              ("#", "time", "action", "verdict", "cause", "weight", "$/run")) + "</tr>")
    body = []
    for r in rows[:200]:
        body.append("<tr>" + "".join(f'<td style="padding:2px 8px">{escape(str(x))}</td>' for x in (
            r.get("seq"), r.get("time"), r.get("func"), r.get("verdict"), r.get("cause"),
            _text(r.get("weight_text")), _text(r.get("usd_text")))) + "</tr>")
    return (f'<div style="{_BOX}"><b>clusop watch</b>: {escape(status)} · total modeled waste '
            f'<b>{escape(_total_usd(total))}</b><table style="border-collapse:collapse">{head}{"".join(body)}</table></div>')
