#!/usr/bin/env node
// Builds the widget's front end, one self-contained ES module (run by CMakeLists.txt; Node, no
// dependencies):
//   - the web app's own modules (tree, summary, labels, plan text, core call, exporters) and
//     the Emscripten glue, copied from the BUILT site (build/web, `cmake --workflow --preset
//     wasm`), each wrapped in a function scope;
//   - the WebAssembly core (build/web/wasm/clusop.wasm) inlined as base64: no network, ever;
//   - the site's stylesheet rewritten for a shadow root (:root -> :host, JupyterLab's light/dark
//     theme honoured), and the site's own markup for the summary and tree panels (index.html).
// The web modules draw into the element they are given (the plan view, the application view):
// the bundle changes nothing in them but their import and export statements.
//
//   node build_bundle.mjs --web build/web --entry js/widget.js --css js/widget.css --out widget.js
import fs from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['web', 'entry', 'css', 'out']) if (!args[k]) throw new Error(`missing --${k}`);
  return args;
}

function fail(message) {
  process.stderr.write(`build_bundle: ${message}\n`);
  process.exit(1);
}

const IMPORT_NAMED = /^[ \t]*import\s*\{([^}]*)\}\s*from\s*(['"])([^'"]+)\2\s*;?[ \t]*$/gm;
const IMPORT_DEFAULT = /^[ \t]*import\s+([A-Za-z_$][\w$]*)\s+from\s*(['"])([^'"]+)\2\s*;?[ \t]*$/gm;
const IMPORT_STAR = /^[ \t]*import\s*\*\s*as\s+([A-Za-z_$][\w$]*)\s+from\s*(['"])([^'"]+)\2\s*;?[ \t]*$/gm;
const LEFTOVER = /^[ \t]*(?:import\s*[\w{*'"]|export\b)/m;

// The modules the entry imports through "web:<path in build/web>" and, inside them, through
// relative paths; "bundle:assets" and "bundle:styles" are made here.
function resolve(spec, fromFile, webDir) {
  if (spec.startsWith('web:')) return path.join(webDir, spec.slice(4));
  if (spec.startsWith('bundle:')) return spec;
  if (spec.startsWith('./') || spec.startsWith('../')) return path.resolve(path.dirname(fromFile), spec);
  fail(`${fromFile}: cannot resolve import '${spec}' (only web:, bundle: and relative imports)`);
  return null;
}

function scanImports(source, file, webDir) {
  const found = [];
  for (const re of [IMPORT_NAMED, IMPORT_DEFAULT, IMPORT_STAR]) {
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(source)) !== null) found.push(resolve(m[3], file, webDir));
  }
  return found;
}

// import statements -> destructuring of the imported module's object
function rewriteImports(source, file, webDir, varOf) {
  const binding = (spec) => {
    const v = varOf.get(resolve(spec, file, webDir));
    if (!v) fail(`${file}: '${spec}' was not bundled`);
    return v;
  };
  return source
    .replace(IMPORT_NAMED, (_, names, __, spec) => {
      const parts = names.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
        const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(s);
        if (!m) fail(`${file}: unsupported import binding '${s}'`);
        return m[2] ? `${m[1]}: ${m[2]}` : m[1];
      });
      return `const { ${parts.join(', ')} } = ${binding(spec)};`;
    })
    .replace(IMPORT_DEFAULT, (_, name, __, spec) => `const ${name} = ${binding(spec)}.default;`)
    .replace(IMPORT_STAR, (_, name, __, spec) => `const ${name} = ${binding(spec)};`);
}

// export statements -> plain declarations, the exported names collected
function stripExports(source, file) {
  const names = [];
  let out = source
    .replace(/^([ \t]*)export\s+((?:async\s+)?function\s*\*?\s*([\w$]+))/gm, (_, ind, decl, name) => {
      names.push([name, name]);
      return ind + decl;
    })
    .replace(/^([ \t]*)export\s+(class\s+([\w$]+))/gm, (_, ind, decl, name) => {
      names.push([name, name]);
      return ind + decl;
    })
    .replace(/^([ \t]*)export\s+((?:const|let|var)\s+([\w$]+)\s*=)/gm, (_, ind, decl, name) => {
      names.push([name, name]);
      return ind + decl;
    })
    .replace(/^([ \t]*)export\s+default\s+/gm, (_, ind) => {
      names.push(['default', '__default_export']);
      return `${ind}const __default_export = `;
    })
    .replace(/^[ \t]*export\s*\{([^}]*)\}\s*;?/gm, (_, list) => {
      for (const s of list.split(',').map((x) => x.trim()).filter(Boolean)) {
        const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(s);
        if (!m) fail(`${file}: unsupported export '${s}'`);
        names.push([m[2] || m[1], m[1]]);
      }
      return '';
    });
  if (LEFTOVER.test(out)) fail(`${file}: an import/export form this bundler does not handle`);
  return { out, names };
}

// ---------------------------------------------------------------- the stylesheet
function shadowCss(appCss, widgetCss) {
  const light = /:root\s*\{([^}]*)\}/.exec(appCss);
  const dark = /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}\s*\}/.exec(appCss);
  if (!light || !dark) fail('app.css: the light and dark :root variable blocks were not found');
  let css = appCss
    .replace(/:root\b/g, ':host')
    .replace(/^html\s*\{/m, ':host {')
    .replace(/^body\s*\{/m, '.clusop-widget {');
  // JupyterLab says which theme it shows: that wins over the OS preference
  css += `\n/* JupyterLab's theme (body[data-jp-theme-light]) over the OS colour scheme */\n`;
  css += `:host-context(body[data-jp-theme-light="true"]) {${light[1]}}\n`;
  css += `:host-context(body[data-jp-theme-light="false"]) {${dark[1]}}\n`;
  return `${css}\n/* ---- the widget (notebook-widget/js/widget.css) ---- */\n${widgetCss}`;
}

function sectionOf(html, className) {
  const re = new RegExp(`<section class="panel ${className}"[\\s\\S]*?</section>`);
  const m = re.exec(html);
  if (!m) fail(`index.html: no <section class="panel ${className}">`);
  if ((m[0].match(/<section\b/g) || []).length !== 1) fail(`index.html: nested section in ${className}`);
  return m[0];
}

// ---------------------------------------------------------------- main
function main() {
  const args = parseArgs(process.argv.slice(2));
  const webDir = path.resolve(args.web);
  const entry = path.resolve(args.entry);
  const read = (f) => {
    if (!fs.existsSync(f)) fail(`missing ${f}: build the site first (cmake --workflow --preset wasm)`);
    return fs.readFileSync(f, 'utf8');
  };

  const wasm = fs.readFileSync(path.join(webDir, 'wasm', 'clusop.wasm'));
  if (wasm.readUInt32LE(0) !== 0x6d736100) fail('clusop.wasm is not WebAssembly');
  const html = read(path.join(webDir, 'index.html'));
  const markup = `${sectionOf(html, 'result-panel')}\n${sectionOf(html, 'tree-panel')}`;
  const css = shadowCss(read(path.join(webDir, 'app.css')), read(path.resolve(args.css)));

  // depth-first: dependencies before their importers
  const order = [];
  const state = new Map();
  const visit = (file, from) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'active') fail(`import cycle through ${file}`);
    state.set(file, 'active');
    if (!file.startsWith('bundle:')) {
      const src = read(file);
      for (const dep of scanImports(src, file, webDir)) visit(dep, file);
    }
    state.set(file, 'done');
    if (file !== entry) order.push(file);
  };
  visit(entry, null);

  const varOf = new Map();
  order.forEach((f, i) => varOf.set(f, `__m${i}_${path.basename(f).replace(/\W/g, '_')}`));

  const chunks = [];
  chunks.push(`// clusop notebook widget: generated by notebook-widget/js/build_bundle.mjs from ${path.basename(webDir)}/ (the built site); do not edit.`);
  chunks.push(`// Contains the web app's modules (web/site/js), the Emscripten glue and the WebAssembly core of clusop.`);
  for (const f of order) {
    const v = varOf.get(f);
    if (f === 'bundle:assets') {
      chunks.push(`const ${v} = {
  WASM_BASE64: ${JSON.stringify(wasm.toString('base64'))},
  APP_CSS: ${JSON.stringify(css)},
  SITE_MARKUP: ${JSON.stringify(markup)},
};`);
      continue;
    }
    if (f === 'bundle:styles') {
      // the stylesheet alone (clusop report: no core, no site markup)
      chunks.push(`const ${v} = { APP_CSS: ${JSON.stringify(css)} };`);
      continue;
    }
    const src = rewriteImports(read(f), f, webDir, varOf);
    const { out, names } = stripExports(src, f);
    const rel = path.relative(webDir, f);
    chunks.push(`// ---- ${rel} ----
const ${v} = (() => {
${out}
return { ${names.map(([exp, local]) => (exp === local ? exp : `${JSON.stringify(exp)}: ${local}`)).join(', ')} };
})();`);
  }
  const entrySrc = rewriteImports(read(entry), entry, webDir, varOf);
  chunks.push(`// ---- the widget (notebook-widget/js/widget.js) ----\n${entrySrc}`);
  const bundle = chunks.join('\n\n') + '\n';

  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(args.out, bundle);
  process.stdout.write(`build_bundle: ${args.out} (${(bundle.length / 1024).toFixed(0)} KB; ${order.length} modules; wasm ${(wasm.length / 1024).toFixed(0)} KB)\n`);
}

main();
