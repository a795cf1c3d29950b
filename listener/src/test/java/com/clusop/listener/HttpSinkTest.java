package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP sink against endpoints on 127.0.0.1 (no Spark needed). */
class HttpSinkTest {

  private static final int HOUR_MS = 3_600_000;
  private static final int HANG_GUARD_S = 300;
  private static final byte[] BODY = "{\"schema\":\"clusop.signal_batch/1\",\"signals\":[]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void postsWithHeaders() throws Exception {
    try (TestServers.Recording server = new TestServers.Recording(() -> 200)) {
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
    try (TestServers.Recording server = new TestServers.Recording(() -> calls.incrementAndGet() <= 2 ? 503 : 200)) {
      HttpSink sink = new HttpSink(server.url(), 1000, 1000, 3, 50, 4, Map.of());
      long t0 = System.nanoTime();
      sink.offer(BODY);
      assertTrue(sink.close(10_000));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(1, sink.posted.get());
      assertEquals(3, sink.attempts.get());
      assertTrue(ms >= 150, "backoff 50 ms then 100 ms: " + ms);
    }
    try (TestServers.Recording server = new TestServers.Recording(() -> 400)) {
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
      // a read timeout of an hour: an offer or a close that waited for this endpoint would not return
      HttpSink sink = new HttpSink(hanging.url(), 500, HOUR_MS, 1, 10, 2, Map.of());
      int accepted = returnsWithoutTheEndpoint(() -> {
        int n = 0;
        for (int i = 0; i < 10; i++) if (sink.offer(BODY)) n++;
        return n;
      });
      assertTrue(accepted <= 3, "bounded queue: " + accepted);
      assertTrue(sink.dropped.get() >= 7);
      assertFalse(returnsWithoutTheEndpoint(() -> sink.close(500)), "nothing was delivered");
      assertEquals(0, sink.posted.get());
    }
  }

  @Test
  void slowEndpointStillDelivers() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (TestServers.Recording server = new TestServers.Recording(gate, () -> 200)) {
      HttpSink sink = new HttpSink(server.url(), 1000, HOUR_MS, 0, 10, 4, Map.of());
      sink.offer(BODY);
      assertTrue(server.received.await(HANG_GUARD_S, TimeUnit.SECONDS), "the first body reached the endpoint");
      // the endpoint holds that answer until the gate opens: offering more must not wait for it
      assertTrue(returnsWithoutTheEndpoint(() -> sink.offer(BODY)));
      assertEquals(0, sink.posted.get());
      gate.countDown();
      assertTrue(sink.close(HANG_GUARD_S * 1000L));
      assertEquals(2, sink.posted.get());
    }
  }

  /**
   * Runs {@code call} on another thread and returns its result. The endpoints here never answer
   * (or not before the test lets them), so a call that waited for one would never return: the
   * bound only turns such a hang into a failure, it measures nothing.
   */
  private static <T> T returnsWithoutTheEndpoint(Callable<T> call) throws Exception {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      return caller.submit(call).get(HANG_GUARD_S, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the call waited for the endpoint", e);
    } finally {
      caller.shutdownNow();
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
