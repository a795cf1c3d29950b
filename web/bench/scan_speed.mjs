#!/usr/bin/env node
// Benchmark (not a test): event-log scan speed of the WebAssembly core in Node against the
// native CLI on the same logs. WebAssembly: the stream C ABI fed 1 MiB chunks read from disk,
// as the site's worker feeds File.stream() chunks (web/site/js/streamcall.js); native:
// `clusop scan --format json FILE` (one process per run, so its start-up counts against it).
// Best of BENCH_RUNS runs each by CPU time (user + system; the native figure includes process
// start-up); MB/s of the decoded JSON. The WebAssembly figure is the steady state: its first
// run on a log is timed on its own and reported beside it, because V8 first runs the code from
// its baseline compiler (Liftoff) and tiers hot functions up to TurboFan in the background while
// the scan goes on, and the heap grows once. Chrome caches the optimised code of a large module
// for the next visit, so a user pays that first-run cost once, not per log.
//
//   node web/bench/scan_speed.mjs [LOG...]    (default: the big log and two corpus logs)
// Goal (issue 9): WebAssembly at least 40% of native.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadClusop } from '../../wasm/load_clusop.mjs';
import { LogStream } from '../site/js/streamcall.js';
import { repo } from '../tests/support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHUNK = 1 << 20;
const NATIVE_RESOLUTION_MS = 50;
const wasmDir = process.env.CLUSOP_WASM_DIR ?? path.join(repo, 'build/wasm/wasm');
const nativeCli = process.env.CLUSOP_CLI ?? path.join(repo, 'build/release/clusop');
const shared = path.join(repo, '../shared');

function defaultLogs() {
  return [
    path.join(shared, 'bench/big-eventlog/local-1796005747421.zstd'),
    path.join(shared, 'corpus/eventlogs/spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd'),
    path.join(shared, 'corpus/eventlogs/spark-rapids-tools/spark-events-qualification/db_sim_eventlog/eventlog'),
  ].filter((f) => fs.existsSync(f));
}

function wasmScan(core, file) {
  const stream = new LogStream(core, { name: file, indent: 2 });
  const fd = fs.openSync(file, 'r');
  const chunk = new Uint8Array(CHUNK);
  try {
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0 || !stream.feed(chunk.subarray(0, n))) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return stream.finish();
}

// The JSON the log holds: the file itself when plain, else what Debian's zstd or gzip make of it.
function decodedSize(file, doc) {
  const codec = doc.applications && doc.applications[0] ? doc.applications[0].read.parts[0].codec : null;
  if (codec === 'none') return fs.statSync(file).size;
  const tool = { zstd: 'zstd', gzip: 'gzip' }[codec];
  if (!tool) return 0;
  return Number(execFileSync('sh', ['-c', `${tool} -dc "$1" | wc -c`, 'sh', file]).toString().trim());
}

// Best of RUNS by CPU time (user + system): the machine is shared, so wall time says more
// about the neighbours than about the scan. run() returns {out, cpuMs} or the output alone.
function best(run, runs = RUNS) {
  let min = { cpuMs: Infinity, wallMs: Infinity };
  let out = null;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const r = run();
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const own = process.cpuUsage(c0);
    const cpuMs = r.cpuMs ?? (own.user + own.system) / 1000;
    out = r.out ?? r;
    if (cpuMs < min.cpuMs) min = { cpuMs, wallMs };
  }
  return { ...min, out };
}

// The native CLI under /usr/bin/time, for the child's own CPU time.
function nativeScan(file) {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clusop-bench-')), 'time');
  const out = execFileSync('/usr/bin/time', ['-f', '%U %S', '-o', tmp, nativeCli, 'scan', '--format', 'json', file], { maxBuffer: 1 << 30 })
    .toString('utf8').replace(/\n$/, '');
  const [user, sys] = fs.readFileSync(tmp, 'utf8').trim().split(/\s+/).map(Number);
  return { out, cpuMs: (user + sys) * 1000 };
}

const logs = process.argv.slice(2).length ? process.argv.slice(2) : defaultLogs();
if (logs.length === 0) {
  console.error('scan_speed: no log given and ../shared is absent');
  process.exit(2);
}
const core = await loadClusop(wasmDir);
console.log(`best of ${RUNS} runs; WebAssembly in Node ${process.version}, ${CHUNK >> 20} MiB chunks; native ${path.relative(repo, nativeCli)}`);
console.log('| log | on disk | JSON | WASM first run | WASM CPU time | native CPU time | WASM / native speed | first run / native | same answer |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const file of logs) {
  const onDisk = fs.statSync(file).size;
  const first = best(() => wasmScan(core, file), 1);
  const wasm = best(() => wasmScan(core, file));
  const native = best(() => nativeScan(file));
  const doc = JSON.parse(wasm.out);
  const json = decodedSize(file, doc);
  const mb = (n, ms) => `${(n / 1048576 / (ms / 1000)).toFixed(1)} MB/s`;
  // /usr/bin/time counts in 10 ms ticks: below a few ticks the native figure is no measurement
  const timed = native.cpuMs >= NATIVE_RESOLUTION_MS;
  const fig = (r) => (r === native && !timed ? `< ${NATIVE_RESOLUTION_MS} ms` : `${r.cpuMs.toFixed(0)} ms${json ? ` (${mb(json, r.cpuMs)})` : ''}`);
  const ratio = (r) => (timed ? `${(100 * native.cpuMs / r.cpuMs).toFixed(0)}%` : 'too small to time');
  console.log(`| ${path.basename(file)} | ${(onDisk / 1048576).toFixed(1)} MB | ${json ? `${(json / 1048576).toFixed(0)} MB` : '?'} | ${fig(first)} | ${fig(wasm)} | ${fig(native)} | ${ratio(wasm)} | ${ratio(first)} | ${wasm.out === native.out && first.out === native.out ? 'yes' : 'NO'} |`);
}
