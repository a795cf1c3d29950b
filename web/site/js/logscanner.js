// The main thread's side of event-log scans, on the analysis worker the Analyzer started (one
// WebAssembly core for the page). Only File handles cross to the worker, never their bytes; a
// new scan cancels the one running.
export class LogScanner {
  constructor(worker) {
    this.worker = worker;
    this.seq = 0;
    this.waiting = new Map(); // id -> {resolve, onProgress}
    worker.addEventListener('message', (event) => this.onMessage(event.data));
  }

  onMessage(msg) {
    const job = this.waiting.get(msg.id);
    if (!job) return;
    if (msg.type === 'scan-progress') {
      if (job.onProgress) job.onProgress(msg);
    } else if (msg.type === 'scan-done' || msg.type === 'kind') {
      this.waiting.delete(msg.id);
      job.resolve(msg);
    }
  }

  // The core's verdict on a file's first bytes: {kind, scanned} or {error}.
  inputKind(file) {
    this.seq += 1;
    const id = `k${this.seq}`;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve });
      this.worker.postMessage({ type: 'kind', id, file });
    });
  }

  // files: [{path, file}]. Resolves with {apps, skipped, bytes, ms} or {error}, or with
  // {cancelled: true} when a newer scan started.
  scan(files, options, onProgress) {
    this.seq += 1;
    const id = this.seq;
    for (const [other, job] of this.waiting) {
      if (typeof other === 'number') {
        this.waiting.delete(other);
        job.resolve({ cancelled: true });
      }
    }
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, onProgress });
      this.worker.postMessage({ type: 'scan', id, files, options });
    });
  }
}

// The files under a drop: folders are walked (webkitGetAsEntry), each file keeps its path
// relative to what was dropped, as a folder picker's webkitRelativePath does. Iterative.
export async function droppedFiles(dataTransfer) {
  const out = [];
  const entries = [];
  for (const item of dataTransfer.items || []) {
    const entry = item.kind === 'file' && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) {
    for (const file of dataTransfer.files || []) out.push({ path: file.name, file });
    return out;
  }
  const pending = [...entries];
  while (pending.length) {
    const entry = pending.shift();
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ path: entry.fullPath.replace(/^\//, ''), file });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) { // readEntries returns a batch at a time until an empty one
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        pending.push(...batch);
      }
    }
  }
  return out;
}

// Files from an <input type=file> (multiple, or a folder with webkitdirectory).
export function pickedFiles(fileList) {
  return [...fileList].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}
