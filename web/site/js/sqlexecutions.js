// The SQL executions of one application: description, duration, status, the verdict on its
// final plan, the fallback weight and the modeled waste, each with a button that opens the
// plan tree of that final plan. Text only, as the core wrote it.
import { el } from './dom.js';
import { CAUSE_LABELS, formatPercent, formatUsd, label } from './labels.js';
import { formatDuration } from './units.js';

function verdictCell(doc, e) {
  const a = e.analysis;
  if (!a) return el(doc, 'td', { class: 'muted' }, e.analysis_error || 'no plan');
  if (a.error) return el(doc, 'td', { class: 'muted' }, a.error.message);
  if (!a.has_fallback) return el(doc, 'td', {}, el(doc, 'code', { class: `verdict verdict-${a.verdict.kind}` }, a.verdict.kind));
  return el(doc, 'td', {},
    el(doc, 'code', { class: `verdict verdict-${a.verdict.kind}` }, a.verdict.kind), ' ',
    `${label(CAUSE_LABELS, a.verdict.cause)}, ${formatPercent(a.fallback_weight)} of the work`);
}

function wasteCell(doc, e) {
  const usd = e.waste_usd ?? (e.analysis && e.analysis.waste ? e.analysis.waste.usd : null);
  if (e.analysis && !e.analysis.error && !e.analysis.has_fallback) return el(doc, 'td', { class: 'num muted' }, 'no fallback');
  if (usd === null || usd === undefined) return el(doc, 'td', { class: 'num muted' }, 'not priced');
  return el(doc, 'td', { class: 'num', 'data-priced': 'true' }, formatUsd(usd));
}

// onOpenPlan(execution) shows its final plan; the list keeps the log's order.
export function renderSqlExecutions(root, executions, { onOpenPlan }) {
  const doc = root.ownerDocument;
  if (executions.length === 0) {
    root.replaceChildren(doc.createTextNode('No SQL execution in this log.'));
    return;
  }
  const head = el(doc, 'tr', {}, ...['Id', 'Description', 'Duration', 'Status', 'Final plan', 'Waste per run (modeled)', '']
    .map((h) => el(doc, 'th', { scope: 'col' }, h)));
  const rows = executions.map((e) => {
    const open = el(doc, 'button', { type: 'button', 'data-testid': 'open-plan', disabled: !(e.analysis && e.analysis.nodes) }, 'Open plan');
    open.addEventListener('click', () => onOpenPlan(e));
    const fallback = e.analysis && e.analysis.has_fallback;
    return el(doc, 'tr', { 'data-execution': e.execution_id, class: fallback ? 'has-fallback' : null, 'data-testid': 'sql-execution' },
      el(doc, 'td', { class: 'num' }, e.execution_id),
      el(doc, 'td', { class: 'name' }, e.description || '(no description)'),
      el(doc, 'td', { class: 'num' }, formatDuration(e.duration_ms)),
      el(doc, 'td', {}, e.status || ''),
      verdictCell(doc, e),
      wasteCell(doc, e),
      el(doc, 'td', {}, open));
  });
  const table = el(doc, 'table', { class: 'data-table', 'data-testid': 'sql-table' },
    el(doc, 'thead', {}, head), el(doc, 'tbody', {}, ...rows));
  root.replaceChildren(el(doc, 'div', { class: 'table-scroll' }, table));
}
