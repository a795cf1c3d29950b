// The summary: verdict, cause, recommendation, weight, modeled waste, confidence, fallbacks.
// Text only (textContent); the core's words are shown as the core wrote them. Drawn into the
// root it is given (the page's document, or a notebook widget's shadow root holding the same
// markup), never looking anything up elsewhere.
import { CAUSE_LABELS, ENGINE_LABELS, VERDICT_LABELS, WEIGHT_BASIS_LABELS, label, notPricedReason } from './labels.js';

// The fallbacks heaviest first (the core's order among equals), each with its number in the
// core's order, which the tree's FALLBACK badges carry.
export function fallbacksByWeight(fallbacks) {
  return fallbacks.map((fb, f) => ({ fb, f })).sort((x, y) => (y.fb.weight - x.fb.weight) || (x.f - y.f));
}

export function renderSummary(root, analysis, { onShowNode }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const setText = (id, text) => {
    $(id).textContent = text;
  };
  const level = (id, value) => {
    const el = $(id);
    el.textContent = value;
    el.className = `level level-${String(value).toLowerCase()}`;
  };
  const doc = root.ownerDocument || root;
  const a = analysis;
  const verdict = $('verdict');
  verdict.textContent = a.verdict.kind;
  verdict.dataset.kind = a.verdict.kind;
  verdict.className = `verdict verdict-${a.verdict.kind}`;
  setText('verdict-label', label(VERDICT_LABELS, a.verdict.kind));
  setText('cause', a.verdict.cause === 'none' ? 'none' : `${label(CAUSE_LABELS, a.verdict.cause)} (${a.verdict.cause})`);
  setText('recommendation', a.recommendation);

  setText('fallback-weight', a.has_fallback
    ? `${a.fallback_weight_text} of the plan's work, by ${label(WEIGHT_BASIS_LABELS, a.fallback_weight_basis)}`
    : `${a.fallback_weight_text}: nothing fell back`);

  const w = a.waste;
  const why = notPricedReason(w);
  const perRun = $('waste-usd');
  const perMonth = $('waste-month');
  if (w.usd === null || w.usd === undefined) {
    perRun.textContent = `not priced: ${why}`;
    perRun.dataset.priced = 'false';
    perMonth.textContent = 'not priced: see per run';
    perMonth.dataset.priced = 'false';
  } else {
    perRun.textContent = `${w.usd_text} per run`;
    perRun.dataset.priced = 'true';
    if (w.usd_per_month === null || w.usd_per_month === undefined) {
      perMonth.textContent = 'not priced: no runs per day';
      perMonth.dataset.priced = 'false';
    } else {
      const runs = w.inputs && w.inputs.runs_per_day;
      perMonth.textContent = `${w.usd_per_month_text} per month${runs !== null && runs !== undefined ? ` (${runs} runs a day × 30 days)` : ''}`;
      perMonth.dataset.priced = 'true';
    }
  }
  const notes = [`${w.measure_text}: modeled from public list prices, not a billed amount.`];
  if (w.formula) notes.push(`Formula: ${w.formula}.`);
  if (w.note && w.usd !== null && w.usd !== undefined) notes.push(w.note);
  setText('waste-note', notes.join(' '));

  setText('engine-fact', `${label(ENGINE_LABELS, a.engine)}: ${a.engine_source}, ${a.engine_on ? 'on for this cluster' : 'not on for this cluster'}`);
  const p = a.parse;
  let parse = `${p.format} format, ${p.operator_count} operators in ${p.node_count} nodes, ${p.plan_state.replace('_', ' ')} plan`;
  if (p.unknown_nodes.length) parse += `; ${p.unknown_nodes.length} unknown operator name${p.unknown_nodes.length === 1 ? '' : 's'}`;
  if (p.warnings.length) parse += `; warnings: ${p.warnings.join('; ')}`;
  setText('parse-fact', parse);
  setText('signature', a.signature ?? 'none (no fallback)');

  level('confidence-parse', a.confidence.parse);
  level('confidence-diagnosis', a.confidence.diagnosis);
  level('confidence-cost', a.confidence.cost);
  level('confidence-recommendation', a.confidence.recommendation);
  const reasons = $('confidence-reasons');
  reasons.replaceChildren(...a.confidence.reasons.map((r) => {
    const li = doc.createElement('li');
    li.textContent = r;
    return li;
  }));

  const ev = a.engine_evidence || {};
  const evidence = [];
  if (ev.explanation) evidence.push(`Photon explanation: ${ev.explanation.replace(/_/g, ' ')}.`);
  if (ev.summary) evidence.push(ev.summary);
  const report = ev.report || null;
  $('evidence').hidden = evidence.length === 0 && !report;
  setText('evidence-text', evidence.join(' '));
  renderEngineReport(root, report);

  const list = $('fallback-list');
  $('fallbacks').hidden = a.fallbacks.length === 0;
  const index = new Map(a.nodes.map((n) => [n.id, n]));
  list.replaceChildren(...fallbacksByWeight(a.fallbacks).map(({ fb, f }) => {
    const li = doc.createElement('li');
    li.dataset.testid = 'fallback-item';
    li.dataset.fallback = String(f);
    const head = doc.createElement('h4');
    head.className = 'fallback-head';
    const key = index.get(fb.key_node);
    const op = doc.createElement('code');
    op.textContent = key ? key.name : fb.operators[0] || '';
    head.append(`${a.fallbacks.length > 1 ? `Fallback ${f + 1}` : 'Fallback'}: `, op, ` · ${fb.weight_text} of the work`);
    li.appendChild(head);
    const body = doc.createElement('p');
    const strong = doc.createElement('strong');
    strong.textContent = label(CAUSE_LABELS, fb.cause);
    body.append(strong, ` (${fb.cause}); on the JVM: `, fb.operators.join(', '));
    li.appendChild(body);
    if (fb.reason) {
      const r = doc.createElement('p');
      r.className = 'reason';
      r.textContent = `${a.engine === 'spark' ? 'Engine' : a.engine[0].toUpperCase() + a.engine.slice(1)} says: ${fb.reason}`;
      li.appendChild(r);
    }
    if (fb.remedy) li.appendChild(remedyLine(doc, fb.remedy, 'fallback-remedy'));
    const show = doc.createElement('button');
    show.type = 'button';
    show.className = 'link-button';
    show.textContent = 'Show the key operator in the tree';
    show.addEventListener('click', () => onShowNode(fb.key_node));
    li.appendChild(show);
    return li;
  }));
}

// The setting the engine names to run the work natively: the core's conf line, ready to copy,
// and where it comes from in the core's words.
function remedyLine(doc, remedy, testid) {
  const box = doc.createElement('div');
  box.className = 'remedy';
  box.dataset.testid = testid;
  const why = doc.createElement('p');
  why.className = 'remedy-source';
  why.textContent = `${remedy.source_text}:`;
  const line = doc.createElement('div');
  line.className = 'remedy-line';
  const conf = doc.createElement('code');
  conf.className = 'remedy-conf';
  conf.dataset.testid = 'remedy-conf';
  conf.textContent = remedy.conf;
  const copy = doc.createElement('button');
  copy.type = 'button';
  copy.className = 'copy-conf';
  copy.textContent = 'Copy';
  copy.setAttribute('aria-label', `Copy ${remedy.conf}`);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(remedy.conf);
      copy.textContent = 'Copied';
    } catch {
      // no clipboard (an insecure origin): select the line for Ctrl+C instead
      const range = doc.createRange();
      range.selectNodeContents(conf);
      const selection = (doc.defaultView || window).getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
  });
  line.append(conf, copy);
  box.append(why, line);
  return box;
}

// The engine's own report: its count beside ours, then its reasons per operator with the
// settings it names. All text is the core's.
function renderEngineReport(root, report) {
  const box = root.querySelector('#evidence-report');
  if (!box) return;
  box.replaceChildren();
  box.hidden = !report;
  if (!report) return;
  const doc = root.ownerDocument || root;
  for (const text of [report.count_text, report.count_note]) {
    if (!text) continue;
    const p = doc.createElement('p');
    p.className = 'report-count';
    p.dataset.testid = 'engine-count';
    p.textContent = text;
    box.appendChild(p);
  }
  const list = doc.createElement('ul');
  list.className = 'report-entries';
  for (const e of report.entries) {
    const li = doc.createElement('li');
    li.dataset.testid = 'engine-report-entry';
    const op = doc.createElement('code');
    op.textContent = e.operator ?? e.engine_operator ?? '?';
    li.append(op);
    if (e.subject) {
      const subject = doc.createElement('code');
      subject.textContent = e.subject;
      li.append(' / ', subject);
    }
    li.append(`: ${e.reason}`);
    if (e.remedy) li.appendChild(remedyLine(doc, e.remedy, 'report-remedy'));
    list.appendChild(li);
  }
  box.appendChild(list);
}
