// The scan widget (clusop.show(clusop.scan(...))) in Debian's Chromium through playwright-core:
// the widget's own bundle (clusop/static/widget.js of the installed package) renders a real
// corpus log's scan with the web app's application view; "Open plan" shows the tree of that
// execution's final plan. No Jupyter needed: the anywidget model is a small stand-in.
//
//   CLUSOP_PYTHON   the Python with clusop installed (default: python3)
//   CLUSOP_CHROMIUM the browser (default /usr/bin/chromium)
//   CLUSOP_CORPUS_DIR the corpus (default: ../shared/corpus beside the repository)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const python = process.env.CLUSOP_PYTHON || 'python3';
const chromiumPath = process.env.CLUSOP_CHROMIUM || '/usr/bin/chromium';
const corpus = path.join(process.env.CLUSOP_CORPUS_DIR || path.join(repo, '..', 'shared', 'corpus'), 'eventlogs');
const LOG = path.join(corpus, 'apache-spark/spark-events/local-1642039451826');

let browser = null;
let scan = null;
let bundle = null;
let skip = '';

before(async () => {
  if (!fs.existsSync(LOG)) { skip = `no corpus log at ${LOG}`; return; }
  const out = execFileSync(python, ['-c', [
    'import json, pathlib, sys, clusop',
    'r = clusop.scan(sys.argv[1])',
    'print(json.dumps({"bundle": str(pathlib.Path(clusop.__file__).parent / "static" / "widget.js"), "scan": r.to_json()}))',
  ].join('\n'), LOG], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const got = JSON.parse(out.trim().split('\n').pop());
  const bundlePath = process.env.CLUSOP_WIDGET_JS || got.bundle;
  if (!fs.existsSync(bundlePath)) { skip = `no widget bundle at ${bundlePath}`; return; }
  bundle = fs.readFileSync(bundlePath, 'utf8');
  scan = got.scan;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => { if (browser) await browser.close(); });

test('the scan widget draws the application view and opens a final plan', async (t) => {
  if (skip) { t.skip(skip); return; }
  const doc = JSON.parse(scan);
  const app = doc.applications[0];
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setContent('<!doctype html><html><body><div id="host"></div></body></html>');
  await page.evaluate(async ({ source, scanJson }) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const widget = (await import(url)).default;
    const values = { kind: 'scan', scan_json: scanJson };
    const model = { get: (k) => values[k], on() {}, off() {}, send() {} };
    widget.render({ model, el: document.getElementById('host') });
  }, { source: bundle, scanJson: scan });

  const view = page.getByTestId('clusop-scan');
  await view.waitFor();
  assert.equal(await page.getByTestId('app-id').textContent(), app.app_id);
  assert.equal(await page.getByTestId('sql-execution').count(), app.sql_executions.length);
  assert.match(await page.getByTestId('scan-status').textContent(), /^1 application read/);
  const open = page.getByTestId('open-plan').first();
  await open.click();
  const planBox = page.getByTestId('scan-plan');
  const execution = app.sql_executions.find((e) => e.analysis && e.analysis.nodes);
  await planBox.locator('[role="treeitem"]').first().waitFor({ state: 'visible' });
  // the tree of that final plan: one row per node (wrappers folded into chips aside)
  const rows = await planBox.locator('[role="treeitem"]').count();
  const wrappers = execution.analysis.nodes.filter((n) => n.role === 'wrapper').length;
  assert.ok(rows >= execution.analysis.nodes.length - wrappers && rows <= execution.analysis.nodes.length, `${rows} rows`);
  assert.match(await page.getByTestId('status').first().textContent(), new RegExp(`SQL execution ${execution.execution_id}`));
  fs.mkdirSync(path.join(repo, 'build/notebook-test-artifacts'), { recursive: true });
  await page.screenshot({ path: path.join(repo, 'build/notebook-test-artifacts/scan-widget.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
