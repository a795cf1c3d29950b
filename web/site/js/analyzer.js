// The main thread's side of the analysis worker. One request in flight at a time; while it
// runs, only the latest pending request is kept (older ones are dropped unseen), so typing
// into a huge plan never queues up work and the page never waits on the core.
export class Analyzer {
  constructor(onResult, onReady, onFatal) {
    this.onResult = onResult;
    this.busy = false;
    this.pending = null;
    this.seq = 0;
    this.ready = new Promise((resolve) => {
      this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      this.worker.onmessage = (event) => {
        const msg = event.data;
        if (msg.type === 'ready') {
          onReady(msg.version);
          resolve(true);
        } else if (msg.type === 'fatal') {
          onFatal(msg.message);
          resolve(false);
        } else if (msg.type === 'result') {
          this.busy = false;
          const latest = this.pending === null && msg.id === this.seq;
          this.onResult(msg, latest);
          this.flush();
        }
      };
      this.worker.onerror = (event) => {
        onFatal(event.message || 'the analysis worker failed to start');
        resolve(false);
      };
    });
  }

  // Queues an analysis of source ({plan: text} or {file: File}, read as bytes by the worker)
  // with options; returns its sequence number.
  submit(source, options) {
    this.seq += 1;
    this.pending = { id: this.seq, plan: source.plan, file: source.file, options };
    this.flush();
    return this.seq;
  }

  flush() {
    if (this.busy || this.pending === null) return;
    const job = this.pending;
    this.pending = null;
    this.busy = true;
    this.worker.postMessage(job);
  }
}
