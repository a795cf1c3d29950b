// web/tools/serve.mjs and scripts/serve-web.sh: loopback only, right MIME types, never
// outside the root, the CSP header.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CSP, serve } from '../tools/serve.mjs';
import { repo, siteDir } from './support.mjs';

let root;
let outside;
let server;
let base;

function get(urlPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    // a raw path: no client-side normalisation of "..", as an attacker would send it
    const req = http.request({ host: u.hostname, port: u.port, path: urlPath, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clusop-serve-'));
  root = path.join(tmp, 'web');
  fs.mkdirSync(path.join(root, 'wasm'), { recursive: true });
  fs.mkdirSync(path.join(root, 'js'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(root, 'js', 'a.js'), 'export {};');
  fs.writeFileSync(path.join(root, 'app.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'wasm', 'clusop.mjs'), 'export default function(){ return new Function("x"); }');
  fs.writeFileSync(path.join(root, 'wasm', 'clusop.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  outside = path.join(tmp, 'secret.txt');
  fs.writeFileSync(outside, 'secret');
  ({ server, url: base } = await serve({ root, port: 0 }));
});

after(() => server && server.close());

test('binds 127.0.0.1 on the port asked (0: a free one)', () => {
  const addr = server.address();
  assert.equal(addr.address, '127.0.0.1');
  assert.ok(addr.port > 0);
  assert.equal(base, `http://127.0.0.1:${addr.port}/`);
});

test('MIME types: html, JavaScript modules, wasm, css', async () => {
  const cases = { '/': 'text/html; charset=utf-8', '/index.html': 'text/html; charset=utf-8', '/js/a.js': 'text/javascript; charset=utf-8',
    '/wasm/clusop.mjs': 'text/javascript; charset=utf-8', '/wasm/clusop.wasm': 'application/wasm', '/app.css': 'text/css; charset=utf-8' };
  for (const [p, type] of Object.entries(cases)) {
    const res = await get(p);
    assert.equal(res.status, 200, p);
    assert.equal(res.headers['content-type'], type, p);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  }
  const html = await get('/');
  assert.equal(html.headers['content-security-policy'], CSP);
  // this glue builds functions from strings: no CSP header on scripts, or the worker breaks
  assert.equal((await get('/wasm/clusop.mjs')).headers['content-security-policy'], undefined);
});

test('never serves outside the root, lists nothing, answers only GET/HEAD', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/js/../../secret.txt', '/%2e%2e%2f%2e%2e%2fetc/passwd', '/a%00.js', '/%E0%A4%A']) {
    const res = await get(p);
    assert.notEqual(res.status, 200, p);
    assert.ok(!res.body.includes('secret'), p);
  }
  assert.equal((await get('/missing.js')).status, 404);
  const dir = await get('/js');
  assert.equal(dir.status, 301);
  assert.equal(dir.headers.location, '/js/');
  assert.equal((await get('/js/')).status, 404, 'no directory listing');
  assert.equal((await get('/', 'POST')).status, 405);
  const head = await get('/index.html', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
});

test('scripts get the CSP header too once the wasm glue needs no eval', async () => {
  fs.writeFileSync(path.join(root, 'wasm', 'clusop.mjs'), 'export default function(){ return 1; }');
  const { server: s2, url } = await serve({ root, port: 0 });
  try {
    const res = await fetch(new URL('wasm/clusop.mjs', url));
    assert.equal(res.headers.get('content-security-policy'), CSP);
  } finally {
    s2.close();
  }
});

test('scripts/serve-web.sh serves build/web and prints its address; PORT overrides the port', async (t) => {
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) return t.skip('build/web is missing: cmake --workflow --preset wasm');
  if (path.resolve(siteDir) !== path.join(repo, 'build/web')) return t.skip('CLUSOP_WEB_DIR points elsewhere');
  const child = spawn(path.join(repo, 'scripts/serve-web.sh'), [], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`serve-web.sh exited with ${code}`)));
      setTimeout(() => reject(new Error('no address printed')), 10000);
    });
    const m = /^clusop web app: (http:\/\/127\.0\.0\.1:(\d+)\/)$/.exec(line);
    assert.ok(m, line);
    const res = await fetch(m[1]);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<textarea[^>]*data-testid="plan-input"/);
    const wasm = await fetch(new URL('wasm/clusop.wasm', m[1]));
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  } finally {
    child.kill();
  }
});
