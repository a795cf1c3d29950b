// The recommendations of one application (clusop.scan/1 applications[].recommendations[]), in
// the order the core ranked them (largest saving first): what to change, the evidence, the
// estimated time and modeled dollar saving, the confidence and the exact change. Every word and
// number is the core's (its *_text fields and its vocabulary). Draws into the root element it is
// given (the site's application view, the notebook widget, the report).
import { el } from './dom.js';
import { MISSING_LABELS, label, shown } from './labels.js';

const FIRST_CARDS = 20;

function present(v) {
  return v !== null && v !== undefined;
}

// Where the finding is, from its scope and ids.
export function scopeWords(r) {
  switch (r.scope) {
    case 'stage': return present(r.stage_id) ? `stage ${r.stage_id}${r.stage_attempt ? ` (attempt ${r.stage_attempt})` : ''}` : 'a stage';
    case 'sql_execution': return present(r.execution_id) ? `SQL execution ${r.execution_id}` : 'a SQL execution';
    case 'job': return present(r.job_id) ? `job ${r.job_id}` : 'a job';
    case 'executor': return present(r.executor_id) ? `executor ${r.executor_id}` : 'an executor';
    case 'application': return 'the application';
    default: return String(r.scope ?? '');
  }
}

export function savingWords(saving) {
  const s = saving || {};
  const parts = [];
  if (present(s.time_ms)) parts.push(`${shown(s.time_ms_text)} of run time`);
  const missing = !present(s.usd) && s.usd_missing && s.usd_missing.length ? `: ${s.usd_missing.map((m) => label(MISSING_LABELS, m)).join(', ')}` : '';
  parts.push(`${shown(s.usd_text)}${missing}`);
  return parts.join(', ');
}

function evidenceList(doc, evidence) {
  const items = (evidence || []).map((e) => el(doc, 'li', { 'data-kpi': e.kpi },
    el(doc, 'code', {}, e.kpi), ` ${shown(e.value_text)}`,
    present(e.threshold) ? ` (${e.op || ''} ${shown(e.threshold_text)})` : ''));
  return items.length ? el(doc, 'ul', { class: 'rec-evidence', 'data-testid': 'rec-evidence' }, ...items) : null;
}

function changeBlock(doc, change) {
  if (!change || !change.text) return null;
  return el(doc, 'div', { class: 'rec-change' },
    el(doc, 'span', { class: 'leg-name' }, change.kind === 'spark_conf' ? 'Spark conf' : 'Change'),
    el(doc, 'pre', { class: 'plan-text', 'data-testid': 'rec-change' }, change.text));
}

function card(doc, r) {
  const level = (r.confidence && r.confidence.level) || '';
  const reasons = (r.confidence && r.confidence.reasons) || [];
  const cascade = (r.cascade || []).map((c) => `${c.rule}${present(c.stage_id) ? ` (stage ${c.stage_id})` : ''}${present(c.execution_id) ? ` (SQL execution ${c.execution_id})` : ''}`);
  return el(doc, 'article', { class: `rec severity-${r.severity}`, 'data-testid': 'recommendation', 'data-rule': r.rule, 'data-rank': r.rank },
    el(doc, 'p', { class: 'rec-head' },
      el(doc, 'span', { class: 'rec-rank' }, `#${r.rank}`), ' ',
      el(doc, 'span', { class: `badge severity severity-${r.severity}` }, String(r.severity || '').toUpperCase()), ' ',
      el(doc, 'strong', { 'data-testid': 'rec-title' }, r.title), ' ',
      el(doc, 'span', { class: 'hint' }, el(doc, 'code', { 'data-testid': 'rec-rule' }, r.rule), ` on ${scopeWords(r)}`)),
    el(doc, 'p', { class: 'rec-saving', 'data-testid': 'rec-saving' }, 'Saves ', savingWords(r.saving),
      r.saving && r.saving.method ? el(doc, 'span', { class: 'hint' }, ` · ${r.saving.method}`) : null),
    r.advice ? el(doc, 'p', { class: 'rec-advice' }, r.advice) : null,
    changeBlock(doc, r.change),
    r.code_location ? el(doc, 'p', { class: 'hint' }, 'Where: ', el(doc, 'code', {}, r.code_location)) : null,
    evidenceList(doc, r.evidence),
    el(doc, 'p', { class: 'rec-confidence' }, el(doc, 'span', { class: 'leg-name' }, 'confidence '),
      el(doc, 'span', { class: `level level-${level.toLowerCase()}` }, level),
      reasons.length ? el(doc, 'span', { class: 'hint' }, ` ${reasons.join('; ')}`) : null),
    cascade.length ? el(doc, 'p', { class: 'hint' }, `Same root cause: ${cascade.join(', ')}`) : null);
}

// recommendations: the application's recommendations[] (undefined from a core without rules:
// the caller shows nothing then); ruleErrors: the document's rule_errors[].
export function renderRecommendations(root, recommendations, { ruleErrors = [], all = false } = {}) {
  const doc = root.ownerDocument;
  const list = recommendations || [];
  const parts = [];
  if (list.length === 0) {
    parts.push(el(doc, 'p', { class: 'hint', 'data-testid': 'rec-none' }, 'No rule found anything worth changing in this application.'));
  } else {
    const visible = all ? list : list.slice(0, FIRST_CARDS);
    parts.push(el(doc, 'p', { class: 'hint', 'data-testid': 'rec-note' },
      `${list.length} recommendation${list.length === 1 ? '' : 's'}, largest saving first; dollars are modeled from the cluster shape and the price table, never billed.`));
    parts.push(el(doc, 'div', { class: 'rec-list', 'data-testid': 'rec-list' }, ...visible.map((r) => card(doc, r))));
    if (visible.length < list.length) {
      const more = el(doc, 'button', { type: 'button', 'data-testid': 'rec-show-all' }, `Show all ${list.length}`);
      more.addEventListener('click', () => renderRecommendations(root, recommendations, { ruleErrors, all: true }));
      parts.push(more);
    }
  }
  if (ruleErrors.length) {
    parts.push(el(doc, 'ul', { class: 'scan-errors', 'data-testid': 'rule-errors' },
      ...ruleErrors.map((e) => el(doc, 'li', {}, `rule ${e.rule}${present(e.line) ? ` (line ${e.line})` : ''}: ${e.message}`))));
  }
  root.replaceChildren(...parts);
}
