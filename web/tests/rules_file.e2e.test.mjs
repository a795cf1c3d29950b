// A user's rules file on the web page: its text goes to the WebAssembly core with the scan (the
// request's "rules", as `clusop scan --rules FILE`), so the page shows the user's rule ranked with
// the built-in ones; a faulty file is named by line. The expectation is what the same core
// answers in Node for the same bytes and rules text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadClusop } from '../../wasm/load_clusop.mjs';
import { LogStream } from '../site/js/streamcall.js';
import { dropFiles, launchChromium, openSite, repo, scanSeq, siteDir, startServer, waitForScan } from './support.mjs';

const LOG = path.join(repo, 'tests/io/data/spark-3.5.9/zstd/local-1796014150486.zstd');
const RULES = `# every stage that ran a task: a rule of the user's own
rule stage_ran
  scope stage
  when tasks > 0
  severity low
  title Stage {stage_id} ran {tasks:int} tasks
  advice A user's rule.
  change code # nothing to change
  saving task_max_ms
  method its longest task
end
`;
const FAULTY = 'rule broken\n  scope stage\n  when durration_ms > 1\nend\n';

let server;
let url;
let browser;
let core;

function coreScan(rules) {
  const stream = new LogStream(core, { name: path.basename(LOG), rules });
  const bytes = fs.readFileSync(LOG);
  for (let at = 0; at < bytes.length; at += 1 << 16) if (!stream.feed(bytes.subarray(at, at + (1 << 16)))) break;
  return JSON.parse(stream.finish());
}

async function scanWithRules(rules) {
  const { context, page, problems } = await openSite(browser, url);
  let seq = await scanSeq(page);
  await dropFiles(page, [{ name: path.basename(LOG), bytes: fs.readFileSync(LOG) }]);
  await waitForScan(page, seq);
  seq = await scanSeq(page);
  await page.locator('[data-testid="rules-file"]').setInputFiles({ name: 'mine.rules', mimeType: 'text/plain', buffer: Buffer.from(rules) });
  await waitForScan(page, seq);
  return { context, page, problems };
}

before(async () => {
  core = await loadClusop(path.join(siteDir, 'wasm'));
  ({ server, url } = await startServer());
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

test('a rules file chosen on the page is evaluated by the core with the built-in rules', async () => {
  const expected = coreScan(RULES).applications[0].recommendations;
  const mine = expected.filter((r) => r.rule === 'stage_ran');
  assert.ok(mine.length > 0, 'the user rule fires on the stages that ran');
  const { context, page, problems } = await scanWithRules(RULES);
  const cards = page.locator('[data-testid="recommendation"][data-rule="stage_ran"]');
  assert.equal(await cards.count(), Math.min(mine.length, 20));
  assert.equal((await cards.first().locator('[data-testid="rec-title"]').textContent()).trim(), mine[0].title);
  assert.match(await page.locator('[data-testid="rules-status"]').textContent(), /mine\.rules/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a faulty rules file is named by its line, and the built-in rules still run', async () => {
  const expected = coreScan(FAULTY);
  assert.ok(expected.rule_errors.some((e) => e.line === 3), JSON.stringify(expected.rule_errors));
  const { context, page } = await scanWithRules(FAULTY);
  const errors = await page.locator('[data-testid="rule-errors"]').textContent();
  assert.match(errors, /line 3/);
  assert.match(errors, /durration_ms/);
  await context.close();
});
