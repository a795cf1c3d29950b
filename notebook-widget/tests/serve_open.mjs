// Opens the page of a running `clusop serve` in Debian's headless Chromium (playwright-core,
// never a downloaded browser) with a workspace token in the URL fragment, waits for the signals
// and the first sample plan's tree, mutes the first signal through the page, and prints one JSON
// line: what the page drew (counted in its shadow root), whether any hostile markup ran or became
// an element, and the page's errors. Used by tests/test_serve.py.
//
//   node serve_open.mjs http://127.0.0.1:PORT TOKEN [SCREENSHOT.png]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

function playwright() {
  for (const dir of [path.join(repo, 'notebook-widget'), path.join(repo, 'web')]) {
    if (fs.existsSync(path.join(dir, 'node_modules', 'playwright-core'))) return createRequire(path.join(dir, 'package.json'))('playwright-core');
  }
  throw new Error('playwright-core is not installed: npm ci --prefix notebook-widget');
}

const [base, token, shot] = process.argv.slice(2);
const { chromium } = playwright();
const browser = await chromium.launch({ executablePath: process.env.CLUSOP_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const problems = [];
const foreign = [];
try {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1200 } });
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(base)) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const response = await page.goto(`${base}/#token=${encodeURIComponent(token)}`);
  const csp = response.headers()['content-security-policy'] || '';
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  await page.waitForFunction(() => {
    const r = document.getElementById('clusop-serve').shadowRoot;
    const w = r && r.querySelector('[data-testid="clusop-serve"]');
    return w && w.dataset.state !== 'loading' && (w.dataset.state === 'error' || w.dataset.plan);
  }, null, { timeout: 30000 });
  const inShadow = (fn) => page.evaluate(fn);
  const before = await inShadow(() => {
    const r = document.getElementById('clusop-serve').shadowRoot;
    return {
      state: r.querySelector('[data-testid="clusop-serve"]').dataset.state,
      signatures: [...r.querySelectorAll('[data-testid="signal"]')].map((e) => e.dataset.signature),
      usd: [...r.querySelectorAll('[data-testid="usd"]')].map((e) => e.textContent),
      opened: r.querySelector('[data-testid="clusop-serve"]').dataset.plan || null,
      tree_rows: r.querySelectorAll('[role="treeitem"]').length,
      tree_text: r.querySelector('[data-testid="tree"]').textContent,
      injected: r.querySelectorAll('img, script, iframe, [onerror], [onclick]').length,
      pwned: window.__pwned || null,
      url: location.href,
      status: r.querySelector('[data-testid="serve-status"]').textContent,
    };
  });
  // mute the first signal through the page; the table is drawn again from the service
  await page.evaluate(() => document.getElementById('clusop-serve').shadowRoot.querySelector('[data-testid="signal"] [data-testid="mute"]').click());
  await page.waitForFunction(() => {
    const r = document.getElementById('clusop-serve').shadowRoot;
    const first = r.querySelector('[data-testid="signal"][data-muted="true"]');
    return Boolean(first);
  }, null, { timeout: 30000 });
  const muted = await inShadow(() => [...document.getElementById('clusop-serve').shadowRoot
    .querySelectorAll('[data-testid="signal"][data-muted="true"]')].map((e) => e.dataset.signature));
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  process.stdout.write(`${JSON.stringify({ csp, before, muted, problems, foreign })}\n`);
} finally {
  await browser.close();
}
