// The WebAssembly core and the native core must give byte-identical answers to the same
// request, for every golden case and every plan of ../shared/corpus (when present), and the
// same clusop.scan/1 document for event logs of the corpus: fed through the stream C ABI in
// 64 KiB chunks as the site does (web/site/js/streamcall.js) against `clusop scan --format json`
// (which indents by 2: the stream is asked for the same).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadClusop } from '../load_clusop.mjs';
import { LogStream, hasStreamEntry, layout } from '../../web/site/js/streamcall.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = process.env.CLUSOP_WASM_DIR ?? path.join(repo, 'build/wasm/wasm');
const nativeCli = process.env.CLUSOP_CLI ?? path.join(repo, 'build/release/clusop');
const corpus = process.env.CLUSOP_CORPUS ?? path.join(repo, '../shared/corpus');

const cluster = { cloud: 'aws', sku: 'jobs', tier: 'premium', node_type: 'i3.xlarge', workers: 4,
                  runtime_seconds: 600, runs_per_day: 24 };

function planFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile() && /\.(txt|json)$/.test(f))
    .sort();
}

function nativeAnswers(requests) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clusop-parity-')), 'requests.jsonl');
  fs.writeFileSync(file, requests.join('\n') + '\n');
  const out = execFileSync(nativeCli, ['request', '--jsonl', file], { maxBuffer: 1 << 30 }).toString('utf8');
  return out.split('\n').slice(0, -1);
}

async function checkParity(files) {
  const clusop = await loadClusop(wasmDir);
  const requests = files.map((f) => JSON.stringify({ plan: fs.readFileSync(f, 'utf8'), cluster }));
  const native = nativeAnswers(requests);
  assert.equal(native.length, requests.length, 'one native answer per request');
  let analysed = 0;
  for (let i = 0; i < requests.length; i++) {
    const wasm = clusop.analyze(requests[i]);
    assert.equal(wasm, native[i], `WASM and native answers differ for ${files[i]}`);
    if (!JSON.parse(wasm).error) analysed++;
  }
  return analysed;
}

test('golden cases: WASM equals native byte for byte', async () => {
  const files = planFiles(path.join(repo, 'tests/golden/plans'));
  assert.ok(files.length >= 20, `expected the generated golden plans, found ${files.length}`);
  const analysed = await checkParity(files);
  assert.equal(analysed, files.length, 'every golden plan is analysed');
});

test('public corpus: WASM equals native byte for byte', async (t) => {
  if (!fs.existsSync(path.join(corpus, 'MANIFEST.md'))) return t.skip('../shared/corpus is absent');
  const files = planFiles(corpus);
  const analysed = await checkParity(files);
  t.diagnostic(`${files.length} corpus plans, ${analysed} analysed, all identical`);
  assert.ok(analysed > 1000);
});

// Logs of every codec and platform the corpus has, each one application in one file.
const SCANNED_LOGS = [
  'eventlogs/spark-rapids-tools/spark-events-qualification/db_subExecution_id.zstd',   // Databricks 11.3, zstd
  'eventlogs/spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd', // Dataproc, RAPIDS plans
  'eventlogs/spark-rapids-tools/spark-events-qualification/python_udf_eventlog',       // plain, Spark 3.5.5
  'eventlogs/spark-rapids-tools/spark-events-qualification/truncated_eventlog',        // cut short
  'eventlogs/spark_log_parser/log_in_dir/databricks.json.gz',                         // gzip, Databricks 9.1
  'eventlogs/mcp-apache-spark-history-server/spark-events/local-1776286804625.zstd',   // Spark 4.1.0
  'eventlogs/apache-spark/spark-events/local-1642039451826',                            // plain, Spark 3.3.0
];
const CHUNK = 64 * 1024;

async function wasmScan(core, file) {
  const stream = new LogStream(core, { name: file, indent: 2 });
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = new Uint8Array(CHUNK);
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0 || !stream.feed(chunk.subarray(0, n))) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return stream.finish();
}

function nativeScanWorks() {
  try {
    execFileSync(nativeCli, ['scan', '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('event logs: the stream scan in WASM equals `clusop scan` natively, byte for byte', async (t) => {
  const files = SCANNED_LOGS.map((f) => path.join(corpus, f)).filter((f) => fs.existsSync(f));
  if (files.length === 0) return t.skip('../shared/corpus is absent');
  const core = await loadClusop(wasmDir);
  if (!hasStreamEntry(core)) return t.skip('this WebAssembly build exports no stream entry points');
  if (!nativeScanWorks()) return t.skip(`${nativeCli} has no scan command: build the release preset first`);
  let stages = 0;
  for (const file of files) {
    const wasm = await wasmScan(core, file);
    let native;
    try {
      native = execFileSync(nativeCli, ['scan', '--format', 'json', file], { maxBuffer: 1 << 30 }).toString('utf8').replace(/\n$/, '');
    } catch (err) {
      native = err.stdout ? err.stdout.toString('utf8').replace(/\n$/, '') : '';
    }
    assert.equal(wasm, native, `WASM and native scans differ for ${file}`);
    const doc = JSON.parse(wasm);
    assert.equal(doc.schema, 'clusop.scan/1');
    assert.equal(doc.applications.length, 1, `${file}: one application`);
    stages += doc.applications[0].stages.length;
  }
  t.diagnostic(`${files.length} logs, ${stages} stage attempts, all identical`);
});

test('event logs: the core groups listed paths the same way in WASM (clusop_layout)', async (t) => {
  const core = await loadClusop(wasmDir);
  if (!hasStreamEntry(core)) return t.skip('this WebAssembly build exports no stream entry points');
  const app = 'local-1623876083964';
  const grouping = layout(core, [
    `logs/eventlog_v2_${app}/events_2_${app}.zstd`,
    `logs/eventlog_v2_${app}/appstatus_${app}`,
    `logs/eventlog_v2_${app}/events_1_${app}.zstd`,
  ]);
  assert.equal(grouping.schema, 'clusop.layout/1');
  assert.equal(grouping.applications.length, 1);
  assert.equal(grouping.applications[0].layout, 'rolling');
  assert.deepEqual(grouping.applications[0].parts, [`logs/eventlog_v2_${app}/events_1_${app}.zstd`, `logs/eventlog_v2_${app}/events_2_${app}.zstd`]);
});
