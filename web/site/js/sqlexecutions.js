// The SQL executions of one application: description, duration, status, the verdict on its
// final plan, the fallback weight and the modeled waste, each with a button that opens the
// plan tree of that final plan. Text only, as the core wrote it.
import { el } from './dom.js';
import { CAUSE_LABELS, label, shown } from './labels.js';

function verdictCell(doc, e) {
  const a = e.analysis;
  if (!a) return el(doc, 'td', { class: 'muted' }, e.analysis_error || 'no plan');
  if (a.error) return el(doc, 'td', { class: 'muted' }, a.error.message);
  if (!a.has_fallback) return el(doc, 'td', {}, el(doc, 'code', { class: `verdict verdict-${a.verdict.kind}` }, a.verdict.kind));
  return el(doc, 'td', {},
    el(doc, 'code', { class: `verdict verdict-${a.verdict.kind}` }, a.verdict.kind), ' ',
    `${label(CAUSE_LABELS, a.verdict.cause)}, ${shown(a.fallback_weight_text)} of the work`);
}

function wasteCell(doc, e) {
  if (e.analysis && !e.analysis.error && !e.analysis.has_fallback) return el(doc, 'td', { class: 'num muted' }, 'no fallback');
  if (e.waste_usd === null || e.waste_usd === undefined) return el(doc, 'td', { class: 'num muted' }, shown(e.waste_usd_text));
  return el(doc, 'td', { class: 'num', 'data-priced': 'true' }, shown(e.waste_usd_text));
}

const FIRST_ROWS = 50;

// Executions with a fallback first (most modeled waste, then most weight), then the others in
// the log's order.
export function orderExecutions(executions) {
  const fallback = (e) => Boolean(e.analysis && e.analysis.has_fallback);
  const waste = (e) => (e.waste_usd === null || e.waste_usd === undefined ? -1 : e.waste_usd);
  return executions.map((e, i) => ({ e, i })).sort((a, b) => {
    if (fallback(a.e) !== fallback(b.e)) return fallback(a.e) ? -1 : 1;
    if (fallback(a.e)) return waste(b.e) - waste(a.e) || b.e.analysis.fallback_weight - a.e.analysis.fallback_weight || a.i - b.i;
    return a.i - b.i;
  }).map((x) => x.e);
}

// onOpenPlan(execution) shows its final plan. The first FIRST_ROWS rows are drawn; a button
// draws the rest.
export function renderSqlExecutions(root, executions, { onOpenPlan, all = false }) {
  const doc = root.ownerDocument;
  if (executions.length === 0) {
    root.replaceChildren(doc.createTextNode('No SQL execution in this log.'));
    return;
  }
  const ordered = orderExecutions(executions);
  const visible = all ? ordered : ordered.slice(0, FIRST_ROWS);
  const head = el(doc, 'tr', {}, ...['Id', 'Description', 'Duration', 'Status', 'Final plan', 'Waste', '']
    .map((h) => el(doc, 'th', { scope: 'col' }, h)));
  const rows = visible.map((e) => {
    const open = el(doc, 'button', { type: 'button', 'data-testid': 'open-plan', disabled: !(e.analysis && e.analysis.nodes) }, 'Open plan');
    open.addEventListener('click', () => onOpenPlan(e));
    const fallback = e.analysis && e.analysis.has_fallback;
    return el(doc, 'tr', { 'data-execution': e.execution_id, class: fallback ? 'has-fallback' : null, 'data-testid': 'sql-execution' },
      el(doc, 'td', { class: 'num' }, e.execution_id),
      el(doc, 'td', { class: 'name' }, e.description || '(no description)'),
      el(doc, 'td', { class: 'num' }, shown(e.duration_ms_text)),
      el(doc, 'td', {}, e.status || ''),
      verdictCell(doc, e),
      wasteCell(doc, e),
      el(doc, 'td', {}, open));
  });
  const table = el(doc, 'table', { class: 'data-table', 'data-testid': 'sql-table' },
    el(doc, 'thead', {}, head), el(doc, 'tbody', {}, ...rows));
  const fallbacks = executions.filter((e) => e.analysis && e.analysis.has_fallback).length;
  const note = el(doc, 'p', { class: 'hint', 'data-testid': 'sql-note' },
    `${executions.length} SQL execution${executions.length === 1 ? '' : 's'}, ${fallbacks} with a fallback (listed first, most modeled waste first).`);
  const parts = [note, el(doc, 'div', { class: 'table-scroll' }, table)];
  if (visible.length < ordered.length) {
    const more = el(doc, 'button', { type: 'button', 'data-testid': 'sql-show-all' }, `Show all ${ordered.length}`);
    more.addEventListener('click', () => renderSqlExecutions(root, executions, { onOpenPlan, all: true }));
    parts.push(more);
  }
  root.replaceChildren(...parts);
}
