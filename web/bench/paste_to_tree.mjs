#!/usr/bin/env node
// Benchmark of the site (not a test): run `node web/bench/paste_to_tree.mjs` after
// `cmake --workflow --preset wasm` (and `cmake --workflow --preset release` for the native CLI).
//
//  1. paste-to-tree in headless Chromium: from setting the plan box (value + input event) to
//     the tree drawn (DOM complete) and to the next frame after it (style, layout, paint),
//     median of several runs, for the largest corpus plans when ../shared/corpus is present
//     (else the golden plans);
//  2. the gzip size of everything the page loads (each response gzipped, summed);
//  3. WebAssembly analyze() in Node vs the native CLI on the same request, excluding process
//     start: N wasm calls vs one `clusop request --jsonl` run of N identical lines (minus a
//     one-line run).
// Targets: < 150 ms paste-to-tree for q14a, < 300 KB gzip, WASM within 2x of native.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadClusop } from '../../wasm/load_clusop.mjs';
import { analyzer } from '../site/js/corecall.js';
import { launchChromium, openSite, repo, siteDir, startServer } from '../tests/support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null; // paste|weight|wasm
const corpus = process.env.CLUSOP_CORPUS ?? path.join(repo, '../shared/corpus');
const nativeCli = process.env.CLUSOP_CLI ?? path.join(repo, 'build/release/clusop');
const CLUSTER = { cloud: 'aws', sku: 'jobs', tier: 'premium', node_type: 'i3.xlarge', workers: 8, runtime_seconds: 600, runs_per_day: 24 };

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function plans() {
  const big = [
    'golden/comet/head-extended/v2_7/q14a.extended.txt',
    'golden/photon/eventlogs/nds_q88_photon_db_13_3.exec26.aqe11.txt',
  ].map((rel) => path.join(corpus, rel));
  if (big.every((f) => fs.existsSync(f))) return { source: 'corpus', files: big };
  const dir = path.join(repo, 'tests/golden/plans');
  const files = fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f))
    .filter((f) => /\.(txt|json)$/.test(f) && fs.statSync(f).isFile())
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size).slice(0, 4);
  return { source: 'golden (../shared/corpus absent)', files };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const name = (f) => path.relative(repo, f);

async function pasteToTree(browser, url, files) {
  const { context, page } = await openSite(browser, url);
  const rows = [];
  for (const file of files) {
    const plan = fs.readFileSync(file, 'utf8');
    const samples = [];
    for (let i = 0; i < RUNS + 2; i++) {
      // start from an empty box so that every run draws the whole tree again
      await page.evaluate(() => {
        const box = document.querySelector('[data-testid="plan-input"]');
        box.value = '';
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
      });
      await page.waitForTimeout(50);
      const s = await page.evaluate(async (text) => {
        const box = document.querySelector('[data-testid="plan-input"]');
        const rendered = new Promise((resolve) => document.addEventListener('clusop:rendered', (e) => resolve(e.detail), { once: true }));
        const t0 = performance.now();
        box.value = text;
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
        const detail = await rendered;
        const dom = performance.now() - t0;
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const frame = performance.now() - t0;
        return { dom, frame, analyzeMs: detail.analyzeMs, renderMs: detail.renderMs, rows: document.querySelectorAll('#tree [role="treeitem"]').length, state: document.getElementById('result').dataset.state };
      }, plan);
      if (s.state !== 'done') throw new Error(`${name(file)}: the page shows ${s.state}, not an analysis`);
      if (i >= 2) samples.push(s); // two warm-up runs
    }
    rows.push({
      plan: name(file), size: kb(Buffer.byteLength(plan)), rows: samples[0].rows,
      dom: median(samples.map((s) => s.dom)), frame: median(samples.map((s) => s.frame)),
      analyze: median(samples.map((s) => s.analyzeMs)), render: median(samples.map((s) => s.renderMs)),
    });
  }
  await context.close();
  return rows;
}

async function pageWeight(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const responses = [];
  context.on('response', (r) => responses.push(r));
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  let raw = 0;
  let gz = 0;
  const items = [];
  for (const r of responses) {
    if (!r.url().startsWith('http')) continue;
    const body = await r.body();
    const g = zlib.gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += g;
    items.push({ url: new URL(r.url()).pathname, raw: body.length, gzip: g });
  }
  await context.close();
  return { raw, gz, items };
}

function nativeRunner(request, n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusop-bench-'));
  const many = path.join(dir, 'many.jsonl');
  const one = path.join(dir, 'one.jsonl');
  fs.writeFileSync(many, `${request}\n`.repeat(n));
  fs.writeFileSync(one, `${request}\n`);
  const run = (file) => {
    const t0 = process.hrtime.bigint();
    execFileSync(nativeCli, ['request', '--jsonl', file], { maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'inherit'] });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  return {
    // per request: an n-line run minus a one-line run (process start, file reading) over n-1
    sample: () => (run(many) - run(one)) / (n - 1),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

// Rounds interleave the three measurements so that they share the machine's load; both the
// median and the minimum over rounds are reported (the minimum is the least disturbed run).
async function wasmVsNative(files, rounds = 7) {
  const core = await loadClusop(path.join(siteDir, 'wasm'));
  const siteCall = analyzer(core);
  const hasNative = fs.existsSync(nativeCli);
  const out = [];
  for (const file of files) {
    const request = JSON.stringify({ plan: fs.readFileSync(file, 'utf8'), cluster: CLUSTER });
    const n = Buffer.byteLength(request) > 50000 ? 50 : 500;
    const wasmString = () => core.analyze(request);
    const wasmBytes = () => siteCall(request); // exactly what the site's worker does
    if (wasmString() !== wasmBytes()) throw new Error('the two ways of calling the core disagree');
    for (let i = 0; i < 20; i++) { wasmString(); wasmBytes(); } // warm up (tier-up of the wasm code)
    const time = (fn) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) fn();
      return Number(process.hrtime.bigint() - t0) / 1e6 / n;
    };
    const native = hasNative ? nativeRunner(request, n) : null;
    const samples = { string: [], bytes: [], native: [] };
    for (let r = 0; r < rounds; r++) {
      samples.string.push(time(wasmString));
      samples.bytes.push(time(wasmBytes));
      if (native) samples.native.push(native.sample());
    }
    if (native) native.cleanup();
    const stat = (v) => (v.length ? { median: median(v), min: Math.min(...v) } : null);
    out.push({ plan: name(file), n, path: siteCall.path, string: stat(samples.string), bytes: stat(samples.bytes), native: stat(samples.native) });
  }
  return out;
}

async function main() {
  const { source, files } = plans();
  console.log(`plans: ${source}; ${RUNS} timed runs each, medians\n`);
  const { server, url } = await startServer();
  const browser = await launchChromium();
  try {
    if (!only || only === 'paste') {
      console.log('1. paste-to-tree in headless Chromium (ms)');
      console.log('   plan | size | tree rows | DOM complete | next frame | of which: wasm analyze | build+render');
      for (const r of await pasteToTree(browser, url, files)) {
        console.log(`   ${r.plan} | ${r.size} | ${r.rows} | ${r.dom.toFixed(1)} | ${r.frame.toFixed(1)} | ${r.analyze.toFixed(1)} | ${r.render.toFixed(1)}`);
      }
    }
    if (!only || only === 'weight') {
      const w = await pageWeight(browser, url);
      console.log(`\n2. page weight: ${w.items.length} responses, ${kb(w.raw)} raw, ${kb(w.gz)} gzip -9 (sum of each response gzipped)`);
      for (const i of w.items.sort((a, b) => b.gzip - a.gzip)) console.log(`   ${i.url} ${kb(i.raw)} -> ${kb(i.gzip)}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (only && only !== 'wasm') return;
  console.log(`\n3. analyze() per call, WebAssembly in Node ${process.version} vs native ${fs.existsSync(nativeCli) ? name(nativeCli) : '(missing: build the release preset)'}, ms (median / min over rounds)`);
  console.log('   plan | calls per round | wasm analyze(string) | wasm as the site calls it | native | ratio string | ratio site (median; min)');
  const f = (st) => (st ? `${st.median.toFixed(3)} / ${st.min.toFixed(3)}` : 'n/a');
  const ratio = (a, b) => (a && b ? `${(a.median / b.median).toFixed(2)}x; ${(a.min / b.min).toFixed(2)}x` : 'n/a');
  for (const r of await wasmVsNative(files)) {
    console.log(`   ${r.plan} | ${r.n} | ${f(r.string)} | ${f(r.bytes)} (${r.path}) | ${f(r.native)} | ${ratio(r.string, r.native)} | ${ratio(r.bytes, r.native)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
