// Opens a `clusop report` HTML file in Debian's headless Chromium (playwright-core, never a
// downloaded browser) with the network cut: every request that is not the file itself is
// aborted and recorded. Prints one JSON line: what the page drew (counted in its shadow root)
// and every request it tried. Used by tests/test_report.py.
//
//   node report_open.mjs REPORT.html [SCREENSHOT.png]
//   CLUSOP_CHROMIUM  the browser (default /usr/bin/chromium)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

function playwright() {
  for (const dir of [path.join(repo, 'notebook-widget'), path.join(repo, 'web')]) {
    if (fs.existsSync(path.join(dir, 'node_modules', 'playwright-core'))) return createRequire(path.join(dir, 'package.json'))('playwright-core');
  }
  throw new Error('playwright-core is not installed: npm ci --prefix notebook-widget');
}

const [file, shot] = process.argv.slice(2);
const url = pathToFileURL(path.resolve(file)).href;
const { chromium } = playwright();
const browser = await chromium.launch({ executablePath: process.env.CLUSOP_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const requests = [];
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1400 } });
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (r.url() !== url && !requests.includes(r.url())) requests.push(r.url()); });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  const count = (sel) => page.locator(sel).count();
  const texts = (sel) => page.locator(sel).allTextContents();
  const drawn = {
    apps: await texts('[data-testid="report-app"] [data-testid="app-id"]'),
    stage_bars: await count('[data-testid="stage-timeline"] rect.bar'),
    spread_rows: await count('[data-testid="task-spread"] .spread-row'),
    sql_rows: await count('[data-testid="sql-execution"]'),
    recommendations_sections: await count('[data-testid="recommendations-section"]'),
    recommendations: await texts('[data-testid="recommendation"] [data-testid="rec-rule"]'),
    trend_runs: await texts('[data-testid="trend-run"] td.name code'),
    trend_charts: await count('[data-testid="trend-chart"] rect.run-bar'),
    source: (await texts('[data-testid="report-source"]'))[0] ?? null,
  };
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  process.stdout.write(`${JSON.stringify({ drawn, requests, problems })}\n`);
} finally {
  await browser.close();
}
