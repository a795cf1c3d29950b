// The site's pure modules in Node: share links, settings -> request, plan text helpers,
// labels, and the call into the WebAssembly core (the Markdown export: markdown_export.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadClusop } from '../../wasm/load_clusop.mjs';
import { analyzer, planRequestBytes, vocabularyOf } from '../site/js/corecall.js';
import { formatUsd, notPricedReason, setVocabulary, shown } from '../site/js/labels.js';
import { detailText, nodeLine, nodeText, pickPlanText, rowLabel, utf16Spans } from '../site/js/plantext.js';
import { DEFAULTS, requestOptions, sanitizeSettings } from '../site/js/settings.js';
import { decodeShare, encodeShare, fromBase64Url, shareFromHash, shareUrl, toBase64Url } from '../site/js/share.js';
import { buildModel } from '../site/js/tree.js';
import { goldenPlan, repo, siteDir } from './support.mjs';

const wasmDir = fs.existsSync(path.join(siteDir, 'wasm/clusop.wasm')) ? path.join(siteDir, 'wasm') : path.join(repo, 'build/wasm/wasm');

test('share links round-trip plan and settings, any text, and reject damage', async () => {
  const settings = { ...DEFAULTS, photon: 'on', node_type: 'i3.xlarge', workers: '4' };
  for (const plan of ['', goldenPlan('comet/python_udf.tree.txt'), 'größe € 😀 <img src=x>\n\u2028', 'x'.repeat(300000)]) {
    const encoded = await encodeShare(plan, settings);
    assert.match(encoded, /^[A-Za-z0-9_-]*$/);
    assert.deepEqual(await decodeShare(encoded), { plan, settings });
  }
  const long = goldenPlan('comet/python_udf.tree.txt').repeat(50);
  assert.ok((await encodeShare(long, settings)).length < long.length / 4, 'deflate-raw compresses repeated plan text');
  const good = await encodeShare('plan', settings);
  await assert.rejects(decodeShare(good.slice(0, good.length - 5)), /damaged|cut short|version/);
  await assert.rejects(decodeShare('!!!'), /damaged/);
  assert.equal(shareFromHash(`#s=${good}`), good);
  assert.equal(shareFromHash('#other'), null);
  assert.equal(shareUrl({ origin: 'http://127.0.0.1:8080', pathname: '/' }, 'abc'), 'http://127.0.0.1:8080/#s=abc');
  const bytes = new Uint8Array(256).map((_, i) => i);
  assert.deepEqual(fromBase64Url(toBase64Url(bytes)), bytes);
});

test('settings become the request: engine, photon_enabled, cluster', () => {
  assert.deepEqual(requestOptions(DEFAULTS), { cluster: { cloud: 'aws', sku: 'jobs', tier: 'premium' } });
  assert.deepEqual(requestOptions({ ...DEFAULTS, engine: 'comet', photon: 'off', node_type: 'i3.xlarge', driver_node_type: 'r5d.large', workers: '8', runtime_minutes: '2.5', runs_per_day: '24' }), {
    engine: 'comet',
    photon_enabled: false,
    cluster: { cloud: 'aws', sku: 'jobs', tier: 'premium', node_type: 'i3.xlarge', driver_node_type: 'r5d.large', workers: 8, runtime_seconds: 150, runs_per_day: 24 },
  });
  assert.equal(requestOptions({ ...DEFAULTS, photon: 'on' }).photon_enabled, true);
  // a shared link's settings are untrusted: unknown keys and odd values are dropped
  const s = sanitizeSettings({ engine: 'evil', photon: 'maybe', workers: 'abc', runtime_minutes: 5, cloud: 'gcp', extra: '<script>', node_type: 'x'.repeat(500) });
  assert.equal(s.engine, 'auto');
  assert.equal(s.photon, 'auto');
  assert.equal(s.workers, '');
  assert.equal(s.runtime_minutes, '5');
  assert.equal(s.cloud, 'gcp');
  assert.equal(s.node_type, '');
  assert.equal('extra' in s, false);
});

test('node text as the core parsed it: row lines, formatted details, event-log simpleStrings, UTF-16 spans', async () => {
  const core = await loadClusop(wasmDir);
  const analyse = (plan) => JSON.parse(core.analyze(JSON.stringify({ plan })));
  // a tree plan: each row's line is the core's text_span, found in the node's own input line
  const tree = goldenPlan('comet/python_udf.tree.txt');
  let a = analyse(tree);
  let spans = utf16Spans(tree, a.nodes);
  a.nodes.forEach((n, i) => {
    assert.ok(Array.isArray(n.text_span), `node ${i} has a text_span`);
    const line = nodeLine(tree, spans, i, n);
    assert.ok(nodeText(tree, spans, i).includes(line), `node ${i}'s line is inside its text`);
    assert.ok(line.includes(n.name.split(' ')[0]) || n.role === 'wrapper', `node ${i}'s line names it`);
    assert.doesNotMatch(line, /^[\s:|+-]/, 'no tree glyphs');
  });
  assert.ok(rowLabel(`Project [${'c, '.repeat(200)}]`, 'Project').endsWith('…'));
  assert.equal(rowLabel('', 'Project'), 'Project');

  // a formatted plan: the details block of each node with an explain id starts with "(id) "
  const formatted = goldenPlan('spark/scalar_subquery.formatted.txt');
  a = analyse(formatted);
  spans = utf16Spans(formatted, a.nodes);
  const withDetails = a.nodes.map((n, i) => [n, i]).filter(([n]) => n.explain_id !== undefined);
  assert.ok(withDetails.length > 3);
  for (const [n, i] of withDetails) {
    const d = detailText(formatted, spans, i);
    assert.ok(d && d.startsWith(`(${n.explain_id}) `), `details of (${n.explain_id})`);
  }
  assert.equal(detailText(formatted, spans, a.nodes.findIndex((n) => n.explain_id === undefined)), null);

  // an event-log line: the rows show each node's simpleString, as JSON reads it
  const event = goldenPlan('comet/python_udf.event.json').trim();
  const simple = [];
  const walk = (info) => { simple.push(info.simpleString); for (const c of info.children || []) walk(c); };
  walk(JSON.parse(event).sparkPlanInfo);
  a = analyse(event);
  spans = utf16Spans(event, a.nodes);
  const lines = a.nodes.map((n, i) => nodeLine(event, spans, i, n));
  assert.deepEqual([...lines].sort(), [...simple].sort());

  const log = ['{"Event":"SparkListenerLogStart","Spark Version":"3.5.9"}', event, '{"Event":"SparkListenerJobEnd","Job ID":3}'].join('\n');
  const picked = pickPlanText(log);
  assert.equal(picked.text, event);
  assert.match(picked.note, /line 2/);
  assert.deepEqual(pickPlanText('== Physical Plan ==\n+- x'), { text: '== Physical Plan ==\n+- x', note: '' });

  const plan = 'ab€😀c\né';
  const enc = Buffer.from(plan);
  const nodes = [[0, 2], [2, 5], [5, 9], [9, 10], [11, 13], [0, enc.length]].map((span) => ({ span, text_span: span }));
  const converted = utf16Spans(plan, nodes);
  nodes.forEach((n, i) => {
    assert.equal(nodeText(plan, converted, i), enc.subarray(...n.span).toString());
    assert.equal(nodeLine(plan, converted, i, n), enc.subarray(...n.span).toString());
  });
});

test('labels: missing inputs in the words of the core, and a figure the core did not write', async () => {
  setVocabulary(vocabularyOf(await loadClusop(wasmDir)));
  assert.equal(shown('$0.24 per run (modeled)'), '$0.24 per run (modeled)');
  assert.equal(shown(null), '–');
  assert.equal(shown(undefined), '–');
  assert.equal(formatUsd(0.2375), '$0.24');
  assert.equal(formatUsd(0.004), '$0.0040');
  assert.equal(formatUsd(1234.5), '$1,234.50');
  assert.equal(notPricedReason({ missing: ['node_type', 'workers'], note: null }), 'no worker node type, no worker count');
  assert.match(notPricedReason({ missing: ['native_engine'], note: 'vanilla Spark: no native engine' }), /^vanilla Spark/);
  assert.match(notPricedReason({ missing: ['vm_usd_per_hour for aws/x9 (not in the price table)'], note: null }), /^no VM price for this node type \(for aws\/x9/);
});

test('the site calls the core with UTF-8 bytes and gets the same answer as analyze(string)', async () => {
  const core = await loadClusop(wasmDir);
  const call = analyzer(core);
  assert.ok(['c_entry', 'embind'].includes(call.path));
  const dir = path.join(repo, 'tests/golden/plans');
  const files = fs.readdirSync(dir, { recursive: true }).filter((f) => /\.(txt|json)$/.test(f));
  assert.ok(files.length >= 20);
  for (const f of files) {
    const request = JSON.stringify({ plan: fs.readFileSync(path.join(dir, f), 'utf8'), cluster: { node_type: 'i3.xlarge', workers: 2, runtime_seconds: 60 } });
    assert.equal(call(request), core.analyze(request), f);
  }
  const unicode = JSON.stringify({ plan: goldenPlan('comet/python_udf.tree.txt').replace('gross', 'größe_😀') });
  assert.equal(call(unicode), core.analyze(unicode));
  assert.equal(call('{"plan": ""}'), core.analyze('{"plan": ""}'));
});

test('a file\'s bytes reach the core as they are: the same answer as its text, and the core judges bytes that are not UTF-8', async () => {
  const core = await loadClusop(wasmDir);
  const call = analyzer(core);
  const options = { photon_enabled: true, cluster: { node_type: 'i3.xlarge', workers: 2, runtime_seconds: 60 } };
  const dir = path.join(repo, 'tests/golden/plans');
  for (const f of fs.readdirSync(dir, { recursive: true }).filter((x) => /\.(txt|json)$/.test(x))) {
    const bytes = fs.readFileSync(path.join(dir, f));
    assert.equal(call.bytes(planRequestBytes(bytes, options)), core.analyze(JSON.stringify({ plan: bytes.toString('utf8'), ...options })), f);
  }
  // quotes, backslashes, tabs, CR and other control bytes, non-ASCII text
  const odd = Buffer.from('== Physical Plan ==\n*(1) Project [a#1 AS "q\\\\x"\t\u0001größe#2]\r\n+- *(1) Range (0, 10, step=1, splits=2)\n');
  assert.equal(call.bytes(planRequestBytes(odd, {})), core.analyze(JSON.stringify({ plan: odd.toString('utf8') })));
  // not UTF-8: nothing decoded on the way, the core says what it is
  const latin1 = Buffer.concat([Buffer.from('== Physical Plan ==\n*(1) Project [gr'), Buffer.from([0xf6, 0xdf]), Buffer.from('e#1]\n')]);
  const answer = JSON.parse(call.bytes(planRequestBytes(latin1, {})));
  assert.ok(answer.error, 'an error for bytes that are not UTF-8');
  assert.match(answer.error.message, /UTF-8/);
});
