package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP sink against endpoints on 127.0.0.1 (no Spark needed). */
class HttpSinkTest {

  private static final byte[] BODY = "{\"schema\":\"clusop.signal_batch/1\",\"signals\":[]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void postsWithHeaders() throws Exception {
    try (TestServers.Recording server = new TestServers.Recording(0, () -> 200)) {
      HttpSink sink = new HttpSink(server.url(), 1000, 1000, 2, 10, 4, Map.of("Authorization", "Bearer secret"));
      assertTrue(sink.offer(BODY));
      assertTrue(sink.close(10_000));
      assertEquals(1, sink.posted.get());
      assertEquals(1, sink.attempts.get());
      assertEquals(new String(BODY, StandardCharsets.UTF_8), server.bodies.get(0));
      assertEquals("Bearer secret", server.authorization.get(0));
    }
  }

  @Test
  void retriesServerErrorsWithBackoffButNotClientErrors() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServers.Recording server = new TestServers.Recording(0, () -> calls.incrementAndGet() <= 2 ? 503 : 200)) {
      HttpSink sink = new HttpSink(server.url(), 1000, 1000, 3, 50, 4, Map.of());
      long t0 = System.nanoTime();
      sink.offer(BODY);
      assertTrue(sink.close(10_000));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(1, sink.posted.get());
      assertEquals(3, sink.attempts.get());
      assertTrue(ms >= 150, "backoff 50 ms then 100 ms: " + ms);
    }
    try (TestServers.Recording server = new TestServers.Recording(0, () -> 400)) {
      HttpSink sink = new HttpSink(server.url(), 1000, 1000, 3, 10, 4, Map.of());
      sink.offer(BODY);
      assertTrue(sink.close(10_000));
      assertEquals(0, sink.posted.get());
      assertEquals(1, sink.attempts.get(), "a 400 is final");
      assertEquals(1, sink.failures.get());
    }
  }

  @Test
  void refusingEndpointIsBoundedRetries() throws Exception {
    HttpSink sink = new HttpSink(TestServers.refusingUrl(), 500, 500, 2, 10, 4, Map.of());
    sink.offer(BODY);
    assertTrue(sink.close(10_000));
    assertEquals(3, sink.attempts.get());
    assertEquals(1, sink.failures.get());
    assertEquals(0, sink.posted.get());
  }

  @Test
  void hangingEndpointNeverBlocksTheCallerAndCloseIsBounded() throws Exception {
    try (TestServers.Hanging hanging = new TestServers.Hanging()) {
      HttpSink sink = new HttpSink(hanging.url(), 500, 300, 1, 10, 2, Map.of());
      long t0 = System.nanoTime();
      int accepted = 0;
      for (int i = 0; i < 10; i++) if (sink.offer(BODY)) accepted++;
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 200, "offers never wait for the endpoint");
      assertTrue(accepted <= 3, "bounded queue: " + accepted);
      assertTrue(sink.dropped.get() >= 7);
      long c0 = System.nanoTime();
      sink.close(500);
      assertTrue((System.nanoTime() - c0) / 1_000_000 < 2_000, "close waits at most its budget");
      assertEquals(0, sink.posted.get());
    }
  }

  @Test
  void slowEndpointStillDelivers() throws Exception {
    try (TestServers.Recording server = new TestServers.Recording(1500, () -> 200)) {
      HttpSink sink = new HttpSink(server.url(), 1000, 5000, 0, 10, 4, Map.of());
      long t0 = System.nanoTime();
      sink.offer(BODY);
      sink.offer(BODY);
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 100);
      assertTrue(sink.close(10_000));
      assertEquals(2, sink.posted.get());
    }
  }

  @Test
  void rejectsNonHttpUrls() {
    boolean threw = false;
    try {
      new HttpSink("file:///etc/passwd", 1, 1, 0, 0, 1, Map.of());
    } catch (Exception e) {
      threw = true;
    }
    assertTrue(threw);
    assertFalse(Settings.from(Map.of("spark.clusop.sink", "both")).httpOn());
  }
}
