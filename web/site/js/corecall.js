// How the page calls the WebAssembly core: the request as UTF-8 bytes, never as a JS string.
// Shared by the worker and web/bench/paste_to_tree.mjs, so that the benchmark times the call
// the site makes.
//
// Through the C entry point when the build exports it (_clusop_analyze, _clusop_free, _malloc,
// _free): the request is encoded straight into the wasm heap and the answer decoded in one go.
// Otherwise through embind's analyze() given a Uint8Array, which it copies as is (a string
// would take its slower character-by-character conversion both ways).
//
// call(request string) -> answer string; call.bytes(request bytes) -> answer string.
export function analyzer(core) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const cEntry = typeof core._clusop_analyze === 'function' && typeof core._clusop_free === 'function' &&
    typeof core._malloc === 'function' && typeof core._free === 'function' && core.HEAPU8 !== undefined;
  if (!cEntry) {
    const call = (request) => core.analyze(encoder.encode(request));
    call.bytes = (request) => core.analyze(request);
    call.path = 'embind';
    return call;
  }
  const callBytes = (request) => {
    const input = core._malloc(request.length + 1);
    if (!input) throw new Error('out of memory for the request');
    try {
      core.HEAPU8.set(request, input);
      core.HEAPU8[input + request.length] = 0;
      const output = core._clusop_analyze(input, request.length);
      if (!output) throw new Error('out of memory for the answer');
      const heap = core.HEAPU8;
      const text = decoder.decode(heap.subarray(output, heap.indexOf(0, output)));
      core._clusop_free(output);
      return text;
    } finally {
      core._free(input);
    }
  };
  const call = (request) => {
    const room = request.length * 3 + 1;
    const input = core._malloc(room);
    if (!input) throw new Error('out of memory for the request');
    try {
      const { written } = encoder.encodeInto(request, core.HEAPU8.subarray(input, input + room - 1));
      core.HEAPU8[input + written] = 0;
      const output = core._clusop_analyze(input, written);
      if (!output) throw new Error('out of memory for the answer');
      const heap = core.HEAPU8; // the heap may have grown: take a fresh view
      const text = decoder.decode(heap.subarray(output, heap.indexOf(0, output)));
      core._clusop_free(output);
      return text;
    } finally {
      core._free(input);
    }
  };
  call.bytes = callBytes;
  call.path = 'c_entry';
  return call;
}

// The request for a plan given as bytes (a file), with the bytes as they are: only the
// characters JSON cannot hold raw are escaped, nothing is decoded, so the core decides what the
// bytes are (UTF-8 or not, a plan or not) as it does for every face.
export function planRequestBytes(plan, options = {}) {
  const encoder = new TextEncoder();
  const rest = JSON.stringify(options);
  const head = encoder.encode('{"plan":"');
  const tail = encoder.encode(rest === '{}' ? '"}' : `",${rest.slice(1)}`);
  let extra = 0;
  for (let i = 0; i < plan.length; i++) {
    const b = plan[i];
    if (b === 0x22 || b === 0x5c || b === 0x0a || b === 0x0d || b === 0x09) extra += 1;
    else if (b < 0x20) extra += 5;
  }
  const out = new Uint8Array(head.length + plan.length + extra + tail.length);
  out.set(head, 0);
  let o = head.length;
  if (extra === 0) {
    out.set(plan, o);
    o += plan.length;
  } else {
    const hex = '0123456789abcdef';
    for (let i = 0; i < plan.length; i++) {
      const b = plan[i];
      if (b >= 0x20 && b !== 0x22 && b !== 0x5c) {
        out[o++] = b;
      } else if (b === 0x22 || b === 0x5c) {
        out[o++] = 0x5c;
        out[o++] = b;
      } else if (b === 0x0a || b === 0x0d || b === 0x09) {
        out[o++] = 0x5c;
        out[o++] = b === 0x0a ? 0x6e : b === 0x0d ? 0x72 : 0x74; // n r t
      } else {
        out[o++] = 0x5c;
        out[o++] = 0x75; // u
        out[o++] = 0x30;
        out[o++] = 0x30;
        out[o++] = hex.charCodeAt(b >> 4);
        out[o++] = hex.charCodeAt(b & 15);
      }
    }
  }
  out.set(tail, o);
  return out;
}

// The core's words for its codes (clusop_vocabulary, "clusop.vocabulary/1"), for labels.js.
export function vocabularyOf(core) {
  const output = core._clusop_vocabulary();
  if (!output) throw new Error('out of memory for the vocabulary');
  const heap = core.HEAPU8;
  const text = new TextDecoder().decode(heap.subarray(output, heap.indexOf(0, output)));
  core._clusop_free(output);
  return JSON.parse(text);
}
