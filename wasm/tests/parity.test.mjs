// The WebAssembly core and the native core must give byte-identical answers to the same
// request, for every golden case and every plan of ../shared/corpus (when present).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadClusop } from '../load_clusop.mjs';

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
