// How the page calls the WebAssembly core: the request as UTF-8 bytes, never as a JS string.
// Shared by the worker and web/bench/paste_to_tree.mjs, so that the benchmark times the call
// the site makes.
//
// Through the C entry point when the build exports it (_clusop_analyze, _clusop_free, _malloc,
// _free): the request is encoded straight into the wasm heap and the answer decoded in one go.
// Otherwise through embind's analyze() given a Uint8Array, which it copies as is (a string
// would take its slower character-by-character conversion both ways).
export function analyzer(core) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const cEntry = typeof core._clusop_analyze === 'function' && typeof core._clusop_free === 'function' &&
    typeof core._malloc === 'function' && typeof core._free === 'function' && core.HEAPU8 !== undefined;
  if (!cEntry) {
    const call = (request) => core.analyze(encoder.encode(request));
    call.path = 'embind';
    return call;
  }
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
  call.path = 'c_entry';
  return call;
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
