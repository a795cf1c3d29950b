#!/usr/bin/env node
// Runs wasm/bench/json_floor.cpp in WebAssembly (target clusop_json_floor, not built by
// default: ninja -C build/wasm clusop_json_floor) on a plain JSON-lines log; compare with the
// native build of the same file (see the comment there). Best of 3 runs by CPU time.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = process.env.CLUSOP_WASM_DIR ?? path.join(repo, 'build/wasm/wasm');
const file = process.argv[2];
if (!file) {
  console.error('usage: json_floor.mjs FILE (plain JSON lines)');
  process.exit(2);
}
const { default: create } = await import(path.join(dir, 'json_floor.mjs'));
const m = await create({ wasmBinary: fs.readFileSync(path.join(dir, 'json_floor.wasm')) });
const data = fs.readFileSync(file);
const ptr = m._malloc(data.length);
m.HEAPU8.set(data, ptr);
let best = Infinity;
let events = 0;
for (let run = 0; run < 3; run++) {
  const c0 = process.cpuUsage();
  events = m._json_floor_events(ptr, data.length);
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / 1000);
}
const kernel = m.UTF8ToString(m._json_floor_kernel());
console.log(`wasm (${kernel}): ${events} events, ${best.toFixed(1)} ms CPU, ${(data.length / 1048576 / (best / 1000)).toFixed(1)} MB/s`);
