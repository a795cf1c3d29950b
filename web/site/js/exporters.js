// Exports: the analysis as JSON (the core's answer, re-indented) and as Markdown for a ticket.
// Downloads are Blob URLs made and revoked here: nothing is uploaded.
import { CAUSE_LABELS, ENGINE_LABELS, VERDICT_LABELS, WEIGHT_BASIS_LABELS, label, notPricedReason } from './labels.js';
import { nodeText } from './plantext.js';

export function analysisJson(analysis) {
  return JSON.stringify(analysis, null, 2) + '\n';
}

// A table cell: one line, pipes escaped.
function cell(text) {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

// Inline text outside code: Markdown and HTML specials escaped, so a plan can't inject markup
// into whatever renders the ticket.
function inline(text) {
  return String(text).replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/^#/, '\\#').replace(/\r?\n/g, ' ');
}

// A fenced block that no backtick run inside the text can close.
export function fenced(text, info = 'text') {
  const runs = String(text).match(/`+/g) || [];
  const longest = runs.reduce((m, r) => Math.max(m, r.length), 0);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function code(text) {
  const s = String(text);
  const runs = s.match(/`+/g) || [];
  const longest = runs.reduce((m, r) => Math.max(m, r.length), 0);
  const tick = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${tick}${pad}${s}${pad}${tick}`;
}

function wasteText(text, missingWhy) {
  return text === null || text === undefined ? `not priced: ${missingWhy}` : `${text} (modeled)`;
}

// model: {analysis, plan, spans, indexOf}; context: {settings, coreVersion, requestOptions}
export function analysisMarkdown(model, context) {
  const a = model.analysis;
  const L = [];
  const verdictLabel = label(VERDICT_LABELS, a.verdict.kind);
  const title = a.has_fallback
    ? `Spark work falls back from ${label(ENGINE_LABELS, a.engine)} to the JVM: ${label(CAUSE_LABELS, a.verdict.cause)}`
    : `No fallback from ${label(ENGINE_LABELS, a.engine)} to the JVM`;
  L.push(`# ${inline(title)}`, '');
  const why = notPricedReason(a.waste);
  const inputs = a.waste.inputs || {};
  let monthWhy = why;
  if (a.waste.usd !== null && a.waste.usd !== undefined && (a.waste.usd_per_month === null || a.waste.usd_per_month === undefined)) monthWhy = 'no runs per day';
  L.push('| | |', '|---|---|');
  L.push(`| Verdict | ${code(a.verdict.kind)}: ${cell(verdictLabel)} |`);
  L.push(`| Cause | ${code(a.verdict.cause)}: ${cell(label(CAUSE_LABELS, a.verdict.cause))} |`);
  L.push(`| Engine | ${cell(label(ENGINE_LABELS, a.engine))} (${cell(a.engine)}, ${cell(a.engine_source)}; ${a.engine_on ? 'on' : 'not on'} for this cluster) |`);
  L.push(`| Fallback weight | ${a.fallback_weight_text} of the plan's work (by ${cell(label(WEIGHT_BASIS_LABELS, a.fallback_weight_basis))}) |`);
  L.push(`| ${cell(a.waste.measure_text)} per run | ${cell(wasteText(a.waste.usd_text, why))} |`);
  L.push(`| ${cell(a.waste.measure_text)} per month | ${cell(wasteText(a.waste.usd_per_month_text, monthWhy))} |`);
  if (a.waste.formula) L.push(`| Formula | ${cell(a.waste.formula)} |`);
  L.push(`| Confidence | parse ${a.confidence.parse}, diagnosis ${a.confidence.diagnosis}, cost ${a.confidence.cost}, recommendation ${a.confidence.recommendation} |`);
  L.push(`| Plan | ${cell(a.parse.format)} format, ${a.parse.operator_count} operators, ${cell(a.parse.plan_state)} |`);
  if (a.signature) L.push(`| Signature | ${code(a.signature)} |`);
  L.push('');
  L.push('## Recommendation', '', inline(a.recommendation), '');
  if (a.fallbacks.length) {
    L.push('## Fallbacks', '');
    a.fallbacks.forEach((fb, f) => {
      L.push(`### ${f + 1}. ${inline(label(CAUSE_LABELS, fb.cause))} (${code(fb.cause)}), weight ${fb.weight_text}`, '');
      L.push(`Operators on the JVM: ${fb.operators.map(code).join(', ')}`, '');
      if (fb.reason) L.push(`The engine's own reason: ${inline(fb.reason)}`, '');
      const k = model.indexOf.get(fb.key_node);
      if (k !== undefined) {
        L.push(`Key operator (${code(a.nodes[k].name)}):`, '', fenced(nodeText(model.plan, model.spans, k).trim()), '');
      }
    });
  }
  if (a.engine_evidence && (a.engine_evidence.summary || a.engine_evidence.explanation)) {
    L.push("## The engine's own account", '');
    if (a.engine_evidence.explanation) L.push(`- Photon explanation: ${inline(a.engine_evidence.explanation)}`);
    if (a.engine_evidence.summary) L.push(`- ${inline(a.engine_evidence.summary)}`);
    L.push('');
  }
  L.push('## Confidence reasons', '');
  if (a.confidence.reasons.length) for (const r of a.confidence.reasons) L.push(`- ${inline(r)}`);
  else L.push('- none given');
  L.push('');
  L.push('## Cost model inputs', '');
  L.push(`Waste is **modeled** from list prices (basis: ${inline(a.waste.basis)}), not a billed amount.`, '');
  L.push('| input | value |', '|---|---|');
  for (const [k, v] of Object.entries(inputs)) L.push(`| ${cell(k)} | ${cell(v === null ? 'not set' : v)} |`);
  if (a.waste.missing && a.waste.missing.length) L.push(`| missing | ${cell(a.waste.missing.join(', '))} |`);
  if (a.waste.note) L.push(`| note | ${cell(a.waste.note)} |`);
  L.push('');
  if (a.parse.warnings.length || a.parse.unknown_nodes.length) {
    L.push('## Parse notes', '');
    for (const w of a.parse.warnings) L.push(`- ${inline(w)}`);
    if (a.parse.unknown_nodes.length) L.push(`- unknown operators: ${a.parse.unknown_nodes.map((u) => code(typeof u === 'string' ? u : JSON.stringify(u))).join(', ')}`);
    L.push('');
  }
  L.push(`_Analysed in the browser by clusop ${inline(context.coreVersion || '')} (WebAssembly). Money is modeled from list prices (price table ${inline(inputs.price_table_version || 'unknown')}), never billed._`, '');
  return L.join('\n');
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
