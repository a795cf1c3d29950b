package com.clusop.listener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POSTs signal batches (JSON) to an endpoint from its own daemon thread, behind a bounded queue:
 * a flush only enqueues, so a slow, hanging or refusing endpoint never blocks the dispatcher or
 * Spark. Each POST has connect/read timeouts; a failure (I/O error, 408, 429 or 5xx) is retried
 * up to {@code retries} more times with exponential backoff (capped at 30 s); other answers are
 * final. Everything is counted, nothing thrown.
 */
final class HttpSink implements Runnable {

  static final long MAX_BACKOFF_MS = 30_000;

  private final URL url;
  private final int connectTimeoutMs;
  private final int readTimeoutMs;
  private final int retries;
  private final long backoffMs;
  private final Map<String, String> headers;
  private final ArrayBlockingQueue<byte[]> queue;
  private final AtomicLong pending = new AtomicLong();
  private volatile boolean closed;
  private final Thread thread;

  final AtomicLong posted = new AtomicLong();
  final AtomicLong attempts = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  volatile String lastError;

  HttpSink(String endpoint, int connectTimeoutMs, int readTimeoutMs, int retries, long backoffMs, int queueSize,
      Map<String, String> headers) throws IOException {
    this.url = new URL(endpoint);
    String protocol = url.getProtocol();
    if (!protocol.equals("http") && !protocol.equals("https")) throw new IOException("not an http(s) URL: " + endpoint);
    this.connectTimeoutMs = connectTimeoutMs;
    this.readTimeoutMs = readTimeoutMs;
    this.retries = retries;
    this.backoffMs = backoffMs;
    this.headers = headers;
    this.queue = new ArrayBlockingQueue<>(queueSize);
    this.thread = new Thread(this, "clusop-http");
    thread.setDaemon(true);
    thread.start();
  }

  /** Never blocks; false (and counted) when the queue is full or the sink is closed. */
  boolean offer(byte[] body) {
    if (closed) {
      dropped.incrementAndGet();
      return false;
    }
    pending.incrementAndGet();
    if (!queue.offer(body)) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Stops taking batches; waits up to {@code timeoutMs} for the queued ones. True if all went out. */
  boolean close(long timeoutMs) {
    closed = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (pending.get() > 0 && System.nanoTime() < deadline && thread.isAlive()) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    boolean done = pending.get() == 0;
    thread.interrupt(); // a POST in flight is bounded by its own timeouts; the thread is a daemon
    if (!done) dropped.addAndGet(queue.size());
    return done;
  }

  @Override
  public void run() {
    while (true) {
      byte[] body;
      try {
        body = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        if (closed) return;
        continue;
      }
      if (body == null) {
        if (closed && queue.isEmpty()) return;
        continue;
      }
      try {
        send(body);
      } catch (Throwable t) {
        failures.incrementAndGet();
        lastError = t.toString();
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  private void send(byte[] body) {
    long delay = backoffMs;
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          failures.incrementAndGet();
          lastError = "interrupted while backing off";
          return;
        }
        delay = Math.min(MAX_BACKOFF_MS, Math.max(1, delay * 2));
      }
      attempts.incrementAndGet();
      int code;
      try {
        code = post(body);
      } catch (IOException e) {
        lastError = e.toString();
        continue;
      }
      if (code >= 200 && code < 300) {
        posted.incrementAndGet();
        return;
      }
      lastError = "HTTP " + code;
      if (!(code == 408 || code == 429 || code >= 500)) break; // final answer: no retry
    }
    failures.incrementAndGet();
  }

  private int post(byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    try {
      c.setConnectTimeout(connectTimeoutMs);
      c.setReadTimeout(readTimeoutMs);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setInstanceFollowRedirects(false);
      c.setFixedLengthStreamingMode(body.length);
      c.setRequestProperty("Content-Type", "application/json; charset=utf-8");
      c.setRequestProperty("User-Agent", "clusop-listener");
      for (Map.Entry<String, String> h : headers.entrySet()) c.setRequestProperty(h.getKey(), h.getValue());
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int code = c.getResponseCode();
      InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
      if (in != null) {
        try (InputStream i = in) {
          i.readNBytes(64 * 1024); // drain a little so the connection can be reused
        }
      }
      return code;
    } finally {
      c.disconnect();
    }
  }
}
