// The stage timeline: every stage attempt as a bar on the application's time axis, packed
// into lanes (stages that overlap go below each other), in plain SVG. Bars of failed stages
// and of skewed ones (max task over median at least SKEWED) are marked by pattern and colour.
// Grid lines fall on round times; the axis is labelled only where the core wrote the figure
// (its start, and its end when the axis is the application's run).
import { svg } from './dom.js';
import { shown } from './labels.js';
import { timeStep } from './units.js';

const WIDTH = 1000;
const LEFT = 8;
const RIGHT = 8;
const LANE = 12;
const BAR = 9;
const AXIS = 22;
export const SKEWED = 4;

// Greedy interval packing: each stage goes to the first lane free at its start; past
// maxLanes, to the lane that frees up first. Returns lane numbers in the stages' order.
export function packLanes(spans, maxLanes) {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].start - spans[b].start || spans[a].end - spans[b].end);
  const laneEnd = [];
  const lanes = new Array(spans.length);
  for (const i of order) {
    const { start, end } = spans[i];
    let lane = laneEnd.findIndex((e) => e <= start);
    if (lane < 0 && laneEnd.length < maxLanes) lane = laneEnd.length;
    if (lane < 0) lane = laneEnd.indexOf(Math.min(...laneEnd));
    laneEnd[lane] = Math.max(laneEnd[lane] ?? 0, end);
    lanes[i] = lane;
  }
  return lanes;
}

export function stageSpans(app) {
  const lastEnd = app.end_ms ?? Math.max(0, ...app.stages.map((s) => s.completion_ms ?? s.submission_ms ?? 0));
  return app.stages
    .filter((s) => s.submission_ms !== null && s.submission_ms !== undefined)
    .map((s) => ({ stage: s, start: s.submission_ms, end: s.completion_ms ?? lastEnd }));
}

export function renderStageTimeline(root, app, { maxLanes = 24 } = {}) {
  const doc = root.ownerDocument;
  const spans = stageSpans(app);
  if (spans.length === 0) {
    root.replaceChildren(doc.createTextNode('No stage has a submission time in this log.'));
    return;
  }
  const t0 = Math.min(app.start_ms ?? Infinity, ...spans.map((s) => s.start));
  const t1 = Math.max(app.end_ms ?? -Infinity, ...spans.map((s) => s.end), t0 + 1);
  const whole = t0 === app.start_ms && t1 === app.end_ms;
  const x = (t) => LEFT + ((t - t0) / (t1 - t0)) * (WIDTH - LEFT - RIGHT);
  const lanes = packLanes(spans, maxLanes);
  const laneCount = Math.max(...lanes) + 1;
  const height = laneCount * LANE + AXIS;
  const chart = svg(doc, 'svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart timeline', role: 'img',
    'aria-label': `Stage timeline: ${spans.length} stage attempts${whole && app.duration_ms_text ? ` over ${app.duration_ms_text}` : ''}`, 'data-testid': 'stage-timeline' });

  const step = timeStep(t1 - t0, 8);
  const axisY = laneCount * LANE + 4;
  chart.append(svg(doc, 'line', { x1: LEFT, x2: WIDTH - RIGHT, y1: axisY, y2: axisY, class: 'axis' }));
  for (let t = 0; t <= t1 - t0; t += step) {
    const tx = x(t0 + t);
    chart.append(svg(doc, 'line', { x1: tx, x2: tx, y1: 0, y2: axisY + 4, class: 'grid' }));
  }
  chart.append(svg(doc, 'text', { x: x(t0), y: axisY + 16, class: 'tick', 'text-anchor': 'start' }, 'start'));
  if (whole && app.duration_ms_text) {
    chart.append(svg(doc, 'text', { x: x(t1), y: axisY + 16, class: 'tick', 'text-anchor': 'end' }, app.duration_ms_text));
  }
  spans.forEach((span, i) => {
    const s = span.stage;
    const skewed = s.skew_ratio !== null && s.skew_ratio !== undefined && s.skew_ratio >= SKEWED;
    const cls = ['bar', `status-${s.status}`];
    if (skewed) cls.push('skewed');
    const left = x(span.start);
    const bar = svg(doc, 'rect', { x: left, y: lanes[i] * LANE + 1, width: Math.max(1.5, x(span.end) - left), height: BAR,
      class: cls.join(' '), 'data-stage': `${s.stage_id}.${s.attempt}` });
    const d = s.task_duration_ms;
    const parts = [`Stage ${s.stage_id}${s.attempt ? ` (attempt ${s.attempt})` : ''}: ${s.name}`,
      `${s.status}, ${s.duration_ms_text ?? 'no completion time'}, ${s.num_tasks ?? s.tasks_seen} tasks`];
    if (d) parts.push(`task durations p50 ${shown(d.p50_text)}, p95 ${shown(d.p95_text)}, max ${shown(d.max_text)}`);
    if (skewed) parts.push(`skewed: the slowest task took ${shown(s.skew_ratio_text)} the median`);
    bar.append(svg(doc, 'title', {}, parts.join('\n')));
    chart.append(bar);
  });
  const legend = doc.createElement('p');
  legend.className = 'hint chart-legend';
  for (const [cls, words] of [['status-completed', 'completed'], ['skewed', `skewed (slowest task ≥ ${SKEWED}× the median)`],
    ['status-failed', 'failed'], ['status-active', 'never completed']]) {
    const key = svg(doc, 'svg', { viewBox: '0 0 12 12', class: 'chart legend-key', 'aria-hidden': 'true' }, svg(doc, 'rect', { x: 0, y: 2, width: 12, height: 8, class: `bar ${cls}` }));
    legend.append(key, ` ${words} `);
  }
  legend.append(`· ${spans.length} stage attempts in ${laneCount} lane${laneCount === 1 ? '' : 's'}; hover a bar for its figures.`);
  root.replaceChildren(chart, legend);
}
