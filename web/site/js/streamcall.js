// How the page feeds event logs to the WebAssembly core: the stream C ABI (clusop.h) over the
// wasm heap. Shared by the worker, the parity test and the scan benchmark, so that they all
// call the core the way the site does. Bytes are copied into one reused heap buffer per
// chunk and handed over; the core keeps what it needs (never the whole file).

function cString(core, text, encoder) {
  const room = text.length * 3 + 1;
  const ptr = core._malloc(room);
  if (!ptr) throw new Error('out of memory for a request');
  const { written } = encoder.encodeInto(text, core.HEAPU8.subarray(ptr, ptr + room - 1));
  core.HEAPU8[ptr + written] = 0;
  return { ptr, length: written };
}

function takeAnswer(core, ptr, decoder) {
  if (!ptr) throw new Error('out of memory for the answer');
  const heap = core.HEAPU8; // the heap may have grown: take a fresh view
  const text = decoder.decode(heap.subarray(ptr, heap.indexOf(0, ptr)));
  core._clusop_free(ptr);
  return text;
}

export function hasStreamEntry(core) {
  return ['_clusop_stream_open', '_clusop_stream_next_file', '_clusop_stream_feed', '_clusop_stream_finish',
    '_clusop_layout', '_clusop_free', '_malloc', '_free'].every((f) => typeof core[f] === 'function');
}

// Whether this build lists zip archives and assembles scan documents (clusop_zip_entries,
// clusop_scan_document).
export function hasArchiveEntries(core) {
  return typeof core._clusop_zip_entries === 'function' && typeof core._clusop_scan_document === 'function';
}

// A zip's entries from its last bytes (clusop.zip/1, parsed): {entries}, {need} or {error}.
export function zipEntries(core, tail, archiveSize) {
  const ptr = core._malloc(Math.max(tail.length, 1));
  if (!ptr) throw new Error('out of memory for a zip directory');
  try {
    core.HEAPU8.set(tail, ptr);
    return JSON.parse(takeAnswer(core, core._clusop_zip_entries(ptr, tail.length, archiveSize), new TextDecoder()));
  } finally {
    core._free(ptr);
  }
}

// A zip's entries, asking for the archive's last bytes until they hold its directory:
// readLast(n) resolves with the last n bytes (a Uint8Array). Never more than the directory and
// the end record are read.
export async function archiveEntries(core, size, readLast) {
  let want = Math.min(size, ZIP_TAIL_BYTES);
  for (;;) {
    const answer = zipEntries(core, await readLast(want), size);
    if (!answer.need || answer.need <= want) return answer;
    want = Math.min(size, answer.need);
  }
}
const ZIP_TAIL_BYTES = 22 + 0xffff; // the end-of-directory record and the longest comment

// The whole scan's clusop.scan/1 document, its errors worded by the core (clusop_scan_document).
export function scanDocument(core, request) {
  const req = cString(core, JSON.stringify(request), new TextEncoder());
  try {
    return takeAnswer(core, core._clusop_scan_document(req.ptr, req.length), new TextDecoder());
  } finally {
    core._free(req.ptr);
  }
}

// Groups paths into applications (clusop.layout/1, parsed).
export function layout(core, paths) {
  const encoder = new TextEncoder();
  const request = cString(core, JSON.stringify({ paths }), encoder);
  try {
    return JSON.parse(takeAnswer(core, core._clusop_layout(request.ptr, request.length), new TextDecoder()));
  } finally {
    core._free(request.ptr);
  }
}

// One application, fed file by file, chunk by chunk. finish() returns the clusop.scan/1 text.
export class LogStream {
  constructor(core, request) {
    this.core = core;
    this.encoder = new TextEncoder();
    this.decoder = new TextDecoder();
    this.buffer = 0;
    this.room = 0;
    this.failed = false;
    const req = cString(core, JSON.stringify(request), this.encoder);
    try {
      this.handle = core._clusop_stream_open(req.ptr, req.length);
    } finally {
      core._free(req.ptr);
    }
    if (!this.handle) throw new Error('out of memory opening the stream');
  }

  // The first file's name goes in the open request; every later file starts here.
  nextFile(name) {
    const req = cString(this.core, name, this.encoder);
    try {
      if (this.core._clusop_stream_next_file(this.handle, req.ptr, req.length) !== 0) this.failed = true;
    } finally {
      this.core._free(req.ptr);
    }
    return !this.failed;
  }

  // bytes: a Uint8Array. False once the stream failed (finish says why).
  feed(bytes) {
    if (this.failed) return false;
    if (bytes.length > this.room) {
      if (this.buffer) this.core._free(this.buffer);
      this.room = Math.max(bytes.length, 1 << 16);
      this.buffer = this.core._malloc(this.room);
      if (!this.buffer) {
        this.room = 0;
        throw new Error('out of memory for a chunk');
      }
    }
    this.core.HEAPU8.set(bytes, this.buffer);
    if (this.core._clusop_stream_feed(this.handle, this.buffer, bytes.length) !== 0) this.failed = true;
    return !this.failed;
  }

  finish() {
    if (this.buffer) this.core._free(this.buffer);
    this.buffer = 0;
    const handle = this.handle;
    this.handle = 0;
    return takeAnswer(this.core, this.core._clusop_stream_finish(handle), this.decoder);
  }
}
