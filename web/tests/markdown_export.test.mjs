// The Markdown export is the core's Markdown: the page asks for it ("markdown": true) and
// downloads it as the core wrote it. Held to the golden cases' .md expectations (the same files
// the C++ golden runner holds the native core to), so the WebAssembly core writes them too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadClusop } from '../../wasm/load_clusop.mjs';
import { analysisJson, analysisMarkdown } from '../site/js/exporters.js';
import { repo, siteDir } from './support.mjs';

const wasmDir = fs.existsSync(path.join(siteDir, 'wasm/clusop.wasm')) ? path.join(siteDir, 'wasm') : path.join(repo, 'build/wasm/wasm');
const golden = path.join(repo, 'tests/golden');
// the golden runner's default request (tests/golden/README.md)
const DEFAULT_REQUEST = {
  cluster: { cloud: 'aws', sku: 'jobs', tier: 'premium', node_type: 'i3.xlarge', workers: 4, runtime_seconds: 600, runs_per_day: 24 },
  indent: 2,
};

function markdownCases() {
  const expected = path.join(golden, 'expected');
  return fs.readdirSync(expected, { recursive: true }).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
}

test('the export is the core\'s Markdown, for every golden case that holds one', async () => {
  const core = await loadClusop(wasmDir);
  const cases = markdownCases();
  assert.ok(cases.length >= 3, cases.join(', '));
  for (const c of cases) {
    const options = JSON.parse(fs.readFileSync(path.join(golden, 'expected', `${c}.options.json`), 'utf8'));
    const request = { ...DEFAULT_REQUEST, plan: fs.readFileSync(path.join(golden, 'plans', c), 'utf8'), markdown: true };
    if (options.engine_log_file) request.engine_log = fs.readFileSync(path.join(repo, options.engine_log_file), 'utf8');
    const a = JSON.parse(core.analyze(JSON.stringify(request)));
    assert.equal(analysisMarkdown(a), fs.readFileSync(path.join(golden, 'expected', `${c}.md`), 'utf8'), c);
    // the JSON export is the answer without the Markdown the page asked for
    const { markdown, ...plain } = JSON.parse(core.analyze(JSON.stringify({ ...request, markdown: false })));
    assert.equal(markdown, undefined);
    assert.equal(analysisJson(a), JSON.stringify(plain, null, 2) + '\n', c);
  }
});

test('no Markdown is written by the page: an answer without the core\'s has none to export', () => {
  assert.equal(analysisMarkdown({ verdict: { kind: 'none' } }), null);
  const source = fs.readFileSync(path.join(repo, 'web/site/js/exporters.js'), 'utf8');
  assert.doesNotMatch(source, /```|\| Verdict|## /, 'exporters.js builds no Markdown of its own');
});
