// One vocabulary: the page's words and figures are the core's. The labels module holds no copy
// of the core's words, the assembled site's data/vocabulary.js is what the core answers, and the
// summary's figures and the Markdown export print the core's own strings (*_text) for the same
// analysis that the CLI prints (core/src/report/text_report.cpp writes the same strings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadClusop } from '../../wasm/load_clusop.mjs';
import { vocabularyOf } from '../site/js/corecall.js';
import { analysisMarkdown } from '../site/js/exporters.js';
import { formatUsd, label, setVocabulary } from '../site/js/labels.js';
import { buildModel } from '../site/js/tree.js';
import { utf16Spans } from '../site/js/plantext.js';
import { goldenPlan, repo, siteDir } from './support.mjs';

const wasmDir = fs.existsSync(path.join(siteDir, 'wasm/clusop.wasm')) ? path.join(siteDir, 'wasm') : path.join(repo, 'build/wasm/wasm');
const PHOTON_PLAN = '== Physical Plan ==\nProject [a#1]\n+- ColumnarToRow\n   +- PhotonResultStage\n      +- PhotonScan parquet db.t[a#1]\n';

// One case per dollar measure: Photon's premium, Comet's and RAPIDS' (GPU) spend off the engine.
const CASES = [
  { name: 'photon premium', plan: PHOTON_PLAN, request: { cluster: { node_type: 'i3.xlarge', workers: 7, runtime_seconds: 5400, runs_per_day: 3 } },
    measure: 'photon_premium' },
  { name: 'comet spend off the engine', plan: goldenPlan('comet/python_udf.tree.txt'),
    request: { cluster: { node_type: 'm5d.2xlarge', workers: 12, runtime_seconds: 2700, runs_per_day: 24 } }, measure: 'off_engine_spend' },
  { name: 'rapids on GPU instances, Databricks', plan: goldenPlan('spark/filter_agg.tree.txt'),
    request: { engine: 'rapids', cluster: { node_type: 'g4dn.4xlarge', workers: 3, runtime_seconds: 1200, billing: 'databricks' } },
    measure: 'off_engine_spend', gpu: true },
];

test('the labels module keeps no copy of the core\'s words', async () => {
  const vocabulary = vocabularyOf(await loadClusop(wasmDir));
  const source = fs.readFileSync(path.join(repo, 'web/site/js/labels.js'), 'utf8');
  for (const [table, words] of Object.entries(vocabulary)) {
    if (table === 'schema') continue;
    for (const text of Object.values(words)) {
      if (text.length < 8) continue; // short badges ("JVM") may appear in comments
      assert.ok(!source.includes(text), `labels.js copies the core's ${table} words "${text}"`);
    }
  }
});

test('the assembled site ships the core\'s vocabulary', { skip: !fs.existsSync(path.join(siteDir, 'data/vocabulary.js')) }, async () => {
  const { default: shipped } = await import(path.join(siteDir, 'data/vocabulary.js'));
  assert.deepEqual(shipped, vocabularyOf(await loadClusop(wasmDir)));
});

test('summary and Markdown print the core\'s share and dollar strings, measure and formula', async () => {
  const core = await loadClusop(wasmDir);
  setVocabulary(vocabularyOf(core));
  for (const c of CASES) {
    const a = JSON.parse(core.analyze(JSON.stringify({ plan: c.plan, ...c.request, markdown: true })));
    assert.equal(a.waste.measure, c.measure, c.name);
    assert.ok(a.waste.usd_text, `${c.name}: priced (${a.waste.missing})`);
    assert.ok(a.waste.formula.endsWith(`= ${a.waste.usd_text}`) || a.waste.formula.includes(`= ${a.waste.usd_text};`), `${c.name}: ${a.waste.formula}`);
    if (c.gpu) assert.ok(a.waste.gpu_premium.usd_text && a.waste.formula.includes(a.waste.gpu_premium.usd_text), c.name);
    // the one figure the page still formats (the watch and serve views' dollars) follows the core's rule
    assert.equal(formatUsd(a.waste.usd), a.waste.usd_text, c.name);
    const md = analysisMarkdown(a); // the core's own Markdown
    assert.ok(md.includes(`| ${a.waste.measure_text} per run | ${a.waste.usd_text} (modeled, not billed) |`), `${c.name}:\n${md}`);
    assert.ok(md.includes(`| Fallback weight | ${a.fallback_weight_text} of the plan's work`), c.name);
    assert.ok(md.includes(a.waste.formula.replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`)), c.name);
    assert.ok(md.includes(label('verdict', a.verdict.kind)), c.name);
    for (const fb of a.fallbacks) assert.ok(md.includes(`weight ${fb.weight_text}`), c.name);
  }
});
