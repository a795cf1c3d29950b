// The analysis worker (a module worker): loads the WebAssembly core once, at page load, and
// answers three kinds of message:
//   {id, plan | file, options}     one plan (text, or a File read here as bytes): the core's
//                                  clusop.analysis/1 JSON, byte for byte, plus node spans
//                                  converted from UTF-8 offsets to string offsets
//   {type: 'kind', id, file}       what a file is (the core decides from its first bytes)
//   {type: 'scan', id, files, options}  event logs: zip archives listed by the core from their
//                                  last bytes (clusop_zip_entries), each entry a slice of its
//                                  File; everything grouped into applications by the core
//                                  (clusop_layout), each file read with stream() and fed to
//                                  the core chunk by chunk; progress while reading, then one
//                                  clusop.scan/1 answer per application and the whole document,
//                                  errors worded by the core (clusop_scan_document). A newer
//                                  scan cancels it.
import createClusop from '../wasm/clusop.mjs';
import { isAscii, utf16Spans } from './plantext.js';
import { analyzer, planRequestBytes } from './corecall.js';
import { LogStream, archiveEntries, hasArchiveEntries, hasStreamEntry, layout, scanDocument } from './streamcall.js';

const INPUT_KIND_HEAD_BYTES = 64 * 1024; // the core's kInputKindHeadBytes
const PROGRESS_EVERY_MS = 100;
const ZIP_MAGIC_BYTES = 4;
const SCAN_INDENT = 2; // the command line's; the core cuts applications out of the streams' answers

let core = null;
let loadError = null;

let analyze = null;

const ready = createClusop().then((module) => {
  core = module;
  analyze = analyzer(module);
  postMessage({ type: 'ready', version: module.version(), scans: hasStreamEntry(module) });
}, (err) => {
  loadError = String(err && err.message ? err.message : err);
  postMessage({ type: 'fatal', message: loadError });
});

function errorText(err) {
  return String(err && err.message ? err.message : err);
}

onmessage = async (event) => {
  await ready;
  const { type } = event.data;
  if (type === 'scan') return scan(event.data);
  if (type === 'kind') return kind(event.data);
  return analysePlan(event.data);
};

// A plan as text (the plan box), or a file read here as bytes and handed to the core as they
// are; the file's text goes back to the page (decoded once the core has read it) for the
// node texts, never through the plan box.
async function analysePlan({ id, plan, file, options }) {
  if (!core) {
    postMessage({ type: 'result', id, response: JSON.stringify({ schema: 'clusop.analysis/1', error: { code: 'wasm_unavailable', message: `the WebAssembly analyser did not load: ${loadError}` } }), spans: null, ms: 0 });
    return;
  }
  let bytes = null;
  if (file) {
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      postMessage({ type: 'result', id, response: JSON.stringify({ schema: 'clusop.analysis/1', error: { code: 'file_unreadable', message: `could not read ${file.name}: ${errorText(err)}` } }), spans: null, ms: 0 });
      return;
    }
  }
  const t0 = performance.now();
  let response;
  try {
    response = bytes ? analyze.bytes(planRequestBytes(bytes, options)) : analyze(JSON.stringify({ plan, ...options }));
  } catch (err) {
    response = JSON.stringify({ schema: 'clusop.analysis/1', error: { code: 'wasm_failure', message: `the WebAssembly analyser failed: ${errorText(err)}` } });
  }
  const ms = performance.now() - t0;
  if (bytes) {
    // the BOM is kept: the core's byte offsets count it
    plan = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    bytes = null;
  }
  // Node spans count UTF-8 bytes; for a plan that is not plain ASCII they are converted to
  // string offsets here, off the page's thread (for ASCII they are the same numbers).
  let spans = null;
  // a file's text can be megabytes: its spans are made here too, so the page never scans it
  if (file || !isAscii(plan)) {
    try {
      const parsed = JSON.parse(response);
      if (Array.isArray(parsed.nodes)) spans = utf16Spans(plan, parsed.nodes);
    } catch {
      // the page reports an unreadable answer
    }
  }
  postMessage({ type: 'result', id, response, spans, ms, plan: file ? plan : undefined }, spans ? [spans.buffer] : []);
}

async function kind({ id, file }) {
  try {
    if (!core) throw new Error(`the WebAssembly analyser did not load: ${loadError}`);
    const head = new Uint8Array(await file.slice(0, INPUT_KIND_HEAD_BYTES).arrayBuffer());
    const answer = core.inputKind(head, file.size <= INPUT_KIND_HEAD_BYTES);
    postMessage({ type: 'kind', id, kind: answer.kind, scanned: answer.scanned });
  } catch (err) {
    postMessage({ type: 'kind', id, error: `could not read ${file.name}: ${errorText(err)}` });
  }
}

let currentScan = 0;

async function scan({ id, files, options }) {
  currentScan = id;
  const t0 = performance.now();
  if (!core || !hasStreamEntry(core)) {
    postMessage({ type: 'scan-done', id, error: { code: 'wasm_unavailable', message: core ? 'this build of the WebAssembly core cannot read event logs' : `the WebAssembly analyser did not load: ${loadError}` } });
    return;
  }
  let listed;
  try {
    listed = await openArchives(files);
  } catch (err) {
    postMessage({ type: 'scan-done', id, error: { code: 'wasm_failure', message: `the WebAssembly core failed: ${errorText(err)}` } });
    return;
  }
  if (currentScan !== id) return;
  const byPath = new Map(listed.files.map((f) => [f.path, f.file]));
  const names = [...byPath.keys()];
  let grouping;
  try {
    grouping = layout(core, names);
  } catch (err) {
    postMessage({ type: 'scan-done', id, error: { code: 'wasm_failure', message: `the WebAssembly core failed: ${errorText(err)}` } });
    return;
  }
  if (grouping.error) {
    postMessage({ type: 'scan-done', id, error: grouping.error });
    return;
  }
  const total = grouping.applications.reduce((sum, app) => sum + app.parts.reduce((s, p) => s + (byPath.get(p)?.size ?? 0), 0), 0);
  let read = 0;
  let lastProgress = 0;
  const apps = [];
  for (const app of grouping.applications) {
    const stream = new LogStream(core, { name: app.parts[0], ...options, indent: SCAN_INDENT });
    let readError = null;
    let stopped = null;
    try {
      for (let k = 0; k < app.parts.length && !readError; k++) {
        const path = app.parts[k];
        if (k > 0 && !stream.nextFile(path)) break;
        const reader = byPath.get(path).stream().getReader();
        for (;;) {
          let chunk;
          try {
            chunk = await reader.read();
          } catch (err) {
            readError = `could not read ${path}: ${errorText(err)}`;
            stopped = { problem: 'read_failed', path, reason: errorText(err) };
            break;
          }
          if (chunk.done) break;
          if (currentScan !== id) { // a newer scan took over
            reader.cancel();
            stream.finish();
            return;
          }
          read += chunk.value.length;
          const fed = stream.feed(chunk.value);
          const now = performance.now();
          if (now - lastProgress >= PROGRESS_EVERY_MS) {
            lastProgress = now;
            postMessage({ type: 'scan-progress', id, read, total, path });
          }
          if (!fed) { // the core stopped reading this application: finish says why
            reader.cancel();
            break;
          }
        }
        if (stream.failed) break;
      }
    } catch (err) {
      readError = `the WebAssembly core failed: ${errorText(err)}`;
    }
    let response;
    try {
      response = stream.finish();
    } catch (err) {
      response = JSON.stringify({ schema: 'clusop.scan/1', error: { code: 'wasm_failure', message: `the WebAssembly core failed: ${errorText(err)}` } });
    }
    apps.push({ app_key: app.app_key, layout: app.layout, parts: app.parts, in_progress: app.in_progress, response, readError, stopped });
  }
  let document = null;
  if (hasArchiveEntries(core)) {
    try {
      document = scanDocument(core, { paths: names, listing: listed.listing, applications: apps.map((a) => ({ answer: a.response, stopped: a.stopped })), indent: SCAN_INDENT });
    } catch (err) {
      document = JSON.stringify({ schema: 'clusop.scan/1', error: { code: 'wasm_failure', message: `the WebAssembly core failed: ${errorText(err)}` } });
    }
  }
  postMessage({ type: 'scan-progress', id, read: total, total, path: '' });
  postMessage({ type: 'scan-done', id, apps, skipped: grouping.skipped, document, bytes: total, ms: performance.now() - t0 });
}

// Zip archives among the files become their entries, each a slice of the archive's File from
// its local header to the next entry (the core reads an entry from its header on): the core
// lists them from the archive's last bytes, so an archive is never read whole. What cannot be
// listed is a problem for the core to word (clusop_scan_document).
async function openArchives(files) {
  const out = [];
  const listing = [];
  for (const { path, file } of files) {
    let entries = null;
    try {
      entries = hasArchiveEntries(core) ? await zipOf(file) : null;
    } catch (err) {
      listing.push({ path, problem: 'file_unreadable', reason: errorText(err) });
      continue;
    }
    if (entries === null) out.push({ path, file });
    else if (entries.error || !entries.entries) listing.push({ path, problem: 'archive_unreadable', reason: entries.error ? entries.error.message : '' });
    else if (entries.entries.length === 0) listing.push({ path, problem: 'archive_empty', reason: '' });
    else for (const e of entries.entries) out.push({ path: `${path}/${e.name}`, file: file.slice(e.start, e.end) });
  }
  return { files: out, listing };
}

// null when the file is no zip (the core decides from its first bytes); else clusop.zip/1.
async function zipOf(file) {
  const head = new Uint8Array(await file.slice(0, ZIP_MAGIC_BYTES).arrayBuffer());
  if (core.inputKind(head, file.size <= ZIP_MAGIC_BYTES).kind !== 'zip_archive') return null;
  return archiveEntries(core, file.size, async (n) => new Uint8Array(await file.slice(file.size - n).arrayBuffer()));
}
