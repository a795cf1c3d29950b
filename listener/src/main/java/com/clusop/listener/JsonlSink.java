package com.clusop.listener;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends signals, one JSON object per line, to {@code <dir>/clusop-signals-<app id>.jsonl}
 * (the directory is created if missing). One append per flush. Failures are counted, never thrown.
 */
final class JsonlSink {

  private final Path file;
  private final ObjectMapper mapper;
  final AtomicLong written = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  volatile String lastError;

  JsonlSink(Path dir, String appId, ObjectMapper mapper) {
    this.file = dir.resolve("clusop-signals-" + safe(appId) + ".jsonl");
    this.mapper = mapper;
  }

  Path file() {
    return file;
  }

  static String safe(String s) {
    String v = s == null || s.isEmpty() ? "unknown-app" : s;
    return v.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Appends each element of {@code signals} (a JSON array) as one line. */
  synchronized void write(JsonNode signals) {
    if (signals == null || signals.size() == 0) return;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(4096 * signals.size());
      for (JsonNode s : signals) {
        out.write(mapper.writeValueAsBytes(s));
        out.write('\n');
      }
      Path dir = file.getParent();
      if (dir != null) Files.createDirectories(dir);
      Files.write(file, out.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      written.addAndGet(signals.size());
    } catch (Throwable t) {
      failures.incrementAndGet();
      lastError = t.toString();
    }
  }
}
