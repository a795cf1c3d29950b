// The assembled site (build/web) as files: what the build put there, the page's security
// policy, no inline script or style, no markup from data, no request of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, requireSite, siteDir } from './support.mjs';

requireSite();
const read = (rel) => fs.readFileSync(path.join(siteDir, rel), 'utf8');
const siteJs = fs.readdirSync(path.join(siteDir, 'js')).filter((f) => f.endsWith('.js'));

test('the build assembled the static files, the wasm core and the generated data modules', () => {
  for (const f of ['index.html', 'app.css', 'js/main.js', 'js/worker.js', 'wasm/clusop.mjs', 'wasm/clusop.wasm', 'data/prices.js', 'data/examples.js']) {
    assert.ok(fs.existsSync(path.join(siteDir, f)), f);
  }
  for (const f of fs.readdirSync(path.join(repo, 'web/site/js'))) {
    assert.equal(read(`js/${f}`), fs.readFileSync(path.join(repo, 'web/site/js', f), 'utf8'), `js/${f} is the source file`);
  }
  const wasmOut = path.join(repo, 'build/wasm/wasm');
  if (path.resolve(siteDir) === path.join(repo, 'build/web') && fs.existsSync(wasmOut)) {
    for (const f of ['clusop.mjs', 'clusop.wasm']) {
      assert.ok(fs.readFileSync(path.join(siteDir, 'wasm', f)).equals(fs.readFileSync(path.join(wasmOut, f))), `${f} is the clusop_wasm output`);
    }
  }
  const cmake = fs.readFileSync(path.join(repo, 'web/CMakeLists.txt'), 'utf8');
  assert.match(cmake, /add_custom_target\(clusop_web ALL/);
  assert.match(cmake, /\$<TARGET_FILE_DIR:clusop_wasm>/);
});

test('the price table is embedded as is', async () => {
  const { default: prices } = await import(path.join(siteDir, 'data/prices.js'));
  assert.deepEqual(prices, JSON.parse(fs.readFileSync(path.join(repo, 'pricing/price_table.json'), 'utf8')));
});

test('the examples embed golden plans verbatim, 6 to 10 of them, each titled and described', async () => {
  const { default: examples } = await import(path.join(siteDir, 'data/examples.js'));
  assert.ok(examples.length >= 6 && examples.length <= 10, `${examples.length} examples`);
  assert.equal(new Set(examples.map((e) => e.id)).size, examples.length);
  assert.equal(new Set(examples.map((e) => e.title)).size, examples.length);
  for (const e of examples) {
    assert.match(e.source, /^tests\/golden\/plans\//);
    assert.equal(e.plan, fs.readFileSync(path.join(repo, e.source), 'utf8'), e.id);
    assert.ok(e.title.length > 5 && e.description.length > 20, e.id);
  }
  assert.ok(examples.some((e) => e.title.startsWith('Comet')) && examples.some((e) => e.title.startsWith('Spark')));
  assert.ok(examples.some((e) => e.source.endsWith('.json')), 'an event-log example');
});

test('the page: a strict CSP, no inline script, handler or style, nothing from another origin', () => {
  const html = read('index.html');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  const csp = Object.fromEntries(meta[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  assert.equal(csp['default-src'], "'self'");
  assert.equal(csp['script-src'], "'self' 'wasm-unsafe-eval'");
  assert.equal(csp['style-src'], "'self'");
  assert.equal(csp['connect-src'], "'self'");
  assert.equal(csp['worker-src'], "'self'");
  assert.equal(csp['object-src'], "'none'");
  assert.equal(csp['base-uri'], "'none'");
  assert.equal(csp['form-action'], "'none'");
  assert.doesNotMatch(meta[1], /'unsafe-inline'|'unsafe-eval'|\*/, 'no unsafe-inline, unsafe-eval or wildcard');
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'the policy comes before any script');
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(m[1], /\bsrc="/, 'every script is a file');
    assert.equal(m[2].trim(), '', 'no inline script body');
  }
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no inline style attribute');
  assert.doesNotMatch(html, /<style\b/i, 'no style element');
  assert.doesNotMatch(html, /(src|href|action)="(https?:)?\/\//i, 'nothing from another origin');
  assert.doesNotMatch(read('app.css'), /url\(\s*['"]?(https?:)?\/\//i, 'no remote CSS resource');
});

test('the scripts never build markup from data, never eval, never talk to the network', () => {
  for (const f of siteJs) {
    // the SVG namespace is a name for createElementNS, never fetched
    const src = read(`js/${f}`).replace(/^\s*\/\/.*$/gm, '').replaceAll("'http://www.w3.org/2000/svg'", "''");
    assert.doesNotMatch(src, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function/, f);
    assert.doesNotMatch(src, /\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts/, f);
    assert.doesNotMatch(src, /\.style\.|setAttribute\(\s*['"]style/, `${f}: no inline style`);
    assert.doesNotMatch(src, /https?:\/\//, `${f}: no URL of another origin`);
  }
});
