// The page: wires the plan box, the cluster panel, the analysis worker, the summary, the tree,
// share links and exports, and event logs: files, several files or a folder, opened or dropped,
// scanned by the core in the worker into the application view. Everything it needs is loaded
// with the page; afterwards it makes no network request at all.
import examples from '../data/examples.js';
import prices from '../data/prices.js';
import vocabulary from '../data/vocabulary.js';
import { setVocabulary } from './labels.js';
import { Analyzer } from './analyzer.js';
import { ClusterPanel, loadSettings, requestOptions, sanitizeSettings, saveSettings } from './settings.js';
import { buildModel } from './tree.js';
import { PlanView } from './planview.js';
import { utf16Spans } from './plantext.js';
import { decodeShare, encodeShare, shareFromHash, shareUrl } from './share.js';
import { analysisJson, analysisMarkdown, download } from './exporters.js';
import { LogScanner, droppedFiles, pickedFiles } from './logscanner.js';
import { renderAppView } from './appview.js';
import { formatBytes } from './units.js';

setVocabulary(vocabulary); // the core's words, before anything is drawn

const TYPING_DEBOUNCE_MS = 180;
// Links longer than this are cut by mail and chat tools: a larger plan is exported instead.
const SHARE_MAX_URL = 64 * 1024;
// A plan this long is not kept in the plan box: a textarea holding megabytes makes every later
// keystroke and layout slow. It is analysed as it is, and the box says where it went.
const BOX_MAX_CHARS = 1 << 20;

const $ = (id) => document.getElementById(id);
const input = $('plan-input');
const status = $('status');
const result = $('result');
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();

let settings = loadSettings(storage);
let coreVersion = '';
let current = null; // {model, settings} of the analysis on screen
const jobs = new Map(); // seq -> {plan, settings, t0}
let typingTimer = 0;
let scans = null; // the applications of the last event-log scan: [{app, key}]

function setStatus(text, kind = '') {
  status.textContent = text;
  status.dataset.kind = kind;
}

function info(id, text) {
  $(id).textContent = text;
}

// ---- analysis -------------------------------------------------------------------------

const analyzer = new Analyzer(onResult, (version) => {
  coreVersion = version;
  $('core-version').textContent = `clusop ${version} (WebAssembly).`;
}, (message) => {
  setStatus(`The analyser failed to load: ${message}`, 'error');
  showError({ code: 'wasm_unavailable', message: `the WebAssembly analyser failed to load: ${message}` });
});

function analyseNow() {
  clearTimeout(typingTimer);
  outside = null;
  const plan = input.value;
  if (plan.trim() === '') {
    current = null;
    jobs.clear();
    analyzer.seq += 1; // anything still running is stale now
    view.showIdle();
    setStatus('Ready: paste a plan.', 'ready');
    return;
  }
  submitPlan({ plan });
}

// A plan kept out of the box: pasted text over BOX_MAX_CHARS, or a file, which the worker reads
// as bytes and hands to the core as they are ({file}); re-analysed when the settings change.
let outside = null;

function submitPlan(source) {
  const snapshot = { ...settings };
  // the core's Markdown comes with the answer, for the export (no Markdown is written here)
  const seq = analyzer.submit(source, { ...requestOptions(snapshot), markdown: true });
  for (const k of jobs.keys()) if (k < seq) jobs.delete(k);
  jobs.set(seq, { plan: source.plan ?? null, settings: snapshot, t0: performance.now() });
  result.dataset.state = 'busy';
  result.setAttribute('aria-busy', 'true');
  setStatus('Analysing…', 'busy');
}

function schedule(delay) {
  clearTimeout(typingTimer);
  if (delay <= 0) analyseNow();
  else typingTimer = setTimeout(analyseNow, delay);
}

function showError(error) {
  current = null;
  view.showError(error);
  result.removeAttribute('aria-busy');
}

function onResult(msg, latest) {
  const job = jobs.get(msg.id);
  if (!latest || !job) return; // a newer request is on its way
  jobs.delete(msg.id);
  const t0 = performance.now();
  let analysis;
  try {
    analysis = JSON.parse(msg.response);
  } catch {
    showError({ code: 'bad_answer', message: 'the analyser returned something that is not JSON' });
    setStatus('Could not analyse.', 'error');
    finish(msg, job, null);
    return;
  }
  if (analysis.error) {
    showError(analysis.error);
    setStatus('Could not read the input: see the message.', 'error');
    finish(msg, job, null);
    return;
  }
  if (analysis.schema === 'clusop.engine_report/1') {
    // the engine's report without a plan: the core's sentence says what to paste with it
    showError({ code: 'engine_report_alone', message: analysis.recommendation });
    setStatus('An engine report without a plan: see the message.', 'error');
    finish(msg, job, null);
    return;
  }
  const plan = job.plan ?? msg.plan; // a file's text comes back from the worker that read it
  const spans = msg.spans ?? utf16Spans(plan, analysis.nodes); // identity for ASCII plans
  const model = buildModel(analysis, plan, spans);
  const fb = analysis.fallbacks.length;
  showAnalysis(model, job.settings, `Analysed in ${msg.ms.toFixed(1)} ms: ${analysis.verdict.kind}${fb ? `, ${fb} fallback${fb > 1 ? 's' : ''}` : ''}.`)
    .then((renderMs) => {
      if (renderMs !== null) finish(msg, job, renderMs);
    });
}

// Shows an analysis (a pasted plan's, or the final plan of a scanned SQL execution) in the
// summary and the tree; resolves with the time it took once the tree is complete, or null
// when a newer analysis took over.
function showAnalysis(model, shownSettings, statusText) {
  const t0 = performance.now();
  const { analysis } = model;
  current = { model, settings: shownSettings };
  $('share-box').hidden = true;
  const drawn = view.show(model);
  const coreTable = analysis.waste.inputs && analysis.waste.inputs.price_table_version;
  if (coreTable && coreTable !== prices.version) {
    $('waste-note').textContent += ` The core priced with table ${coreTable}; the panel lists table ${prices.version}.`;
  }
  // a scanned plan's text stays in the log: there is nothing to share but the log itself
  $('share').disabled = model.plan === '';
  setStatus(statusText, 'ready');
  return drawn.then((complete) => {
    if (!complete || !current || current.model !== model) return null; // a newer analysis took over
    result.removeAttribute('aria-busy');
    return performance.now() - t0;
  });
}

function finish(msg, job, renderMs) {
  result.dataset.seq = String(msg.id);
  document.dispatchEvent(new CustomEvent('clusop:rendered', {
    detail: { seq: msg.id, analyzeMs: msg.ms, renderMs, totalMs: performance.now() - job.t0 },
  }));
}

// ---- the plan view: summary, tree and node details (js/planview.js) -----------------------

const view = new PlanView(document, {
  onDrawn: () => {},
});

// ---- input: typing, pasting, dropping, examples ------------------------------------------

let lastLength = 0;
// An example's Photon setting belongs to the example: the user's own setting comes back as soon
// as the box holds anything else (a vanilla plan pasted after a Photon example is not judged as
// running on Photon), and it is never saved as the user's.
let photonBeforeExample = null;
function restoreUserPhoton() {
  if (photonBeforeExample === null) return;
  panel.setPhoton(photonBeforeExample);
  photonBeforeExample = null;
  settings = panel.read();
}

input.addEventListener('input', (e) => {
  restoreUserPhoton();
  const t = e.inputType || '';
  const delta = Math.abs(input.value.length - lastLength);
  lastLength = input.value.length;
  forgetSharedHash();
  info('input-info', '');
  if (input.value.length > BOX_MAX_CHARS) {
    takeOutOfBox(input.value);
    return;
  }
  // a paste, a drop or a programmatic change is analysed at once; typing waits for a pause
  const immediate = t === '' || t.startsWith('insertFromPaste') || t.startsWith('insertFromDrop') || t === 'deleteByCut' || delta > 1;
  schedule(immediate ? 0 : TYPING_DEBOUNCE_MS);
});

// A huge paste leaves the box (which would slow every later keystroke) and is analysed as is.
function takeOutOfBox(text) {
  clearTimeout(typingTimer);
  input.value = '';
  lastLength = 0;
  info('input-info', `${formatBytes(text.length)} pasted: too large to keep in the box, analysed as it is (share it with an export).`);
  outside = { plan: text };
  submitPlan(outside);
}

function setPlan(text, note, { example = false } = {}) {
  if (!example) restoreUserPhoton();
  if (text.length > BOX_MAX_CHARS) {
    takeOutOfBox(text);
    return;
  }
  input.value = text;
  lastLength = text.length;
  info('input-info', note || '');
  analyseNow();
}

// One file: the core looks at its first bytes; an event log (plain, compressed or zipped) is
// scanned, anything else is read as one plan.
async function loadFile(file) {
  const verdict = await scanner.inputKind(file);
  if (verdict.error) {
    info('input-info', verdict.error);
    return;
  }
  if (verdict.scanned) {
    scanFiles([{ path: file.name, file }]);
    return;
  }
  // the worker reads the file's bytes and hands them to the core as they are: the page never
  // decodes it, and the plan box is not used (a file of megabytes would freeze it)
  restoreUserPhoton();
  forgetSharedHash();
  clearTimeout(typingTimer);
  input.value = '';
  lastLength = 0;
  info('input-info', `${file.name} (${formatBytes(file.size)}), read as bytes in this page: its plan is not copied into the box.`);
  outside = { file };
  submitPlan(outside);
}


const dropZone = $('drop-zone');
document.addEventListener('dragover', (e) => {
  e.preventDefault();
  dropZone.classList.add('dragging');
});
document.addEventListener('dragleave', (e) => {
  if (e.target === document.documentElement || !e.relatedTarget) dropZone.classList.remove('dragging');
});
document.addEventListener('drop', async (e) => {
  e.preventDefault();
  dropZone.classList.remove('dragging');
  const files = e.dataTransfer ? e.dataTransfer.files : null;
  if (files && files.length) {
    const listed = await droppedFiles(e.dataTransfer);
    if (listed.length === 1 && listed[0].path === listed[0].file.name) loadFile(listed[0].file);
    else if (listed.length) scanFiles(listed);
    else info('input-info', 'The drop held no file.');
    return;
  }
  const text = e.dataTransfer ? e.dataTransfer.getData('text/plain') : '';
  if (text) {
    forgetSharedHash();
    setPlan(text, 'Dropped text.');
  }
});
$('open-file').addEventListener('click', () => $('file-input').click());
$('file-input').addEventListener('change', (e) => {
  const files = e.target.files ? [...e.target.files] : [];
  if (files.length === 1) loadFile(files[0]);
  else if (files.length > 1) scanFiles(pickedFiles(files));
  e.target.value = '';
});
$('open-folder').addEventListener('click', () => $('folder-input').click());
$('folder-input').addEventListener('change', (e) => {
  const files = e.target.files ? pickedFiles(e.target.files) : [];
  if (files.length) scanFiles(files);
  else info('input-info', 'That folder holds no file.');
  e.target.value = '';
});

// ---- event logs -----------------------------------------------------------------------------

const scanner = new LogScanner(analyzer.worker);
const appPanel = $('app-panel');

function showScanProgress(msg) {
  const bar = $('scan-progress');
  bar.max = Math.max(1, msg.total);
  bar.value = msg.read;
  const pct = msg.total ? Math.floor((100 * msg.read) / msg.total) : 100;
  info('scan-status', `Reading ${msg.path || 'the logs'}: ${formatBytes(msg.read)} of ${formatBytes(msg.total)} (${pct}%).`);
}

// files: [{path, file}]; the core groups them into applications and reads each.
// A user's rules file: its text goes to the core with every scan (evaluated there, as on the
// command line's --rules); choosing one reads the last logs again.
let userRules = null;
let lastScanned = null;
$('rules-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  userRules = file ? await file.text() : null;
  $('rules-status').textContent = file ? `${file.name}: evaluated with the built-in rules` : '';
  if (lastScanned) scanFiles(lastScanned);
});

async function scanFiles(files) {
  lastScanned = files;
  forgetSharedHash();
  appPanel.hidden = false;
  appPanel.dataset.state = 'busy';
  appPanel.setAttribute('aria-busy', 'true');
  $('scan-progress').hidden = false;
  $('scan-progress').value = 0;
  $('app-error').hidden = true;
  $('app-picker-box').hidden = true;
  $('app-view').replaceChildren();
  const total = files.reduce((s, f) => s + f.file.size, 0);
  info('scan-status', `Reading ${files.length} file${files.length === 1 ? '' : 's'} (${formatBytes(total)}) in this page…`);
  setStatus('Reading the event log…', 'busy');
  const t0 = performance.now();
  const options = requestOptions({ ...settings });
  if (userRules !== null) options.rules = userRules;
  const done = await scanner.scan(files, options, showScanProgress);
  if (done.cancelled) return;
  $('scan-progress').hidden = true;
  appPanel.removeAttribute('aria-busy');
  showScan(done, files.length, performance.now() - t0);
  appPanel.dataset.state = 'done';
  appPanel.dataset.seq = String(Number(appPanel.dataset.seq || 0) + 1);
  document.dispatchEvent(new CustomEvent('clusop:scanned', { detail: { ms: done.ms, bytes: done.bytes } }));
}

function scanError(message, code) {
  $('app-error').hidden = false;
  $('app-error-message').textContent = message;
  $('app-error-code').textContent = code;
}

function showScan(done, fileCount, ms) {
  if (done.error) {
    scanError(done.error.message, done.error.code);
    info('scan-status', '');
    setStatus('Could not read the event log: see the message.', 'error');
    return;
  }
  scans = [];
  const problems = [];
  for (const part of done.apps) {
    let doc = null;
    try {
      doc = JSON.parse(part.response);
    } catch {
      problems.push(`${part.app_key}: the core returned something that is not JSON`);
      continue;
    }
    if (part.readError) problems.push(part.readError);
    if (doc.error) {
      problems.push(`${part.parts.join(', ')}: ${doc.error.message}`);
      continue;
    }
    for (const e of doc.errors || []) problems.push(`${e.path}: ${e.message}`);
    for (const app of doc.applications) scans.push({ app, key: part.app_key, ruleErrors: doc.rule_errors || [] });
  }
  for (const s of done.skipped || []) problems.push(`${s.path}: ${s.message}`);
  const whole = done.document ? JSON.parse(done.document) : null;
  if (whole && !whole.error) { // the core's words on everything unread (clusop_scan_document)
    problems.length = 0;
    for (const e of whole.errors || []) problems.push(`${e.path}: ${e.message}`);
  }
  const readable = scans.filter((s) => s.app.read && s.app.read.events > 0);
  if (problems.length) scanError(problems.join('\n'), readable.length ? 'some_files_unread' : 'nothing_read');
  if (readable.length === 0) {
    scans = [];
    info('scan-status', `Nothing readable in ${fileCount} file${fileCount === 1 ? '' : 's'}.`);
    setStatus('Could not read the event log: see the message.', 'error');
    return;
  }
  scans = readable;
  const picker = $('app-picker');
  picker.replaceChildren(...scans.map((s, i) => {
    const opt = document.createElement('option');
    opt.value = String(i);
    opt.textContent = `${s.app.app_id || s.key}${s.app.name ? ` (${s.app.name})` : ''}`;
    return opt;
  }));
  $('app-picker-box').hidden = scans.length < 2;
  info('scan-status', `Read ${formatBytes(done.bytes)} in ${(ms / 1000).toFixed(2)} s: ${scans.length} application${scans.length === 1 ? '' : 's'}.`);
  setStatus(`Event log read: ${scans.length} application${scans.length === 1 ? '' : 's'}.`, 'ready');
  showApp(0);
}

function showApp(i) {
  const { app, ruleErrors } = scans[i];
  renderAppView($('app-view'), app, { onOpenPlan: (execution) => openExecutionPlan(app, execution), ruleErrors });
}

$('app-picker').addEventListener('change', (e) => showApp(Number(e.target.value)));

function openExecutionPlan(app, execution) {
  analyzer.seq += 1; // a plan analysis still running is stale now
  jobs.clear();
  const seq = analyzer.seq;
  const model = buildModel(execution.analysis, '', null);
  const fb = execution.analysis.fallbacks.length;
  info('input-info', `Showing the final plan of SQL execution ${execution.execution_id} of ${app.app_id || 'the application'}, from the event log.`);
  $('h-result').scrollIntoView({ block: 'start' });
  showAnalysis(model, { ...settings }, `SQL execution ${execution.execution_id}: ${execution.analysis.verdict.kind}${fb ? `, ${fb} fallback${fb > 1 ? 's' : ''}` : ''}.`).then((renderMs) => {
    if (renderMs === null) return;
    result.dataset.seq = String(seq);
    document.dispatchEvent(new CustomEvent('clusop:rendered', { detail: { seq, execution: execution.execution_id, renderMs } }));
  });
}

const exampleSelect = $('example-select');
for (const ex of examples) {
  const opt = document.createElement('option');
  opt.value = ex.id;
  opt.textContent = ex.title;
  exampleSelect.appendChild(opt);
}
exampleSelect.addEventListener('change', () => {
  const ex = examples.find((e) => e.id === exampleSelect.value);
  const desc = $('example-description');
  if (!ex) {
    desc.hidden = true;
    return;
  }
  desc.hidden = false;
  desc.textContent = `${ex.description} (${ex.source}${ex.photon ? `; sets Photon ${ex.photon}` : ''})`;
  restoreUserPhoton();
  if (ex.photon && ex.photon !== settings.photon) {
    photonBeforeExample = settings.photon;
    panel.setPhoton(ex.photon);
    settings = panel.read();
  }
  forgetSharedHash();
  setPlan(ex.plan, '', { example: true });
});

// ---- cluster panel ------------------------------------------------------------------------

const panel = new ClusterPanel(prices, (next) => {
  photonBeforeExample = null; // the user chose: their setting now
  settings = next;
  saveSettings(storage, settings);
  forgetSharedHash();
  if (outside) submitPlan(outside);
  else if (input.value.trim() !== '') analyseNow();
});
panel.write(settings);
settings = panel.read();
$('price-version').textContent = prices.version;

// ---- share and export -------------------------------------------------------------------

function forgetSharedHash() {
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

$('share').addEventListener('click', async () => {
  if (!current) return;
  const box = $('share-box');
  try {
    const encoded = await encodeShare(current.model.plan, current.settings);
    const url = shareUrl(location, encoded);
    box.hidden = false;
    const field = $('share-url');
    if (url.length > SHARE_MAX_URL) {
      field.value = '';
      field.hidden = true;
      $('share-too-long').hidden = false;
      info('share-info', `This plan makes a link of ${formatBytes(url.length)}: too long to share (mail, chat and some browsers cut links over ${formatBytes(SHARE_MAX_URL)}). Export the analysis instead:`);
      return;
    }
    field.hidden = false;
    $('share-too-long').hidden = true;
    field.value = url;
    field.focus();
    field.select();
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(url);
        copied = true;
      }
    } catch {
      copied = false;
    }
    info('share-info', `${copied ? 'Copied to the clipboard. ' : 'Select the link and copy it. '}${formatBytes(url.length)} of URL; the plan travels inside the link itself, nothing is uploaded.`);
  } catch (err) {
    box.hidden = false;
    info('share-info', `Could not make a share link: ${err.message}`);
  }
});

for (const [id, target] of [['share-export-json', 'export-json'], ['share-export-md', 'export-md']]) {
  $(id).addEventListener('click', () => $(target).click());
}

function exportName(ext) {
  const a = current.model.analysis;
  return `clusop-${a.engine}-${a.verdict.kind}${a.signature ? `-${a.signature}` : ''}.${ext}`;
}

$('export-json').addEventListener('click', () => {
  if (current) download(exportName('json'), analysisJson(current.model.analysis), 'application/json');
});
$('export-md').addEventListener('click', () => {
  const markdown = current && analysisMarkdown(current.model.analysis);
  if (markdown) download(exportName('md'), markdown, 'text/markdown');
});

async function restoreFromHash() {
  const encoded = shareFromHash(location.hash);
  if (!encoded) return false;
  try {
    const shared = await decodeShare(encoded);
    if (shared.settings) {
      panel.write(sanitizeSettings(shared.settings));
      settings = panel.read();
      // a link's settings apply here and are not remembered until you change one
    }
    setPlan(shared.plan, '');
    info('input-info', 'Opened from a share link: the plan and settings came from the URL itself, nothing was fetched. Your remembered settings are kept until you change one here.');
    return true;
  } catch (err) {
    info('input-info', `This share link could not be opened: ${err.message}.`);
    return false;
  }
}

window.addEventListener('hashchange', () => {
  restoreFromHash();
});

// ---- start --------------------------------------------------------------------------------

(async () => {
  const ok = await analyzer.ready;
  const restored = await restoreFromHash();
  if (!restored && input.value.trim() !== '') analyseNow(); // text kept by the browser across reloads
  if (ok && result.dataset.state === 'idle') setStatus(`Ready: clusop ${coreVersion} runs in this page, offline.`, 'ready');
  document.documentElement.dataset.ready = ok ? 'true' : 'failed';
})();
