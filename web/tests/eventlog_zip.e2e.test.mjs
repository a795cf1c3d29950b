// End-to-end: a zip archive of event logs dropped on the site (build/web), in Debian's headless
// Chromium. The worker asks the WebAssembly core for the archive's entries from its last bytes
// (clusop_zip_entries), feeds each entry's slice of the File to a stream (the core reads the
// entry from its local header on) and has the core word every error (clusop_scan_document).
// The archive is made here by Python's zipfile from the real Spark 3.5.9 logs in tests/io/data;
// the facts asserted come from those logs, not from our output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  dropFiles, launchChromium, openSite, repo, scanSeq, screenshot, startServer, waitForScan,
} from './support.mjs';

const LOGS = path.join(repo, 'tests/io/data/spark-3.5.9');
const ZSTD_LOG = path.join(LOGS, 'zstd/local-1796014150486.zstd');
const PLAIN_LOG = path.join(LOGS, 'none/local-1796014104063');
const haveLogs = fs.existsSync(ZSTD_LOG) && fs.existsSync(PLAIN_LOG);

// Python's zipfile writes the archive: [arcname, source path | null (a folder), deflate?].
function makeZip(entries) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clusop-zip-')), 'logs.zip');
  const program = [
    'import json, sys, zipfile',
    'out, entries = sys.argv[1], json.loads(sys.argv[2])',
    'with zipfile.ZipFile(out, "w") as z:',
    '    for name, source, deflate in entries:',
    '        if source is None: z.writestr(zipfile.ZipInfo(name), b"")',
    '        else: z.write(source, arcname=name, compress_type=zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED)',
  ].join('\n');
  execFileSync('python3', ['-c', program, out, JSON.stringify(entries)]);
  return fs.readFileSync(out);
}

// What Spark wrote in the plain log: its application id and distinct stage attempts.
function plainFacts() {
  const stages = new Set();
  let appId = null;
  for (const line of fs.readFileSync(PLAIN_LOG, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    if (e.Event === 'SparkListenerStageSubmitted') stages.add(`${e['Stage Info']['Stage ID']}.${e['Stage Info']['Stage Attempt ID']}`);
    if (e.Event === 'SparkListenerApplicationStart') appId = e['App ID'];
  }
  return { appId, stages: stages.size };
}

// Every text the scan status showed, from before the drop until the scan ended.
async function watchStatus(page) {
  await page.evaluate(() => {
    window.statusSeen = [];
    const el = document.querySelector('[data-testid="scan-status"]') || document.getElementById('scan-status');
    new MutationObserver(() => window.statusSeen.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
  });
}

let server;
let url;
let browser;

before(async () => {
  if (!haveLogs) return;
  ({ server, url } = await startServer());
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

describe('zip archives of logs in the site', { skip: haveLogs ? false : 'tests/io/data/spark-3.5.9 is absent' }, () => {
  test('a zip of two logs dropped: both applications, read entry by entry with progress, junk skipped in the core\'s words', async () => {
    const zip = makeZip([
      ['spark-events/', null, false],
      ['spark-events/local-1796014150486.zstd', ZSTD_LOG, false], // stored: the zstd bytes as Spark wrote them
      ['spark-events/local-1796014104063', PLAIN_LOG, true], // deflated
      ['__MACOSX/spark-events/._local-1796014104063', PLAIN_LOG, true],
    ]);
    const facts = plainFacts();
    const { context, page, problems } = await openSite(browser, url);
    await watchStatus(page);
    const before = await scanSeq(page);
    await dropFiles(page, [{ name: 'logs.zip', bytes: zip }]);
    await waitForScan(page, before);
    const options = await page.$$eval('[data-testid="app-picker"] option', (os) => os.map((o) => o.textContent));
    assert.equal(options.length, 2, `two applications: ${options}`);
    assert.ok(options.some((o) => o.startsWith('local-1796014150486')));
    assert.ok(options.some((o) => o.startsWith(facts.appId)));
    const index = options.findIndex((o) => o.startsWith(facts.appId));
    await page.selectOption('[data-testid="app-picker"]', { index });
    assert.equal(await page.locator('[data-testid="stage-timeline"] rect.bar').count(), facts.stages);
    // the macOS metadata entry is left out, said in the core's words with its full name
    const message = (await page.locator('[data-testid="app-error-message"]').textContent()).trim();
    assert.match(message, /^logs\.zip\/__MACOSX\/spark-events\/\._local-1796014104063: skipped: macOS archive metadata/);
    // progress named the entries while they were read (the first chunk of each reports)
    const seen = await page.evaluate(() => window.statusSeen);
    assert.ok(seen.some((s) => /logs\.zip\/spark-events\/local-179601/.test(s) && /%/.test(s)), seen.join(' | '));
    await screenshot(page, '24-eventlog-zip');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a cut zip: the core says what it expected, and nothing else is claimed', async () => {
    const zip = makeZip([['local-1796014104063', PLAIN_LOG, true]]);
    const { context, page, problems } = await openSite(browser, url);
    const before = await scanSeq(page);
    await dropFiles(page, [{ name: 'cut.zip', bytes: zip.subarray(0, zip.length - 30) }]);
    await waitForScan(page, before);
    assert.equal(await page.locator('[data-testid="app-error"]').isVisible(), true);
    const message = (await page.locator('[data-testid="app-error-message"]').textContent()).trim();
    assert.match(message, /^cut\.zip: zip: no end-of-central-directory record/);
    assert.equal(await page.locator('[data-testid="app-picker"] option').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
