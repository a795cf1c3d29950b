// The task-duration spread of the stages that took the most executor time: per stage a bar
// from 0 to the slowest task, shaded at p50, p75 and p95, on one shared scale (plain SVG),
// and the same figures in a table. Grid lines fall on round times; the axis end is labelled
// with the slowest task's figure as the core wrote it.
import { el, svg } from './dom.js';
import { shown } from './labels.js';
import { timeStep } from './units.js';

const WIDTH = 1000;
const LABEL = 150;
const RIGHT = 16;
const ROW = 22;
const AXIS = 22;

export function worstStages(stages, count) {
  return stages
    .filter((s) => s.task_duration_ms)
    .sort((a, b) => b.executor_run_time_ms - a.executor_run_time_ms || b.task_duration_ms.max - a.task_duration_ms.max)
    .slice(0, count);
}

export function renderTaskSpread(root, stages, { count = 8 } = {}) {
  const doc = root.ownerDocument;
  const worst = worstStages(stages, count);
  if (worst.length === 0) {
    root.replaceChildren(doc.createTextNode('No stage has a finished task in this log.'));
    return;
  }
  const top = Math.max(1, ...worst.map((s) => s.task_duration_ms.max));
  const x = (v) => LABEL + (v / top) * (WIDTH - LABEL - RIGHT);
  const height = worst.length * ROW + AXIS;
  const chart = svg(doc, 'svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart spread', role: 'img',
    'aria-label': `Task durations of the ${worst.length} stages with the most executor time`, 'data-testid': 'task-spread' });
  const step = timeStep(top, 8);
  const axisY = worst.length * ROW + 2;
  for (let v = 0; v <= top; v += step) {
    chart.append(svg(doc, 'line', { x1: x(v), x2: x(v), y1: 0, y2: axisY + 4, class: 'grid' }));
  }
  const slowest = worst.find((s) => s.task_duration_ms.max === top);
  chart.append(svg(doc, 'text', { x: x(0), y: axisY + 16, class: 'tick', 'text-anchor': 'start' }, '0'));
  if (slowest) chart.append(svg(doc, 'text', { x: x(top), y: axisY + 16, class: 'tick', 'text-anchor': 'end' }, shown(slowest.task_duration_ms.max_text)));
  worst.forEach((s, i) => {
    const d = s.task_duration_ms;
    const y = i * ROW + 4;
    const g = svg(doc, 'g', { class: 'spread-row', 'data-stage': `${s.stage_id}.${s.attempt}` });
    g.append(svg(doc, 'text', { x: LABEL - 8, y: y + 11, class: 'label', 'text-anchor': 'end' }, `stage ${s.stage_id}${s.attempt ? `.${s.attempt}` : ''}`));
    g.append(svg(doc, 'rect', { x: x(0), y: y + 3, width: x(d.p50) - x(0), height: 8, class: 'q q50' }));
    g.append(svg(doc, 'rect', { x: x(d.p50), y, width: Math.max(1, x(d.p75) - x(d.p50)), height: 14, class: 'q q75' }));
    g.append(svg(doc, 'rect', { x: x(d.p75), y, width: Math.max(1, x(d.p95) - x(d.p75)), height: 14, class: 'q q95' }));
    g.append(svg(doc, 'line', { x1: x(d.p95), x2: x(d.max), y1: y + 7, y2: y + 7, class: 'whisker' }));
    g.append(svg(doc, 'circle', { cx: x(d.max), cy: y + 7, r: 3.5, class: 'max' }));
    g.append(svg(doc, 'title', {}, `Stage ${s.stage_id}: p50 ${shown(d.p50_text)}, p75 ${shown(d.p75_text)}, p95 ${shown(d.p95_text)}, max ${shown(d.max_text)}`));
    chart.append(g);
  });

  const head = el(doc, 'tr', {}, ...['Stage', 'Name', 'Tasks', 'p50', 'p75', 'p95', 'max', 'max / p50', 'Executor time', 'Spill (memory / disk)']
    .map((h) => el(doc, 'th', { scope: 'col' }, h)));
  const rows = worst.map((s) => {
    const d = s.task_duration_ms;
    const failed = s.failed_tasks ? ` (${s.failed_tasks} failed)` : '';
    return el(doc, 'tr', { 'data-stage': `${s.stage_id}.${s.attempt}` },
      el(doc, 'td', { class: 'num' }, `${s.stage_id}${s.attempt ? `.${s.attempt}` : ''}`),
      el(doc, 'td', { class: 'name' }, s.name),
      el(doc, 'td', { class: 'num' }, `${s.tasks_seen}${failed}`),
      ...[d.p50_text, d.p75_text, d.p95_text, d.max_text].map((v) => el(doc, 'td', { class: 'num' }, shown(v))),
      el(doc, 'td', { class: 'num' }, shown(s.skew_ratio_text)),
      el(doc, 'td', { class: 'num' }, shown(s.executor_run_time_ms_text)),
      el(doc, 'td', { class: 'num' }, `${shown(s.memory_spilled_bytes_text)} / ${shown(s.disk_spilled_bytes_text)}`));
  });
  const table = el(doc, 'table', { class: 'data-table', 'data-testid': 'spread-table' },
    el(doc, 'thead', {}, head), el(doc, 'tbody', {}, ...rows));
  root.replaceChildren(chart, el(doc, 'div', { class: 'table-scroll' }, table));
}
