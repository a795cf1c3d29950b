// The widget in a real browser: a headless Jupyter server (JupyterLab 4 and Notebook 7 from
// PyPI) and Debian's Chromium driven by playwright-core (it never downloads a browser). The
// notebook starts a local Spark, shows a DataFrame whose Python UDF falls back (Photon on),
// watches the session while three queries run, and pastes another plan into the widget.
//
//   CLUSOP_PYTHON   the Python with clusop, pyspark and jupyterlab (default: python3)
//   CLUSOP_CHROMIUM the browser (default /usr/bin/chromium)
// Screenshots: build/notebook-test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const artifacts = path.join(repo, 'build/notebook-test-artifacts');
const python = process.env.CLUSOP_PYTHON || 'python3';
const chromiumPath = process.env.CLUSOP_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TOKEN = 'clusop-browser-test';

let server = null;
let browser = null;
let baseUrl = '';
let work = '';
const serverLog = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function code(lines) {
  return lines.join('\n');
}

function notebook(cells) {
  return JSON.stringify({
    cells: cells.map((src) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: src })),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1);
}

const golden = (rel) => fs.readFileSync(path.join(repo, 'tests/golden/plans', rel), 'utf8');

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'clusop-nb-'));
  const setup = code([
    'import os, sys',
    'os.environ.setdefault("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")',
    'os.environ["PYSPARK_PYTHON"] = sys.executable',
    'from pyspark.sql import SparkSession, functions as F',
    'spark = (SparkSession.builder.master("local[2]").appName("clusop-notebook")',
    '         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")',
    '         .config("spark.sql.shuffle.partitions", "4").config("spark.driver.host", "127.0.0.1")',
    '         .config("spark.clusop.photonEnabled", "true").config("spark.clusop.cluster.nodeType", "i3.xlarge")',
    '         .config("spark.clusop.cluster.driverNodeType", "i3.xlarge").config("spark.clusop.cluster.workers", "8")',
    '         .getOrCreate())',
    'spark.sparkContext.setLogLevel("ERROR")',
    'import clusop',
    '@F.udf("long")',
    'def plus_one(x):',
    '    return None if x is None else x + 1',
    'orders = spark.range(0, 20000).withColumn("cust", F.col("id") % 97)',
    'df = orders.where(plus_one("id") > 10).groupBy("cust").count()',
    'df.collect()   # executed: its final plan is what clusop reads',
  ]);
  fs.writeFileSync(path.join(work, 'clusop-demo.ipynb'), notebook([
    setup,
    'clusop.show(df, photon_enabled=True, node_type="i3.xlarge", driver_node_type="i3.xlarge",\n            workers=8, runtime_seconds=900, runs_per_day=24)',
    'w = clusop.watch(spark)',
    code([
      'orders.where(plus_one("id") % 3 == 0).count()',
      'orders.groupBy("cust").agg(F.sum("id")).collect()',
      'orders.select("id", plus_one("cust").alias("c1")).limit(500).collect()',
      'print("queries done; the watch lists them as the listener reports them")',
    ]),
  ]));
  // Notebook 7: no Spark, a Comet plan as text
  fs.writeFileSync(path.join(work, 'clusop-nb7.ipynb'), notebook([
    code([
      'import clusop',
      `plan = ${JSON.stringify(golden('comet/python_udf.tree.txt'))}`,
      'clusop.show(plan, node_type="i3.xlarge", workers=4, runtime_seconds=600)',
    ]),
  ]));

  // no "Jupyter news?" toast over the screenshots
  const settings = path.join(work, '.lab-settings', '@jupyterlab', 'apputils-extension');
  fs.mkdirSync(settings, { recursive: true });
  fs.writeFileSync(path.join(settings, 'notification.jupyterlab-settings'), JSON.stringify({ fetchNews: 'false', checkForUpdates: false }));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(python, ['-m', 'jupyter', 'lab', '--no-browser', `--port=${port}`, '--ip=127.0.0.1',
    '--allow-root', `--IdentityProvider.token=${TOKEN}`, `--ServerApp.root_dir=${work}`, '--ServerApp.open_browser=False',
    '--LabApp.expose_app_in_browser=True', '--JupyterNotebookApp.expose_app_in_browser=True',
    '--LabApp.news_url=', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'], {
    cwd: work,
    // kernel specs say "python": the PATH must find the Python under test first
    env: { ...process.env, PATH: python.includes('/') ? `${path.dirname(python)}:${process.env.PATH}` : process.env.PATH, JUPYTER_CONFIG_DIR: path.join(work, '.jupyter'), JUPYTERLAB_SETTINGS_DIR: path.join(work, '.lab-settings'), JUPYTER_DATA_DIR: path.join(work, '.data'), JUPYTER_RUNTIME_DIR: path.join(work, '.runtime'), SPARK_LOCAL_IP: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => serverLog.push(String(d)));
  server.stderr.on('data', (d) => serverLog.push(String(d)));
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      const r = await fetch(`${baseUrl}/api/status?token=${TOKEN}`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`jupyter did not start:\n${serverLog.join('').slice(-3000)}`);
    if (server.exitCode !== null) throw new Error(`jupyter exited:\n${serverLog.join('').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing (apt-get install chromium; never downloaded)`);
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  fs.writeFileSync(path.join(artifacts, 'jupyter-server.log'), serverLog.join(''));
});

async function openNotebook(url) {
  // tall enough for a whole widget in one screenshot
  const context = await browser.newContext({ viewport: { width: 1300, height: 2600 }, colorScheme: 'light' });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  // errors of the widget (its module is loaded from a blob: URL by anywidget), not of the host
  page.on('pageerror', (err) => {
    if (/clusop|anywidget|blob:/i.test(`${err.message}\n${err.stack || ''}`)) problems.push(`pageerror: ${err.message}\n${err.stack}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /clusop|anywidget|wasm/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(url);
  // the app, the notebook panel and an idle kernel
  await page.waitForFunction(() => {
    const app = window.jupyterapp;
    const w = app && app.shell && app.shell.currentWidget;
    const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
    return k && k.connectionStatus === 'connected' && k.status === 'idle';
  }, null, { timeout: 90000 });
  return { context, page, problems, requests };
}

async function runAll(page) {
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
}

async function shot(locator, name) {
  await locator.screenshot({ path: path.join(artifacts, name) });
}

test('JupyterLab 4: show() draws the fallback, watch() lists the queries, the paste box runs WebAssembly', { timeout: 420000 }, async () => {
  const { context, page, problems, requests } = await openNotebook(`${baseUrl}/lab/tree/clusop-demo.ipynb?token=${TOKEN}`);
  try {
    await runAll(page);

    // ---- clusop.show(df): the web app's summary and tree, drawn in the widget's shadow root
    const plan = page.locator('[data-testid="clusop-plan-view"]').first();
    await plan.waitFor({ timeout: 180000 });
    await page.waitForSelector('[data-testid="clusop-plan-view"][data-state="done"]', { timeout: 60000 });
    assert.equal(await plan.locator('[data-testid="verdict"]').textContent(), 'disable_photon');
    const usd = await plan.locator('[data-testid="waste-usd"]').textContent();
    assert.match(usd, /^\$\d+\.\d{2} per run$/, usd);
    assert.match(await plan.locator('[data-testid="waste-month"]').textContent(), /^\$[\d,]+\.\d{2} per month/);
    assert.match(await plan.locator('[data-testid="cause"]').textContent(), /whole_plan_jvm/);
    const fbRows = plan.locator('#tree [data-testid="fallback-node"]');
    assert.ok(await fbRows.count() >= 5, `fallback rows: ${await fbRows.count()}`);
    const key = plan.locator('#tree .node.key');
    assert.equal(await key.count(), 1);
    assert.match(await key.textContent(), /BatchEvalPython/);
    // highlighted: the fallback rows carry the site's fallback tint
    const bg = await fbRows.first().evaluate((e) => getComputedStyle(e.querySelector('.line')).backgroundColor);
    assert.equal(bg, 'rgb(254, 242, 242)'); // --fb-bg of the site's light theme
    assert.match(await plan.locator('[data-testid="status"]').textContent(), /native/);
    await plan.scrollIntoViewIfNeeded();
    await shot(plan, 'lab-show-fallback.png');
    // small ones for notebook-widget/docs: the top of the widget (verdict, dollars) and its tree
    const bb = await plan.boundingBox();
    await page.screenshot({ path: path.join(artifacts, 'docs-show-top.png'), clip: { x: bb.x, y: bb.y, width: bb.width, height: 470 } });
    await shot(plan.locator('#tree-panel'), 'docs-show-tree.png');

    // a click on the key operator shows its text
    await key.click();
    assert.match(await plan.locator('[data-testid="details-text"]').textContent(), /BatchEvalPython/);

    // ---- typing in the paste box: the notebook's shortcuts stay out ("d d" would delete a cell)
    const cellsBefore = await page.locator('.jp-Notebook .jp-Cell').count();
    const box = plan.locator('[data-testid="plan-input"]');
    await box.click();
    await page.keyboard.type('dd');
    assert.equal(await page.locator('.jp-Notebook .jp-Cell').count(), cellsBefore);
    assert.equal(await box.inputValue(), 'dd');

    // ---- paste another plan: analysed in the page by the WebAssembly core
    await box.fill(golden('comet/python_udf.tree.txt'));
    await page.waitForFunction(() => {
      for (const host of document.querySelectorAll('.clusop-host')) {
        const s = host.shadowRoot && host.shadowRoot.querySelector('[data-testid="status"]');
        if (s && /WebAssembly/.test(s.textContent) && /fix_fallback/.test(s.textContent)) return true;
      }
      return false;
    }, null, { timeout: 30000 });
    assert.equal(await plan.locator('[data-testid="verdict"]').textContent(), 'fix_fallback');
    assert.match(await plan.locator('[data-testid="cause"]').textContent(), /python_udf/);
    assert.ok(await plan.locator('#tree [data-testid="fallback-node"]').count() >= 3);
    await shot(plan, 'lab-paste-comet.png');
    assert.equal(requests.filter((u) => /\.wasm|clusop\.mjs/.test(u)).length, 0, 'the WebAssembly core is inlined: never fetched');

    // ---- clusop.watch(spark): every query, newest first, with dollars and a running total
    const watch = page.locator('[data-testid="clusop-watch"]').first();
    await watch.waitFor({ timeout: 120000 });
    await page.waitForFunction(() => {
      for (const host of document.querySelectorAll('.clusop-host')) {
        const rows = host.shadowRoot && host.shadowRoot.querySelectorAll('[data-testid="watch-row"]');
        if (rows && rows.length >= 3) return true;
      }
      return false;
    }, null, { timeout: 120000 });
    const rows = watch.locator('[data-testid="watch-row"]');
    assert.equal(await rows.count(), 3);
    const seqs = await rows.evaluateAll((trs) => trs.map((t) => Number(t.dataset.seq)));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
    const usds = await watch.locator('[data-testid="watch-usd"]').allTextContents();
    for (const u of usds) assert.match(u, /^\$\d+\.\d{2,4}$/, u);
    assert.match(await watch.locator('[data-testid="watch-total-usd"]').textContent(), /^\$\d+\.\d{2,4}$/);
    assert.match(await watch.locator('[data-testid="watch-total"]').textContent(), /3 queries seen/);
    const verdicts = await watch.locator('[data-testid="watch-row"] .verdict').allTextContents();
    assert.deepEqual(verdicts, ['disable_photon', 'disable_photon', 'disable_photon']);
    const causes = await rows.evaluateAll((trs) => trs.map((t) => t.children[5].textContent));
    assert.match(causes[2], /BatchEvalPython/);
    await shot(watch, 'lab-watch.png');

    // a click opens that query's tree
    await rows.nth(2).click();
    const detail = watch.locator('[data-testid="watch-detail"]');
    await watch.locator('[data-testid="watch-detail"] [data-testid="clusop-plan-view"][data-state="done"]').waitFor({ timeout: 30000 });
    assert.ok(await detail.locator('#tree [data-testid="fallback-node"]').count() >= 3);
    assert.match(await detail.locator('#tree .node.key').textContent(), /BatchEvalPython/);
    assert.match(await detail.locator('[data-testid="status"]').textContent(), /listener/);
    await shot(watch, 'lab-watch-open.png');
    await page.screenshot({ path: path.join(artifacts, 'lab-page.png'), fullPage: false });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Notebook 7: the same widget from plan text', { timeout: 240000 }, async () => {
  const { context, page, problems } = await openNotebook(`${baseUrl}/notebooks/clusop-nb7.ipynb?token=${TOKEN}`);
  try {
    await runAll(page);
    const plan = page.locator('[data-testid="clusop-plan-view"]').first();
    await plan.waitFor({ timeout: 120000 });
    await page.waitForSelector('[data-testid="clusop-plan-view"][data-state="done"]', { timeout: 60000 });
    assert.equal(await plan.locator('[data-testid="verdict"]').textContent(), 'fix_fallback');
    assert.ok(await plan.locator('#tree [data-testid="fallback-node"]').count() >= 3);
    // Comet is priced as the spend on work that ran off the engine (the core's figure and words)
    assert.match(await plan.locator('[data-testid="waste-usd"]').textContent(), /^\$\d[\d,]*\.\d{2,4} per run$/);
    await shot(plan, 'nb7-show.png');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
