// Runs of the same job (same application name) across ingested event logs: each run's duration
// as a bar in start order (plain SVG), and a table of the runs with their modeled waste and the
// largest savings the rules found in each. The figures' words are the core's *_text fields of
// the scanned runs; a run read back from the tables has none (the tables keep the numbers) and
// shows a dash. This module only draws them. Draws into the root element it is given.
//
// runs: [{ app_id, attempt, start_ms, start_ms_text, duration_ms, duration_ms_text, waste_usd_text,
//          stages, recommendations, top: [{ rule, usd_text, time_ms_text }], current }] in start order.
import { el, svg } from './dom.js';
import { shown } from './labels.js';
import { timeStep } from './units.js';

const WIDTH = 1000;
const HEIGHT = 160;
const LEFT = 70;
const RIGHT = 8;
const TOP = 8;
const AXIS = 20;

function present(v) {
  return v !== null && v !== undefined;
}

function topWords(top) {
  if (!top || top.length === 0) return '–';
  return top.map((t) => {
    const figures = [t.usd_text, t.time_ms_text].filter(present);
    return `${t.rule}${figures.length ? ` ${figures.join(', ')}` : ''}`;
  }).join('; ');
}

function chart(doc, runs) {
  const top = Math.max(1, ...runs.map((r) => r.duration_ms ?? 0));
  const step = Math.max(timeStep(top, 4), 1);
  const y = (v) => TOP + (1 - v / top) * (HEIGHT - TOP - AXIS);
  const slot = (WIDTH - LEFT - RIGHT) / runs.length;
  const bar = Math.max(2, Math.min(48, slot * 0.7));
  const node = svg(doc, 'svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart trends', role: 'img',
    'aria-label': `Duration of ${runs.length} runs in start order`, 'data-testid': 'trend-chart' });
  for (let v = 0; v <= top; v += step) {
    node.append(svg(doc, 'line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(v), y2: y(v), class: 'grid' }));
  }
  // the axis is labelled where the core wrote the figure: 0 and the longest run
  const longest = runs.find((r) => r.duration_ms === top);
  node.append(svg(doc, 'text', { x: LEFT - 6, y: y(0) + 4, class: 'tick', 'text-anchor': 'end' }, '0'));
  if (longest) node.append(svg(doc, 'text', { x: LEFT - 6, y: y(top) + 4, class: 'tick', 'text-anchor': 'end' }, shown(longest.duration_ms_text)));
  node.append(svg(doc, 'line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(0), y2: y(0), class: 'axis' }));
  runs.forEach((r, i) => {
    const cx = LEFT + slot * (i + 0.5);
    const h = present(r.duration_ms) ? y(0) - y(r.duration_ms) : 0;
    const rect = svg(doc, 'rect', { x: cx - bar / 2, y: y(0) - h, width: bar, height: Math.max(h, 1), class: `run-bar${r.current ? ' current' : ''}`,
      'data-run': `${r.app_id}.${r.attempt ?? ''}` });
    rect.append(svg(doc, 'title', {}, `${r.app_id}${r.attempt ? ` attempt ${r.attempt}` : ''}, started ${shown(r.start_ms_text)}: ${shown(r.duration_ms_text)}`));
    node.append(rect);
    node.append(svg(doc, 'text', { x: cx, y: HEIGHT - 4, class: 'tick', 'text-anchor': 'middle' }, String(i + 1)));
  });
  return node;
}

export function renderTrends(root, name, runs) {
  const doc = root.ownerDocument;
  if (!runs || runs.length < 2) {
    root.replaceChildren(el(doc, 'p', { class: 'hint', 'data-testid': 'trend-none' },
      `One run of ${name || 'this job'} in the tables: trends need at least two.`));
    return;
  }
  const head = el(doc, 'tr', {}, ...['#', 'Run', 'Started', 'Duration', 'Stages', 'Waste', 'Recommendations', 'Largest savings']
    .map((h) => el(doc, 'th', { scope: 'col' }, h)));
  const rows = runs.map((r, i) => el(doc, 'tr', { 'data-testid': 'trend-run', 'data-run': `${r.app_id}.${r.attempt ?? ''}`, class: r.current ? 'current' : null },
    el(doc, 'td', { class: 'num' }, String(i + 1)),
    el(doc, 'td', { class: 'name' }, el(doc, 'code', {}, r.app_id), r.attempt ? ` attempt ${r.attempt}` : ''),
    el(doc, 'td', {}, shown(r.start_ms_text)),
    el(doc, 'td', { class: 'num' }, shown(r.duration_ms_text)),
    el(doc, 'td', { class: 'num' }, String(r.stages)),
    el(doc, 'td', { class: 'num' }, shown(r.waste_usd_text)),
    el(doc, 'td', { class: 'num' }, present(r.recommendations) ? String(r.recommendations) : '–'),
    el(doc, 'td', {}, topWords(r.top))));
  root.replaceChildren(
    el(doc, 'p', { class: 'hint', 'data-testid': 'trend-note' }, `${runs.length} runs of ${name || '(no name)'} in start order; bar height is the run's duration.`),
    chart(doc, runs),
    el(doc, 'div', { class: 'table-scroll' }, el(doc, 'table', { class: 'data-table', 'data-testid': 'trend-table' },
      el(doc, 'thead', {}, head), el(doc, 'tbody', {}, ...rows))));
}
