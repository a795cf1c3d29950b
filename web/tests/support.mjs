// Shared helpers for the site's tests and benchmark: paths, the static server, Debian's
// Chromium through playwright-core (never a downloaded browser).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tools/serve.mjs';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const siteDir = process.env.CLUSOP_WEB_DIR ?? path.join(repo, 'build/web');
export const artifactsDir = path.join(repo, 'build/web-test-artifacts');
export const chromiumPath = process.env.CLUSOP_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function goldenPlan(rel) {
  return fs.readFileSync(path.join(repo, 'tests/golden/plans', rel), 'utf8');
}

export function requireSite() {
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
    throw new Error(`${siteDir}/index.html is missing: build the site first with cmake --workflow --preset wasm`);
  }
}

export async function startServer() {
  requireSite();
  return serve({ root: siteDir, port: 0 });
}

export async function launchChromium() {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: apt-get install -y chromium (the tests never download a browser)`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
}

// Opens the site and waits until the page says it is ready (worker and WebAssembly loaded).
export async function openSite(browser, url, { colorScheme = 'light', viewport = { width: 1400, height: 1600 } } = {}) {
  const context = await browser.newContext({ colorScheme, viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  return { context, page, problems };
}

// Sets the plan box as a paste would (value + input event) and waits for that analysis.
export async function pastePlan(page, text) {
  const before = await page.evaluate(() => Number(document.getElementById('result').dataset.seq || 0));
  await page.evaluate((t) => {
    const box = document.querySelector('[data-testid="plan-input"]');
    box.value = t;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await waitForAnalysis(page, before);
}

// Waits for an analysis newer than seq `after` to be on screen (done or error).
export async function waitForAnalysis(page, after) {
  await page.waitForFunction((n) => {
    const r = document.getElementById('result');
    return Number(r.dataset.seq || 0) > n && (r.dataset.state === 'done' || r.dataset.state === 'error');
  }, after, { timeout: 30000 });
}

export async function currentSeq(page) {
  return page.evaluate(() => Number(document.getElementById('result').dataset.seq || 0));
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  // rows outside the viewport are skipped by the browser (content-visibility: auto) until
  // scrolled to, as a reader would: bring the tree into view first
  await page.evaluate(() => {
    const tree = document.getElementById('tree');
    if (tree && !document.getElementById('tree-panel').hidden) tree.scrollIntoView({ block: 'nearest' });
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// The number of event-log scans the page has finished (shown or failed).
export async function scanSeq(page) {
  return page.evaluate(() => Number(document.getElementById('app-panel').dataset.seq || 0));
}

export async function waitForScan(page, after) {
  await page.waitForFunction((n) => Number(document.getElementById('app-panel').dataset.seq || 0) > n, after, { timeout: 60000 });
}

// Drops files on the page as a drag from the desktop would: [{name, bytes: Buffer}].
export async function dropFiles(page, files) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, files.map((f) => ({ name: f.name, bytes: [...f.bytes] })));
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
}
