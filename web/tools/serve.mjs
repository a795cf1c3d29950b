#!/usr/bin/env node
// A tiny dependency-free static server for the assembled site (build/web).
//   node web/tools/serve.mjs [ROOT]      ROOT defaults to build/web; PORT env (default 8080)
// Binds 127.0.0.1 only, serves GET/HEAD, never lists directories, never leaves ROOT.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

// The page carries the same policy in a <meta> tag; the header adds what a meta tag cannot
// (frame-ancestors). A meta tag does not reach the analysis worker, whose policy comes with
// its own script: the header goes on scripts too when the WebAssembly glue can run under it,
// that is when wasm/clusop.mjs does not build functions from strings (embind does unless
// linked with -sDYNAMIC_EXECUTION=0; see web/README.md).
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

export function glueNeedsEval(root) {
  try {
    return /new Function\(|\beval\(/.test(fs.readFileSync(path.join(root, 'wasm', 'clusop.mjs'), 'utf8'));
  } catch {
    return true;
  }
}

// options.scriptCsp: true / false, or 'auto' (default): on scripts unless the glue needs eval.
export function createStaticServer(rootDir, { scriptCsp = 'auto' } = {}) {
  const root = path.resolve(rootDir);
  const cspOnScripts = scriptCsp === 'auto' ? !glueNeedsEval(root) : Boolean(scriptCsp);
  return http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    const urlPath = (req.url ?? '/').split(/[?#]/)[0];
    let file = resolveInside(root, urlPath);
    if (file === null) return send(400, 'bad path\n');
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!urlPath.endsWith('/')) return send(301, '', { Location: urlPath + '/' });
        file = path.join(file, 'index.html');
      }
      fs.stat(file, (err2, st2) => {
        if (err2 || !st2.isFile()) return send(404, 'not found\n');
        const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
        const headers = {
          'Content-Type': type,
          'Content-Length': st2.size,
          'Cache-Control': 'no-cache',
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
        };
        if (type.startsWith('text/html') || (cspOnScripts && type.startsWith('text/javascript'))) headers['Content-Security-Policy'] = CSP;
        res.writeHead(200, headers);
        if (req.method === 'HEAD') return res.end();
        fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
      });
    });
  });
}

// Starts a server; resolves with {server, url}. port 0 picks a free port.
export function serve({ root, port = 8080, host = '127.0.0.1', scriptCsp = 'auto' }) {
  const server = createStaticServer(root, { scriptCsp });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}/` });
    });
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(process.argv[2] ?? path.join(here, '../../build/web'));
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    process.stderr.write(`clusop web app: ${root}/index.html is missing; build the site first: cmake --workflow --preset wasm\n`);
    process.exit(1);
  }
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`clusop web app: PORT must be a port number, got ${process.env.PORT}\n`);
    process.exit(2);
  }
  serve({ root, port }).then(({ url }) => {
    process.stdout.write(`clusop web app: ${url}\n`);
  }, (err) => {
    process.stderr.write(`clusop web app: cannot listen on 127.0.0.1:${port}: ${err.message}\n`);
    process.exit(1);
  });
}
