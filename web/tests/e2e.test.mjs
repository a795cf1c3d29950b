// End-to-end: the assembled site (build/web) served by web/tools/serve.mjs on a random port,
// driven in Debian's headless Chromium. Screenshots of each state go to
// build/web-test-artifacts/. Expected answers come from the same WebAssembly core, in Node.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadClusop } from '../../wasm/load_clusop.mjs';
import { glueNeedsEval, serve } from '../tools/serve.mjs';
import {
  artifactsDir, currentSeq, goldenPlan, launchChromium, openSite, pastePlan, screenshot, siteDir, startServer, waitForAnalysis,
} from './support.mjs';

const DEFAULT_CLUSTER = { cloud: 'aws', sku: 'jobs', tier: 'premium' };

let server;
let url;
let browser;
let core;

function analyse(request) {
  return JSON.parse(core.analyze(JSON.stringify(request)));
}

function fallbackIndexes(analysis) {
  const index = new Map(analysis.nodes.map((n, i) => [n.id, i]));
  const out = new Set();
  for (const fb of analysis.fallbacks) for (const id of fb.nodes) out.add(index.get(id));
  return [...out].sort((a, b) => a - b);
}

async function shownFallbackIndexes(page) {
  return page.$$eval('.node[data-testid="fallback-node"]', (els) => els.map((e) => Number(e.id.slice(5))).sort((a, b) => a - b));
}

async function text(page, testid) {
  return (await page.locator(`[data-testid="${testid}"]`).first().textContent()).trim();
}

before(async () => {
  ({ server, url } = await startServer());
  browser = await launchChromium();
  core = await loadClusop(path.join(siteDir, 'wasm'));
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

describe('the paste-a-plan site', () => {
  test('a fallback plan: verdict, highlighted fallback nodes, the engine reason, node details', async () => {
    const { context, page, problems } = await openSite(browser, url);
    await screenshot(page, '01-empty');
    const plan = goldenPlan('comet/python_udf.tree.txt');
    await pastePlan(page, plan);
    const expected = analyse({ plan, cluster: DEFAULT_CLUSTER });
    assert.equal(expected.verdict.kind, 'fix_fallback');
    assert.equal(await text(page, 'verdict'), 'fix_fallback');
    assert.match(await text(page, 'verdict-label'), /\w/);
    assert.deepEqual(await shownFallbackIndexes(page), fallbackIndexes(expected));
    assert.ok((await page.locator('[data-testid="fallback-node"]').count()) > 0);
    assert.match(await text(page, 'cause'), /python_udf/);
    assert.equal(await text(page, 'recommendation'), expected.recommendation);
    for (const leg of ['parse', 'diagnosis', 'cost', 'recommendation']) {
      assert.equal(await text(page, `confidence-${leg}`), expected.confidence[leg]);
    }
    // Comet's figure is the spend off the engine, which needs the cluster: with none set, an
    // honest "not priced" naming what is missing (the core's words)
    assert.deepEqual(expected.waste.missing.slice(0, 2), ['driver_node_type', 'node_type']);
    assert.match(await text(page, 'waste-usd'), /^not priced: no driver node type, no worker node type/);
    // money is labelled modeled
    const moneyLabels = await page.$$eval('.facts dt', (dts) => dts.filter((d) => /Waste/.test(d.textContent)).map((d) => d.textContent));
    assert.equal(moneyLabels.length, 2);
    for (const l of moneyLabels) assert.match(l, /modeled/i);
    assert.doesNotMatch(await page.locator('.facts').textContent(), /\bbilled\b(?! at a multiplier)/i);

    // the key node carries the cause (no engine reason in a tree plan); roles have text badges
    const key = page.locator('.node.key');
    assert.equal(await key.count(), 1);
    assert.match(await key.locator(':scope > .reason').textContent(), /Python UDF/);
    assert.equal(await page.locator('.node.role-native .badge.role-native').first().textContent(), 'NATIVE');
    assert.equal(await page.locator('.node.role-transition_to_rows > .line .badge').first().textContent(), 'TO ROWS');

    // click a node: its full text (the input at span) and its role
    const scan = expected.nodes.findIndex((n) => n.role === 'native');
    await page.locator(`#node-${scan} > .line`).click();
    const [b, e] = expected.nodes[scan].span;
    assert.equal(await page.locator('[data-testid="details-text"]').textContent(), Buffer.from(plan).subarray(b, e).toString());
    assert.match(await text(page, 'details-role'), /native/);
    await screenshot(page, '02-fallback-comet-python-udf');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the engine's own reason is shown on the key node", async () => {
    const { context, page, problems } = await openSite(browser, url);
    const plan = goldenPlan('comet/regexp.comet_extended.txt');
    await pastePlan(page, plan);
    const expected = analyse({ plan, cluster: DEFAULT_CLUSTER });
    const reason = expected.fallbacks[0].reason;
    assert.ok(reason, 'this golden plan carries a [COMET: ...] reason');
    const keyIndex = expected.nodes.findIndex((n) => n.id === expected.fallbacks[0].key_node);
    assert.equal(await page.locator(`#node-${keyIndex} > .reason`).textContent(), `Comet says: ${reason}`);
    assert.deepEqual(await shownFallbackIndexes(page), fallbackIndexes(expected));
    await screenshot(page, '03-fallback-reason-regexp');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the engine's remedy is a line to copy, and its own count is beside ours", async () => {
    const { context, page, problems } = await openSite(browser, url);
    const plan = goldenPlan('comet/regexp.comet_extended.txt');
    await pastePlan(page, plan);
    const expected = analyse({ plan, cluster: DEFAULT_CLUSTER });
    const remedy = expected.fallbacks[0].remedy;
    assert.ok(remedy, 'the core names a remedy for this plan');
    const shown = page.locator('[data-testid="fallback-remedy"]');
    assert.equal(await shown.count(), 1);
    assert.equal((await shown.locator('[data-testid="remedy-conf"]').textContent()).trim(), remedy.conf);
    assert.ok((await shown.textContent()).includes(remedy.source_text), 'where the line comes from, in the core\'s words');
    assert.ok(await shown.isVisible());
    const report = expected.engine_evidence.report;
    assert.equal((await page.locator('[data-testid="engine-count"]').first().textContent()).trim(), report.count_text);
    assert.equal(await page.locator('[data-testid="engine-report-entry"]').count(), report.entries.length);
    await screenshot(page, '03b-remedy');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a dollar figure: vanilla plan, Photon on, i3.xlarge workers and a runtime set in the panel', async () => {
    const { context, page, problems } = await openSite(browser, url);
    await page.locator('label[for="photon-on"]').click();
    await page.selectOption('[data-testid="node-type"]', 'i3.xlarge');
    await page.fill('[data-testid="workers"]', '4');
    await page.fill('[data-testid="runtime-minutes"]', '10');
    await page.fill('[data-testid="runs-per-day"]', '24');
    const plan = goldenPlan('spark/python_udf.tree.txt');
    await pastePlan(page, plan);
    const expected = analyse({ plan, photon_enabled: true, cluster: { ...DEFAULT_CLUSTER, node_type: 'i3.xlarge', workers: 4, runtime_seconds: 600, runs_per_day: 24 } });
    assert.ok(expected.waste.usd > 0);
    assert.equal(await text(page, 'verdict'), expected.verdict.kind);
    const perRun = await text(page, 'waste-usd');
    assert.match(perRun, /^\$\d+\.\d{2,4} per run$/);
    assert.equal(perRun, `${expected.waste.usd_text} per run`);
    assert.match(await text(page, 'waste-month'), new RegExp(`^\\${expected.waste.usd_per_month_text} per month`));
    assert.equal(await text(page, 'confidence-cost'), expected.confidence.cost);
    await screenshot(page, '04-priced-photon-i3');

    // a panel change re-runs the analysis with the new cluster
    const seq = await currentSeq(page);
    await page.fill('[data-testid="workers"]', '9');
    await waitForAnalysis(page, seq);
    const nine = analyse({ plan, photon_enabled: true, cluster: { ...DEFAULT_CLUSTER, node_type: 'i3.xlarge', workers: 9, runtime_seconds: 600, runs_per_day: 24 } });
    assert.equal(await text(page, 'waste-usd'), `${nine.waste.usd_text} per run`);

    // the settings are remembered across a reload
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.inputValue('[data-testid="node-type"]'), 'i3.xlarge');
    assert.equal(await page.inputValue('[data-testid="workers"]'), '9');
    assert.equal(await page.inputValue('[data-testid="runtime-minutes"]'), '10');
    assert.equal(await page.isChecked('[data-testid="photon-on"]'), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a clean plan: verdict none and no fallback node', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const plan = goldenPlan('comet/scan_filter_agg.tree.txt');
    await pastePlan(page, plan);
    assert.equal(await text(page, 'verdict'), 'none');
    assert.equal(await page.locator('[data-testid="fallback-node"]').count(), 0);
    assert.equal(await page.locator('.node.key').count(), 0);
    assert.ok((await page.locator('#tree [role="treeitem"]').count()) > 0);
    await screenshot(page, '05-clean-comet');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("an example's Photon setting stays with the example: the next pasted plan gets the user's own", async () => {
    const { context, page, problems } = await openSite(browser, url);
    assert.equal(await page.isChecked('[data-testid="photon-auto"]'), true);
    let seq = await currentSeq(page);
    await page.selectOption('[data-testid="example-select"]', 'spark-python-udf-photon');
    await waitForAnalysis(page, seq);
    assert.equal(await page.isChecked('[data-testid="photon-on"]'), true, 'the example sets Photon on');
    const plan = goldenPlan('spark/sort_merge_join.tree.txt');
    await pastePlan(page, plan);
    assert.equal(await page.isChecked('[data-testid="photon-auto"]'), true, "the user's setting is back");
    assert.equal(await text(page, 'verdict'), analyse({ plan, cluster: DEFAULT_CLUSTER }).verdict.kind);
    assert.notEqual(await text(page, 'verdict'), 'disable_photon');
    const saved = await page.evaluate(() => JSON.stringify(localStorage));
    assert.doesNotMatch(saved, /"photon":"on"/, 'the example never saved Photon on as the user\'s setting');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('bad input shows the core error message verbatim', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const junk = 'hello, this is not a Spark plan\njust some text';
    await pastePlan(page, junk);
    const expected = analyse({ plan: junk, cluster: DEFAULT_CLUSTER });
    assert.ok(expected.error);
    assert.equal(await page.locator('[data-testid="error"]').isVisible(), true);
    assert.equal(await page.locator('[data-testid="error-message"]').textContent(), expected.error.message);
    assert.equal(await text(page, 'error-code'), expected.error.code);
    assert.equal(await page.locator('[data-testid="summary"]').isVisible(), false);
    await screenshot(page, '06-bad-input');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('plan text is text: markup in a plan shows literally and runs nothing', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    const evil = [
      '== Physical Plan ==',
      '*(1) Project [a#1 AS <img src=x onerror=alert(1)>#2, b#3]',
      '+- *(1) Filter (isnotnull(b#3) AND (b#3 = </script><script>alert(2)</script>))',
      '   +- *(1) ColumnarToRow',
      '      +- FileScan parquet [a#1,b#3] Batched: true, Format: Parquet, Location: InMemoryFileIndex(1 paths)[file:/tmp/<svg onload=alert(3)>], ReadSchema: struct<a:int,b:string>',
      '',
    ].join('\n');
    await pastePlan(page, evil);
    assert.equal(await text(page, 'verdict'), analyse({ plan: evil, cluster: DEFAULT_CLUSTER }).verdict.kind);
    const treeText = await page.locator('#tree').textContent();
    assert.ok(treeText.includes('<img src=x onerror=alert(1)>'), 'the img markup shows as text');
    assert.ok(treeText.includes('</script><script>alert(2)</script>'), 'the script markup shows as text');
    await page.locator('#node-0 > .line').click();
    assert.ok((await page.locator('[data-testid="details-text"]').textContent()).includes('<img src=x onerror=alert(1)>'));
    await expectVisibleText(page, '<img src=x onerror=alert(1)>');
    assert.equal(await page.evaluate(() => document.querySelectorAll('img, svg, script:not([src])').length), 0);
    assert.equal(await page.evaluate(() => document.querySelectorAll('#tree script, #tree img').length), 0);
    // two rendered frames after the tree is drawn: any handler the markup could carry has had its turn
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    assert.deepEqual(dialogs, []);
    await screenshot(page, '07-xss-as-text');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('non-ASCII plans: node text is cut at the right characters', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const plan = goldenPlan('comet/python_udf.tree.txt').replace('AS gross#67', 'AS größe_€_😀#67');
    await pastePlan(page, plan);
    const expected = analyse({ plan, cluster: DEFAULT_CLUSTER });
    for (const i of [0, 1, expected.nodes.length - 1]) {
      await page.locator(`#node-${i} > .line`).click();
      const [b, e] = expected.nodes[i].span;
      assert.equal(await page.locator('[data-testid="details-text"]').textContent(), Buffer.from(plan).subarray(b, e).toString());
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('share link round trip, exports, and no network request after load', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const requests = [];
    const record = (req) => requests.push(req.url());
    context.on('request', record);
    page.on('request', record);

    // paste + analysis + a settings change + an example + node details + share + export
    await page.selectOption('[data-testid="node-type"]', 'i3.xlarge');
    await page.fill('[data-testid="workers"]', '4');
    await page.fill('[data-testid="runtime-minutes"]', '10');
    await page.locator('label[for="photon-on"]').click();
    let seq = await currentSeq(page);
    await page.selectOption('[data-testid="example-select"]', 'comet-regexp');
    await waitForAnalysis(page, seq);
    assert.equal(await text(page, 'verdict'), 'fix_fallback');
    const plan = goldenPlan('comet/python_udf.tree.txt');
    await pastePlan(page, plan);
    await page.locator('.node.key > .line').click();
    const summary = await page.locator('[data-testid="summary"] .facts').textContent();
    const fallbackNodes = await shownFallbackIndexes(page);

    await page.click('[data-testid="share"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="share-url"]').value !== '');
    const shareUrl = await page.inputValue('[data-testid="share-url"]');
    assert.ok(shareUrl.startsWith(url), shareUrl);
    assert.match(shareUrl, /#s=[A-Za-z0-9_-]+$/);
    assert.ok(!shareUrl.includes('BatchEvalPython'), 'the plan is compressed, not in clear');

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
    const exported = JSON.parse(fs.readFileSync(await jsonDownload.path(), 'utf8'));
    assert.deepEqual(exported, analyse({ plan, photon_enabled: true, cluster: { ...DEFAULT_CLUSTER, node_type: 'i3.xlarge', workers: 4, runtime_seconds: 600 } }));
    const [mdDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-md"]')]);
    const md = fs.readFileSync(await mdDownload.path(), 'utf8');
    // the core's own Markdown, byte for byte
    assert.equal(md, analyse({ plan, photon_enabled: true, cluster: { ...DEFAULT_CLUSTER, node_type: 'i3.xlarge', workers: 4, runtime_seconds: 600 }, markdown: true }).markdown);
    assert.match(md, /`fix_fallback`/);
    assert.match(md, /BatchEvalPython/);
    assert.match(mdDownload.suggestedFilename(), /\.md$/);
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.copyFileSync(await mdDownload.path(), path.join(artifactsDir, 'export.md'));
    await screenshot(page, '08-share-and-export');

    const outside = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(outside, [], 'no network request after the page was ready');
    context.off('request', record);

    // the link, opened in a fresh page (its own storage), shows the same analysis
    const other = await browser.newContext({ viewport: { width: 1400, height: 1600 } });
    const page2 = await other.newPage();
    const problems2 = [];
    page2.on('console', (m) => m.type() === 'error' && problems2.push(m.text()));
    await page2.goto(shareUrl);
    await page2.waitForSelector('html[data-ready="true"]');
    await waitForAnalysis(page2, 0);
    assert.equal(await page2.inputValue('[data-testid="plan-input"]'), plan);
    assert.equal(await text(page2, 'verdict'), 'fix_fallback');
    assert.equal(await page2.locator('[data-testid="summary"] .facts').textContent(), summary);
    assert.deepEqual(await shownFallbackIndexes(page2), fallbackNodes);
    assert.equal(await page2.inputValue('[data-testid="node-type"]'), 'i3.xlarge');
    assert.equal(await page2.isChecked('[data-testid="photon-on"]'), true);
    // a shared link's settings are not written into the recipient's remembered settings
    assert.equal(await page2.evaluate(() => localStorage.getItem('clusop.settings/1')), null);
    await screenshot(page2, '09-opened-share-link');
    assert.deepEqual(problems2, []);
    await other.close();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('every example analyses as the core says', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const { default: examples } = await import(path.join(siteDir, 'data/examples.js'));
    assert.ok(examples.length >= 6 && examples.length <= 10);
    for (const ex of examples) {
      const seq = await currentSeq(page);
      await page.selectOption('[data-testid="example-select"]', ex.id);
      await waitForAnalysis(page, seq);
      const request = { plan: ex.plan, cluster: DEFAULT_CLUSTER };
      if (await page.isChecked('[data-testid="photon-on"]')) request.photon_enabled = true;
      if (await page.isChecked('[data-testid="photon-off"]')) request.photon_enabled = false;
      if (ex.photon) assert.equal(await page.isChecked(`[data-testid="photon-${ex.photon}"]`), true);
      const expected = analyse(request);
      assert.equal(await text(page, 'verdict'), expected.verdict.kind, ex.id);
      assert.deepEqual(await shownFallbackIndexes(page), fallbackIndexes(expected), ex.id);
      assert.equal(await page.inputValue('[data-testid="plan-input"]'), ex.plan);
    }
    const kinds = new Set();
    for (const ex of examples) kinds.add(analyse({ plan: ex.plan, cluster: DEFAULT_CLUSTER, ...(ex.photon === 'on' ? { photon_enabled: true } : {}) }).verdict.kind);
    assert.ok(kinds.has('none') && kinds.has('fix_fallback'), 'the examples include clean plans and fallbacks');
    await screenshot(page, '10-last-example');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('keyboard: tab order, focus, tree keys', async () => {
    const { context, page, problems } = await openSite(browser, url);
    // the first Tab stops are the skip link, then the examples, the file and folder buttons, the plan box
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'example-select');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'open-file');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'open-folder');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'plan-input');

    await pastePlan(page, goldenPlan('comet/python_udf.tree.txt'));
    // the tree tools, then find, then the tree: one tab stop
    await page.focus('#collapse-all');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tree-search');
    await page.focus('#search-next');
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => ({ id: document.activeElement.id, role: document.activeElement.getAttribute('role'), expanded: document.activeElement.getAttribute('aria-expanded') }));
    assert.deepEqual(await focused(), { id: 'node-0', role: 'treeitem', expanded: 'true' });
    await page.keyboard.press('Space');
    assert.equal((await focused()).expanded, 'false');
    assert.equal(await page.locator('#node-1').isVisible(), false);
    await page.keyboard.press('Space');
    assert.equal((await focused()).expanded, 'true');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).id, 'node-1');
    await page.keyboard.press('Enter');
    assert.equal(await text(page, 'details-name'), 'BatchEvalPython');
    await page.keyboard.press('ArrowLeft');
    assert.equal((await focused()).expanded, 'false');
    await page.keyboard.press('ArrowLeft');
    assert.equal((await focused()).id, 'node-0');
    // the focus ring is visible on the focused row
    const outline = await page.evaluate(() => getComputedStyle(document.querySelector('#node-0 > .line')).outlineStyle);
    assert.equal(outline, 'solid');
    await screenshot(page, '11-keyboard-focus');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a file: opened, or dropped; a whole event log is scanned, its SQL execution opens its plan', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const event = goldenPlan('comet/python_udf.event.json').trim();
    const log = ['{"Event":"SparkListenerLogStart","Spark Version":"3.5.9"}', event, '{"Event":"SparkListenerJobEnd","Job ID":3}', ''].join('\n');
    const scanned = await page.evaluate(() => Number(document.getElementById('app-panel').dataset.seq || 0));
    await page.setInputFiles('#file-input', { name: 'eventlog', mimeType: 'text/plain', buffer: Buffer.from(log) });
    await page.waitForFunction((n) => Number(document.getElementById('app-panel').dataset.seq || 0) > n, scanned, { timeout: 30000 });
    // the core, not the page, chose: three event lines are a log to scan, not a plan to paste
    assert.equal(await page.inputValue('[data-testid="plan-input"]'), '');
    assert.equal(await page.locator('[data-testid="sql-execution"]').count(), 1);
    let seq = await currentSeq(page);
    await page.locator('[data-testid="open-plan"]').first().click();
    await waitForAnalysis(page, seq);
    const expected = analyse({ plan: event, cluster: DEFAULT_CLUSTER });
    assert.equal(await text(page, 'verdict'), expected.verdict.kind);
    assert.deepEqual(await shownFallbackIndexes(page), fallbackIndexes(expected));

    seq = await currentSeq(page);
    const plan = goldenPlan('comet/scan_filter_agg.tree.txt');
    const dataTransfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'plan.txt', { type: 'text/plain' }));
      return dt;
    }, plan);
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
    await waitForAnalysis(page, seq);
    // a file goes to the core as bytes, never through the plan box
    assert.equal(await page.inputValue('[data-testid="plan-input"]'), '');
    assert.match(await text(page, 'input-info'), /^plan\.txt .*read as bytes/);
    assert.equal(await text(page, 'verdict'), 'none');
    const dropped = analyse({ plan, cluster: DEFAULT_CLUSTER });
    assert.equal(await page.locator('#node-0 .text').textContent(), Buffer.from(plan).subarray(...dropped.nodes[0].text_span).toString());
    await screenshot(page, '13-file-dropped');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a large plan stays responsive: drawn in slices, no long freeze', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const branches = 6000;
    const plan = syntheticUnion(branches);
    const before = await currentSeq(page);
    const longest = await page.evaluate(async (t) => {
      const longs = [];
      const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) longs.push(e.duration); });
      obs.observe({ type: 'longtask' });
      const box = document.querySelector('[data-testid="plan-input"]');
      const done = new Promise((resolve) => document.addEventListener('clusop:rendered', resolve, { once: true }));
      box.value = t;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      await done;
      await new Promise((r) => setTimeout(r, 100));
      obs.disconnect();
      return Math.max(0, ...longs);
    }, plan);
    await waitForAnalysis(page, before);
    const expected = analyse({ plan, cluster: DEFAULT_CLUSTER });
    assert.equal(expected.nodes.length, 4 * branches + 1);
    const rows = await page.locator('#tree [role="treeitem"]').count();
    assert.equal(rows, 3 * branches + 1, 'every node drawn (ColumnarToRow wrappers as chips)');
    // the longest main-thread task is recorded, not asserted: a loaded machine stretches every
    // task, and a test must not fail because the machine is busy
    console.log(`# 6,000-branch plan: longest main-thread task ${longest.toFixed(0)} ms`);
    await page.locator('#collapse-all').click();
    assert.equal(await page.locator('#tree [role="treeitem"]:not([hidden])').count(), 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the worker runs under the same CSP when the wasm glue allows it', async (t) => {
    if (glueNeedsEval(siteDir)) {
      return t.skip('wasm/clusop.mjs builds functions from strings (embind without -sDYNAMIC_EXECUTION=0): only the page has the CSP, not the worker');
    }
    const { server: strict, url: strictUrl } = await serve({ root: siteDir, port: 0, scriptCsp: true });
    try {
      const { context, page, problems } = await openSite(browser, strictUrl);
      const plan = goldenPlan('comet/python_udf.tree.txt');
      await pastePlan(page, plan);
      assert.equal(await text(page, 'verdict'), 'fix_fallback');
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      strict.close();
    }
  });

  test('node rows and details show what the core parsed: text spans, formatted details, event-log simpleStrings', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const formatted = goldenPlan('spark/scalar_subquery.formatted.txt');
    await pastePlan(page, formatted);
    let expected = analyse({ plan: formatted, cluster: DEFAULT_CLUSTER });
    const bytes = Buffer.from(formatted);
    const rows = await page.$$eval('#tree [role="treeitem"]', (els) => els.map((e) => [Number(e.id.slice(5)), e.querySelector(':scope > .line > .text').textContent]));
    assert.ok(rows.length > 3);
    for (const [i, shown] of rows) assert.equal(shown, bytes.subarray(...expected.nodes[i].text_span).toString(), `row ${i}`);
    const withDetail = expected.nodes.findIndex((n, i) => n.detail_span && rows.some(([r]) => r === i));
    assert.ok(withDetail >= 0, 'a drawn node with a details block');
    await page.locator(`#node-${withDetail} > .line`).click();
    assert.equal(await page.locator('[data-testid="details-extra"]').textContent(), bytes.subarray(...expected.nodes[withDetail].detail_span).toString());

    const event = goldenPlan('comet/python_udf.event.json').trim();
    await pastePlan(page, event);
    expected = analyse({ plan: event, cluster: DEFAULT_CLUSTER });
    const simple = [];
    const walk = (info) => { simple.push(info.simpleString); for (const c of info.children || []) walk(c); };
    walk(JSON.parse(event).sparkPlanInfo);
    await page.locator('[data-testid="show-wrappers"]').check();
    await page.waitForFunction((n) => document.querySelectorAll('#tree [role="treeitem"]').length === n, expected.nodes.length);
    const shown = await page.$$eval('#tree [role="treeitem"] > .line > .text', (els) => els.map((e) => e.textContent));
    assert.deepEqual(shown.sort(), simple.map((t) => (t.length > 240 ? `${t.slice(0, 240)}…` : t)).sort());
    await page.locator('[data-testid="show-wrappers"]').uncheck();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('big plans: find in the tree, fallbacks only, next and previous fallback keys, fallbacks by weight', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const plan = goldenPlan('comet/rdd_roundtrip.tree.txt');
    await pastePlan(page, plan);
    const expected = analyse({ plan, cluster: DEFAULT_CLUSTER });
    assert.ok(expected.fallbacks.length >= 2, 'this golden plan has several fallbacks');
    const indexOf = new Map(expected.nodes.map((n, i) => [n.id, i]));

    // the list: heaviest first, each heading naming its key operator and its number
    const byWeight = expected.fallbacks.map((fb, f) => ({ fb, f })).sort((x, y) => (y.fb.weight - x.fb.weight) || (x.f - y.f));
    assert.notDeepEqual(byWeight.map((x) => x.f), expected.fallbacks.map((_, f) => f), 'the core\'s order is not by weight here');
    const heads = await page.$$eval('[data-testid="fallback-item"] .fallback-head', (els) => els.map((e) => e.textContent));
    assert.deepEqual(heads.map((h) => h.split(':')[0]), byWeight.map((x) => `Fallback ${x.f + 1}`));
    byWeight.forEach((x, k) => assert.ok(heads[k].includes(expected.nodes[indexOf.get(x.fb.key_node)].name), heads[k]));

    // next / previous fallback: the key operators in plan order, wrapping around
    const keys = expected.fallbacks.map((fb) => indexOf.get(fb.key_node)).sort((a, b) => a - b);
    const selected = () => page.$eval('#tree [aria-selected="true"]', (e) => Number(e.id.slice(5)));
    await page.locator('#node-0').focus();
    await page.keyboard.press('n');
    assert.equal(await selected(), keys[0]);
    assert.equal(await text(page, 'details-name'), expected.nodes[keys[0]].name);
    await page.keyboard.press('n');
    assert.equal(await selected(), keys[1]);
    await page.keyboard.press('p');
    assert.equal(await selected(), keys[0]);
    await page.keyboard.press('p');
    assert.equal(await selected(), keys[keys.length - 1], 'wraps around');
    await page.click('[data-testid="next-fallback"]');
    assert.equal(await selected(), keys[0]);

    // fallbacks only: the fallbacks and the rows on the way to them, nothing else
    const onTheWay = new Set();
    for (const fb of expected.fallbacks) {
      for (const id of fb.nodes) {
        for (let i = indexOf.get(id); i !== undefined; i = indexOf.get(expected.nodes[i].parent)) onTheWay.add(i);
      }
    }
    const allRows = await page.locator('#tree [role="treeitem"]').count();
    await page.locator('[data-testid="fallbacks-only"]').check();
    const visible = await page.$$eval('#tree [role="treeitem"]', (els) => els.filter((e) => e.checkVisibility()).map((e) => Number(e.id.slice(5))));
    assert.ok(visible.length < allRows, `${visible.length} of ${allRows} rows`);
    for (const i of visible) assert.ok(onTheWay.has(i), `row ${i} leads to a fallback`);
    for (const i of await shownFallbackIndexes(page)) assert.ok(visible.includes(i) || !onTheWay.has(i), `fallback row ${i} is shown`);
    // arrows skip what the filter hides
    await page.locator(`#node-${visible[0]}`).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => Number(document.activeElement.id.slice(5))), visible[1]);
    await screenshot(page, '14-fallbacks-only');
    await page.locator('[data-testid="fallbacks-only"]').uncheck();

    // find: a 6,000-branch plan, a table name deep inside; Enter steps through the matches
    const big = syntheticUnion(6000);
    await pastePlan(page, big);
    await page.fill('[data-testid="tree-search"]', 't4321[');
    await page.waitForFunction(() => /^Match 1 of 1\./.test(document.querySelector('[data-testid="search-info"]').textContent));
    assert.match(await text(page, 'details-text'), /FileScan parquet t4321\[/);
    assert.equal(await page.locator('#tree .node.match').count(), 1);
    await page.fill('[data-testid="tree-search"]', 'c4321#');
    await page.waitForFunction(() => /^Match 1 of /.test(document.querySelector('[data-testid="search-info"]').textContent));
    const bigExpected = analyse({ plan: big, cluster: DEFAULT_CLUSTER });
    const bigBytes = Buffer.from(big);
    const holding = bigExpected.nodes.filter((n) => bigBytes.subarray(...n.text_span).toString().toLowerCase().includes('c4321#')).length;
    assert.equal(await text(page, 'search-info'), `Match 1 of ${holding}.`);
    await page.press('[data-testid="tree-search"]', 'Enter');
    assert.equal(await text(page, 'search-info'), `Match 2 of ${holding}.`);
    await page.fill('[data-testid="tree-search"]', 'no such operator anywhere');
    await page.waitForFunction(() => /^No node holds/.test(document.querySelector('[data-testid="search-info"]').textContent));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('readable at 400 px: nothing wider than the window, the fallbacks and tree tools in reach', async () => {
    const { context, page, problems } = await openSite(browser, url, { viewport: { width: 400, height: 900 } });
    await pastePlan(page, goldenPlan('comet/rdd_roundtrip.tree.txt'));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 400, `the page is ${width} px wide`);
    for (const sel of ['[data-testid="fallback-item"] .fallback-head', '[data-testid="tree-search"]', '[data-testid="next-fallback"]', '[data-testid="fallbacks-only"]', '[data-testid="verdict"]', '#tree']) {
      const box = await page.locator(sel).first().boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 400 + 0.5, `${sel} within the window: ${JSON.stringify(box)}`);
    }
    const fontPx = await page.$eval('#tree', (e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(fontPx >= 12, `tree text ${fontPx} px`);
    await screenshot(page, '15-narrow-400px');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a 20 MB plan: a file read as bytes and a paste kept out of the box; the share link says too long', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const [branches, columns] = [2000, 300];
    const plan = widePlan(branches, columns);
    assert.ok(plan.length > 20e6, `${plan.length} characters`);
    const expected = analyse({ plan, cluster: DEFAULT_CLUSTER });
    // the file is made in the page (20 MB through the test protocol would only time the protocol)
    await page.evaluate(`window.__widePlan = ${widePlan.toString()};`);
    await page.evaluate(([b, c]) => {
      window.__wideFile = new File([window.__widePlan(b, c)], 'wide-plan.txt', { type: 'text/plain' });
    }, [branches, columns]);
    let seq = await currentSeq(page);
    // from the drop on: what the page does with the file (making it was the test's own work)
    const longest = await page.evaluate(async () => {
      const longs = [];
      const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) longs.push(e.duration); });
      obs.observe({ type: 'longtask' });
      const dt = new DataTransfer();
      dt.items.add(window.__wideFile);
      const done = new Promise((resolve) => document.addEventListener('clusop:rendered', resolve, { once: true }));
      document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      await done;
      await new Promise((r) => setTimeout(r, 100));
      obs.disconnect();
      return Math.max(0, ...longs);
    });
    await waitForAnalysis(page, seq);
    assert.equal(await page.inputValue('[data-testid="plan-input"]'), '', 'the file never went through the box');
    assert.match(await text(page, 'input-info'), /wide-plan\.txt .*read as bytes/);
    assert.equal(await text(page, 'verdict'), expected.verdict.kind);
    assert.match(await text(page, 'tree-info'), new RegExp(`^${expected.nodes.length} nodes`));
    // recorded, not asserted (a loaded machine stretches every task); what keeps the page
    // responsive is asserted above: the file never went through the box
    console.log(`# 20 MB file: longest main-thread task ${longest.toFixed(0)} ms`);
    await page.locator('#node-1 > .line').click();
    assert.equal(await page.locator('[data-testid="details-text"]').textContent(), plan.slice(...expected.nodes[1].span));

    // its share link would be megabytes: the page says so and offers the exports
    await page.click('[data-testid="share"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="share-too-long"]').hidden, null, { timeout: 60000 });
    assert.match(await text(page, 'share-info'), /too long to share/);
    assert.equal(await page.locator('[data-testid="share-url"]').isVisible(), false);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="share-export-json"]')]);
    assert.deepEqual(JSON.parse(fs.readFileSync(await download.path(), 'utf8')), expected);

    // a paste of the same: analysed as it is, the box emptied
    seq = await currentSeq(page);
    await page.evaluate(([b, c]) => {
      const box = document.querySelector('[data-testid="plan-input"]');
      box.value = window.__widePlan(b, c);
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, [branches, columns]);
    await waitForAnalysis(page, seq);
    assert.equal(await page.inputValue('[data-testid="plan-input"]'), '');
    assert.match(await text(page, 'input-info'), /too large to keep in the box/);
    assert.equal(await text(page, 'verdict'), expected.verdict.kind);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('dark mode is readable', async () => {
    const { context, page, problems } = await openSite(browser, url, { colorScheme: 'dark' });
    await pastePlan(page, goldenPlan('comet/python_udf.tree.txt'));
    const [bg, fg] = await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).color]);
    const lum = (c) => {
      const [r, g, b] = c.match(/\d+/g).map(Number).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    assert.ok(lum(bg) < 0.05, `dark background, got ${bg}`);
    const contrast = (lum(fg) + 0.05) / (lum(bg) + 0.05);
    assert.ok(contrast > 7, `text contrast ${contrast.toFixed(1)}`);
    await screenshot(page, '12-dark-mode');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

function syntheticUnion(branches) {
  const lines = ['== Physical Plan ==', 'Union'];
  for (let b = 0; b < branches; b++) {
    const [p, q] = b === branches - 1 ? ['+- ', '   '] : [':- ', ':  '];
    lines.push(`${p}*(${b + 1}) Project [c${b}#${b}L, d${b}#${b + 1}]`);
    lines.push(`${q}+- *(${b + 1}) Filter (isnotnull(c${b}#${b}L) AND (c${b}#${b}L > ${b}))`);
    lines.push(`${q}   +- *(${b + 1}) ColumnarToRow`);
    lines.push(`${q}      +- FileScan parquet t${b}[c${b}#${b}L,d${b}#${b + 1}] Batched: true, DataFilters: [], Format: Parquet, Location: InMemoryFileIndex(1 paths)[file:/tmp/t${b}], PartitionFilters: [], PushedFilters: [], ReadSchema: struct<c:bigint,d:int>`);
  }
  return `${lines.join('\n')}\n`;
}

// A union of wide scans: few nodes, long lines (wide schemas make the largest real plans).
function widePlan(branches, columns) {
  const cols = (b) => Array.from({ length: columns }, (_, k) => `column_${k}#${b * columns + k}L`).join(', ');
  const lines = ['== Physical Plan ==', 'Union'];
  for (let b = 0; b < branches; b++) {
    const [p, q] = b === branches - 1 ? ['+- ', '   '] : [':- ', ':  '];
    lines.push(`${p}*(${b + 1}) Project [${cols(b)}]`);
    lines.push(`${q}+- *(${b + 1}) Filter isnotnull(column_0#${b * columns}L)`);
    lines.push(`${q}   +- *(${b + 1}) ColumnarToRow`);
    lines.push(`${q}      +- FileScan parquet t${b}[${cols(b)}] Batched: true, DataFilters: [], Format: Parquet, Location: InMemoryFileIndex(1 paths)[file:/tmp/t${b}], PartitionFilters: [], PushedFilters: [], ReadSchema: struct<>`);
  }
  return `${lines.join('\n')}\n`;
}

async function expectVisibleText(page, literal) {
  const visible = await page.getByText(literal, { exact: false }).first().isVisible();
  assert.ok(visible, `"${literal}" is visible on the page`);
}
