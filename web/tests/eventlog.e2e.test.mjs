// End-to-end: whole Spark event logs dropped on or opened in the site (build/web), read in the
// worker with File.stream() by the WebAssembly core, in Debian's headless Chromium. The facts
// asserted come from the logs themselves (what Spark wrote: the application id it named the
// file after, its stage and SQL events, counted here line by line), not from our own output.
// Logs: the real Spark 3.5.9 logs in tests/io/data (zstd as Spark wrote it; the plain one
// gzipped here as Databricks rotates parts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  currentSeq, dropFiles, launchChromium, openSite, repo, scanSeq, screenshot, startServer, waitForAnalysis, waitForScan,
} from './support.mjs';

const LOGS = path.join(repo, 'tests/io/data/spark-3.5.9');
const ZSTD_LOG = path.join(LOGS, 'zstd/local-1796014150486.zstd');
const PLAIN_LOG = path.join(LOGS, 'none/local-1796014104063');

let server;
let url;
let browser;

// What Spark wrote: distinct (stage, attempt) pairs submitted, SQL executions started.
function factsOf(text) {
  const stages = new Set();
  let sql = 0;
  let appId = null;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    if (e.Event === 'SparkListenerStageSubmitted') stages.add(`${e['Stage Info']['Stage ID']}.${e['Stage Info']['Stage Attempt ID']}`);
    if (e.Event === 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart') sql += 1;
    if (e.Event === 'SparkListenerApplicationStart') appId = e['App ID'];
  }
  return { stages: stages.size, sql, appId };
}

async function text(page, testid) {
  return (await page.locator(`[data-testid="${testid}"]`).first().textContent()).trim();
}

// Requests after load: none may leave the page (blob: and data: are the page's own).
function recordRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    if (!/^(blob|data):/.test(r.url())) seen.push(r.url());
  });
  return seen;
}

async function checkAppView(page, facts) {
  assert.equal(await text(page, 'app-id'), facts.appId);
  assert.equal(await page.locator('[data-testid="stage-timeline"] rect.bar').count(), facts.stages);
  assert.equal(await page.locator('[data-testid="sql-execution"]').count(), facts.sql);
  assert.match(await text(page, 'app-spark-version'), /^3\.5\.9$/);
  assert.match(await text(page, 'app-utilisation'), /%|unknown/);
  assert.ok(await page.locator('[data-testid="task-spread"] .spread-row').count() > 0);
}

const haveLogs = fs.existsSync(ZSTD_LOG) && fs.existsSync(PLAIN_LOG);

before(async () => {
  if (!haveLogs) return;
  ({ server, url } = await startServer());
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

describe('event logs in the site', { skip: haveLogs ? false : 'tests/io/data/spark-3.5.9 is absent' }, () => {
  test('a zstd log opened: the application, its stages on a timeline, its SQL execution opening its plan tree', async () => {
    const facts = factsOf(execFileSync('zstd', ['-dc', ZSTD_LOG]).toString('utf8'));
    assert.equal(facts.appId, 'local-1796014150486', 'Spark named the file after the application');
    const { context, page, problems } = await openSite(browser, url);
    const requests = recordRequests(page);
    const before = await scanSeq(page);
    await page.setInputFiles('#file-input', ZSTD_LOG);
    await waitForScan(page, before);
    assert.equal(await page.locator('[data-testid="app-error"]').isHidden(), true);
    await checkAppView(page, facts);
    await screenshot(page, '20-eventlog-zstd');

    const seq = await currentSeq(page);
    await page.locator('[data-testid="open-plan"]').first().click();
    await waitForAnalysis(page, seq);
    assert.ok(await page.locator('#tree [role="treeitem"]').count() > 0, 'the plan tree is drawn');
    assert.match(await text(page, 'verdict'), /^(none|fix_fallback|disable_photon)$/);
    assert.equal(await page.locator('[data-testid="share"]').isDisabled(), true);
    await screenshot(page, '21-eventlog-zstd-plan');
    assert.deepEqual(requests, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a gzip log dropped: read chunk by chunk with a progress bar, the same view', async () => {
    const plain = fs.readFileSync(PLAIN_LOG);
    const facts = factsOf(plain.toString('utf8'));
    assert.equal(facts.appId, 'local-1796014104063');
    const gz = zlib.gzipSync(plain);
    const { context, page, problems } = await openSite(browser, url);
    const requests = recordRequests(page);
    const before = await scanSeq(page);
    await dropFiles(page, [{ name: 'eventlog-2026-11-30--04-00.gz', bytes: gz }]);
    await waitForScan(page, before);
    await checkAppView(page, facts);
    assert.match(await text(page, 'scan-status'), /^Read .* 1 application\.$/);
    assert.match(await text(page, 'app-read'), /gzip/);
    await screenshot(page, '22-eventlog-gzip');
    assert.deepEqual(requests, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('two logs dropped at once: the core groups them into two applications', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const before = await scanSeq(page);
    await dropFiles(page, [
      { name: path.basename(ZSTD_LOG), bytes: fs.readFileSync(ZSTD_LOG) },
      { name: path.basename(PLAIN_LOG), bytes: fs.readFileSync(PLAIN_LOG) },
    ]);
    await waitForScan(page, before);
    const options = await page.$$eval('[data-testid="app-picker"] option', (os) => os.map((o) => o.textContent));
    assert.equal(options.length, 2);
    assert.ok(options.some((o) => o.startsWith('local-1796014150486')));
    assert.ok(options.some((o) => o.startsWith('local-1796014104063')));
    await page.selectOption('[data-testid="app-picker"]', { index: 1 });
    assert.match(await text(page, 'app-id'), /^local-179601/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a corrupt zstd log: a clear error naming what was expected, and the page keeps working', async () => {
    const { context, page, problems } = await openSite(browser, url);
    const good = fs.readFileSync(ZSTD_LOG);
    const bad = Buffer.concat([good.subarray(0, 64), Buffer.alloc(4096, 0xa5)]); // a real frame header, then noise
    const before = await scanSeq(page);
    await dropFiles(page, [{ name: 'broken.zstd', bytes: bad }]);
    await waitForScan(page, before);
    assert.equal(await page.locator('[data-testid="app-error"]').isVisible(), true);
    const message = await text(page, 'app-error-message');
    assert.match(message, /broken\.zstd/);
    assert.match(message, /zstd|expected|corrupt/i);
    await screenshot(page, '23-eventlog-corrupt');
    // the next log is read as usual
    const again = await scanSeq(page);
    await page.setInputFiles('#file-input', ZSTD_LOG);
    await waitForScan(page, again);
    assert.equal(await text(page, 'app-id'), 'local-1796014150486');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
