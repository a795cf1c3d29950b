#!/usr/bin/env node
// Benchmark (not a test): event-log scan speed of the WebAssembly core in Node against the
// native CLI on the same logs. WebAssembly: the stream C ABI fed 1 MiB chunks read from disk,
// as the site's worker feeds File.stream() chunks (web/site/js/streamcall.js); native:
// `clusop scan --format json FILE` (one process per run, so its start-up counts against it).
// Best of BENCH_RUNS runs each; MB/s of the bytes on disk and of the decoded JSON when known.
//
//   node web/bench/scan_speed.mjs [LOG...]    (default: the big log and two corpus logs)
// Goal (issue 9): WebAssembly at least 40% of native.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadClusop } from '../../wasm/load_clusop.mjs';
import { LogStream } from '../site/js/streamcall.js';
import { repo } from '../tests/support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHUNK = 1 << 20;
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

function best(run) {
  let min = Infinity;
  let out = null;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    out = run();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: min, out };
}

const logs = process.argv.slice(2).length ? process.argv.slice(2) : defaultLogs();
if (logs.length === 0) {
  console.error('scan_speed: no log given and ../shared is absent');
  process.exit(2);
}
const core = await loadClusop(wasmDir);
console.log(`best of ${RUNS} runs; WebAssembly in Node ${process.version}, ${CHUNK >> 20} MiB chunks; native ${path.relative(repo, nativeCli)}`);
console.log('| log | on disk | JSON | WASM | native | WASM / native | same answer |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const file of logs) {
  const onDisk = fs.statSync(file).size;
  const wasm = best(() => wasmScan(core, file));
  const native = best(() => execFileSync(nativeCli, ['scan', '--format', 'json', file], { maxBuffer: 1 << 30 }).toString('utf8').replace(/\n$/, ''));
  const doc = JSON.parse(wasm.out);
  const json = doc.applications ? doc.applications.reduce((s, a) => s + (a.read.decoded_bytes ?? 0), 0) : 0;
  const mb = (n, ms) => `${(n / 1048576 / (ms / 1000)).toFixed(1)} MB/s`;
  console.log(`| ${path.basename(file)} | ${(onDisk / 1048576).toFixed(1)} MB | ${json ? `${(json / 1048576).toFixed(0)} MB` : '?'} | ${wasm.ms.toFixed(0)} ms${json ? ` (${mb(json, wasm.ms)})` : ''} | ${native.ms.toFixed(0)} ms${json ? ` (${mb(json, native.ms)})` : ''} | ${(100 * native.ms / wasm.ms).toFixed(0)}% | ${wasm.out === native.out ? 'yes' : 'NO'} |`);
}
