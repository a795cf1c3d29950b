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
import {
  LogStream, archiveEntries, hasArchiveEntries, hasStreamEntry, layout, scanDocument,
} from '../../web/site/js/streamcall.js';

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

// A zip read the site's way (web/site/js/worker.js): entries listed by the core from the last
// bytes, each entry's slice fed to a stream from its local header on, the document assembled
// by the core; against `clusop scan --format json` on the same archive (which inflates each
// member itself), byte for byte. The archive is made here by Python's zipfile from the real
// Spark 3.5.9 logs, with a Databricks part saved as a zip inside a gzip; the corpus's messy
// Databricks zip too when present.
function makeZip(dir, entries) {
  const out = path.join(dir, 'logs.zip');
  const program = [
    'import gzip, io, json, sys, zipfile',
    'out, entries = sys.argv[1], json.loads(sys.argv[2])',
    'with zipfile.ZipFile(out, "w") as z:',
    '    for name, source, how in entries:',
    '        data = open(source, "rb").read() if source else b""',
    '        if how == "zip.gz":',
    '            inner = io.BytesIO()',
    '            with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as n: n.writestr(name.split("/")[-1][:-7], data)',
    '            data, how = gzip.compress(inner.getvalue()), "deflate"',
    '        z.writestr(zipfile.ZipInfo(name) if source is None else name, data,',
    '                   compress_type=zipfile.ZIP_DEFLATED if how == "deflate" else zipfile.ZIP_STORED)',
  ].join('\n');
  execFileSync('python3', ['-c', program, out, JSON.stringify(entries)]);
  return out;
}

async function wasmZipScan(core, archivePath, name) {
  const bytes = fs.readFileSync(archivePath);
  const listing = [];
  const slices = new Map();
  const answer = await archiveEntries(core, bytes.length, async (n) => new Uint8Array(bytes.subarray(bytes.length - n)));
  if (answer.error) listing.push({ path: name, problem: 'archive_unreadable', reason: answer.error.message });
  else for (const e of answer.entries) slices.set(`${name}/${e.name}`, bytes.subarray(e.start, e.end));
  const names = [...slices.keys()];
  const grouping = layout(core, names);
  const applications = [];
  for (const app of grouping.applications) {
    const stream = new LogStream(core, { name: app.parts[0], indent: 2 });
    for (let k = 0; k < app.parts.length; k++) {
      if (k > 0 && !stream.nextFile(app.parts[k])) break;
      const data = slices.get(app.parts[k]);
      let fed = true;
      for (let at = 0; at < data.length && fed; at += CHUNK) fed = stream.feed(new Uint8Array(data.subarray(at, at + CHUNK)));
      if (stream.failed) break;
    }
    applications.push({ answer: stream.finish(), stopped: null });
  }
  return scanDocument(core, { paths: names, listing, applications, indent: 2 });
}

test('zip archives: read entry by entry in WASM as the site does, equal to `clusop scan` natively', async (t) => {
  const logs = path.join(repo, 'tests/io/data/spark-3.5.9');
  const plain = path.join(logs, 'none/local-1796014104063');
  const zstd = path.join(logs, 'zstd/local-1796014150486.zstd');
  if (!fs.existsSync(plain) || !fs.existsSync(zstd)) return t.skip('tests/io/data/spark-3.5.9 is absent');
  const core = await loadClusop(wasmDir);
  if (!hasArchiveEntries(core)) return t.skip('this WebAssembly build exports no zip entry points');
  if (!nativeScanWorks()) return t.skip(`${nativeCli} has no scan command: build the release preset first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusop-zip-parity-'));
  makeZip(dir, [
    ['spark-events/', null, 'stored'],
    ['spark-events/local-1796014104063', plain, 'deflate'],
    ['spark-events/local-1796014150486.zstd', zstd, 'stored'],
    ['dbx/ctx/eventlog-2026-01-01--00-00.zip.gz', plain, 'zip.gz'],
    ['__MACOSX/spark-events/._local-1796014104063', plain, 'deflate'],
  ]);
  const cases = [[dir, 'logs.zip']];
  const messy = path.join(corpus, 'eventlogs/spark_log_parser');
  if (fs.existsSync(path.join(messy, 'databricks-rollover-messy.zip'))) cases.push([messy, 'databricks-rollover-messy.zip']);
  for (const [cwd, name] of cases) {
    const wasm = await wasmZipScan(core, path.join(cwd, name), name);
    let native;
    try {
      native = execFileSync(nativeCli, ['scan', '--format', 'json', name], { cwd, maxBuffer: 1 << 30 }).toString('utf8');
    } catch (err) {
      native = err.stdout ? err.stdout.toString('utf8') : '';
    }
    assert.equal(wasm, native.replace(/\n$/, ''), `WASM and native scans of ${name} differ`);
    const doc = JSON.parse(wasm);
    assert.ok(doc.applications.length >= 1, `${name}: applications read`);
    if (name === 'logs.zip') {
      assert.equal(doc.applications.length, 3, 'two logs and the Databricks folder');
      // the junk is skipped, and the lone rotated part's folder is named for its missing live log
      assert.deepEqual(doc.errors.map((e) => e.path), [`${name}/__MACOSX/spark-events/._local-1796014104063`, `${name}/dbx/ctx`]);
    }
  }
});
