// The event-log view modules' pure parts in Node: lane packing of the stage timeline, axis
// ticks, the choice of the worst stages, units; and the rule that view modules draw into the
// element they are given (no global document), so the notebook widget can reuse them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { packLanes, stageSpans } from '../site/js/stagetimeline.js';
import { worstStages } from '../site/js/taskspread.js';
import { orderExecutions } from '../site/js/sqlexecutions.js';
import { formatBytes, tickStep, timeStep } from '../site/js/units.js';
import { pickedFiles } from '../site/js/logscanner.js';
import { repo } from './support.mjs';

test('lanes: overlapping stages never share a lane, free lanes are reused, the cap holds', () => {
  const spans = [{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 10, end: 20 }, { start: 12, end: 13 }, { start: 30, end: 40 }];
  const lanes = packLanes(spans, 10);
  assert.deepEqual(lanes, [0, 1, 0, 2, 0]);
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const overlap = spans[i].start < spans[j].end && spans[j].start < spans[i].end;
      if (overlap) assert.notEqual(lanes[i], lanes[j], `stages ${i} and ${j} overlap`);
    }
  }
  const many = Array.from({ length: 500 }, (_, i) => ({ start: i, end: 1000 }));
  const capped = packLanes(many, 24);
  assert.equal(Math.max(...capped) + 1, 24);
});

test('stage spans: a stage still running at the end reaches the application end; unsubmitted ones are left out', () => {
  const app = { end_ms: 900, stages: [
    { stage_id: 0, submission_ms: 100, completion_ms: 200 },
    { stage_id: 1, submission_ms: 300, completion_ms: null },
    { stage_id: 2, submission_ms: null, completion_ms: null },
  ] };
  assert.deepEqual(stageSpans(app).map((s) => [s.stage.stage_id, s.start, s.end]), [[0, 100, 200], [1, 300, 900]]);
});

test('ticks: 1, 2 or 5 times a power of ten, at most the number asked for', () => {
  assert.equal(tickStep(1000, 8), 200);
  assert.equal(tickStep(60000, 8), 10000);
  assert.equal(tickStep(7, 8), 1);
  for (const span of [3, 17, 999, 123456, 9.5e7]) {
    const step = tickStep(span, 8);
    assert.ok(span / step <= 8, `${span}: ${step}`);
    assert.match(String(step / 10 ** Math.floor(Math.log10(step))), /^(1|2|5)$/);
  }
});

test('time ticks: whole seconds, minutes or hours once the step passes a second', () => {
  assert.equal(timeStep(22 * 60000, 8), 300000); // 22 min: every 5 min
  assert.equal(timeStep(62000, 8), 10000);
  assert.equal(timeStep(3.6, 8), 0.5);
  assert.equal(timeStep(5 * 3600000, 8), 3600000);
});

test('the worst stages: most executor time first, stages without a finished task left out', () => {
  const stage = (id, run, max) => ({ stage_id: id, attempt: 0, executor_run_time_ms: run, task_duration_ms: max === null ? null : { p50: 1, p75: 1, p95: 1, max } });
  const stages = [stage(0, 10, 5), stage(1, 500, 9), stage(2, 90, 50), stage(3, 999, null), stage(4, 90, 60)];
  assert.deepEqual(worstStages(stages, 3).map((s) => s.stage_id), [1, 4, 2]);
});

test('SQL executions: those with a fallback first, by modeled waste then weight; the rest in the log\'s order', () => {
  const ex = (id, fb, waste, weight = 0.5) => ({ execution_id: id, waste_usd: waste, analysis: { has_fallback: fb, fallback_weight: weight } });
  const list = [ex(0, false, null), ex(1, true, null, 0.2), ex(2, false, 0), ex(3, true, 1.5), ex(4, true, null, 0.9), ex(5, true, 3)];
  assert.deepEqual(orderExecutions(list).map((e) => e.execution_id), [5, 3, 4, 1, 0, 2]);
  assert.deepEqual(list.map((e) => e.execution_id), [0, 1, 2, 3, 4, 5], 'the input is left as it was');
});

test('sizes of bytes the core has not seen yet (a pasted plan, a dropped file)', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.50 KiB');
  assert.equal(formatBytes(632218332), '602.9 MiB');
});

test('a folder picker keeps each file\'s path inside the folder', () => {
  const files = [{ name: 'events_1_app', webkitRelativePath: 'eventlog_v2_app/events_1_app' }, { name: 'lone', webkitRelativePath: '' }];
  assert.deepEqual(pickedFiles(files).map((f) => f.path), ['eventlog_v2_app/events_1_app', 'lone']);
});

test('view modules draw into the element they are given: no global document lookup', () => {
  for (const f of ['appview.js', 'stagetimeline.js', 'taskspread.js', 'sqlexecutions.js', 'dom.js', 'units.js',
    'planview.js', 'summary.js', 'tree.js', 'nodedetails.js', 'plantext.js']) {
    const source = fs.readFileSync(path.join(repo, 'web/site/js', f), 'utf8');
    assert.doesNotMatch(source, /\bdocument\./, `${f} uses the global document`);
    assert.doesNotMatch(source, /innerHTML|insertAdjacentHTML|outerHTML/, `${f} writes markup`);
  }
});

test('scan views print the core\'s words for every figure: no number is formatted in them', () => {
  for (const f of ['appview.js', 'stagetimeline.js', 'taskspread.js', 'sqlexecutions.js', 'recommendations.js', 'trends.js']) {
    const source = fs.readFileSync(path.join(repo, 'web/site/js', f), 'utf8');
    assert.doesNotMatch(source, /\.toFixed\(|toPrecision\(|Intl\.|toLocale|toISOString|formatBytes|formatUsd|Math\.round/, `${f} formats a number`);
  }
});
