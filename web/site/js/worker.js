// The analysis worker (a module worker): loads the WebAssembly core once, at page load, and
// answers {id, request} messages with the core's JSON, byte for byte, plus the node spans
// converted from UTF-8 byte offsets to JavaScript string offsets.
import createClusop from '../wasm/clusop.mjs';
import { isAscii, utf16Spans } from './plantext.js';
import { analyzer } from './corecall.js';

let core = null;
let loadError = null;

let analyze = null;

const ready = createClusop().then((module) => {
  core = module;
  analyze = analyzer(module);
  postMessage({ type: 'ready', version: module.version() });
}, (err) => {
  loadError = String(err && err.message ? err.message : err);
  postMessage({ type: 'fatal', message: loadError });
});

onmessage = async (event) => {
  const { id, plan, options } = event.data;
  await ready;
  if (!core) {
    postMessage({ type: 'result', id, response: JSON.stringify({ schema: 'clusop.analysis/1', error: { code: 'wasm_unavailable', message: `the WebAssembly analyser did not load: ${loadError}` } }), spans: null, ms: 0 });
    return;
  }
  const t0 = performance.now();
  let response;
  try {
    response = analyze(JSON.stringify({ plan, ...options }));
  } catch (err) {
    response = JSON.stringify({ schema: 'clusop.analysis/1', error: { code: 'wasm_failure', message: `the WebAssembly analyser failed: ${err && err.message ? err.message : err}` } });
  }
  const ms = performance.now() - t0;
  // Node spans count UTF-8 bytes; for a plan that is not plain ASCII they are converted to
  // string offsets here, off the page's thread (for ASCII they are the same numbers).
  let spans = null;
  if (!isAscii(plan)) {
    try {
      const parsed = JSON.parse(response);
      if (Array.isArray(parsed.nodes)) spans = utf16Spans(plan, parsed.nodes);
    } catch {
      // the page reports an unreadable answer
    }
  }
  postMessage({ type: 'result', id, response, spans, ms }, spans ? [spans.buffer] : []);
};
