package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dispatcher with plan text fed straight in (no Spark): analysis, faults, thresholds, the queue. */
class DispatcherTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static String pythonUdfPlan;
  private static String cleanPlan;

  @BeforeAll
  static void load() throws Exception {
    assertTrue(NativeLoader.load().loaded);
    Path golden = Paths.get(System.getProperty("clusop.golden.dir", "../tests/golden/plans"));
    pythonUdfPlan = Files.readString(golden.resolve("comet/python_udf.tree.txt"), StandardCharsets.UTF_8);
    cleanPlan = Files.readString(golden.resolve("comet/scan_filter_agg.tree.txt"), StandardCharsets.UTF_8);
  }

  @AfterEach
  void reset() {
    TestHooks.reset();
  }

  private static Dispatcher dispatcher(Map<String, String> conf, SignalBatcher b, Runnable flush) {
    Settings s = Settings.from(conf);
    try {
      return new Dispatcher(s, ClusterContext.from(conf, SignalsCore.NATIVE, M), b, M, flush);
    } catch (Exception e) {
      throw new AssertionError("the core gave no cluster context", e);
    }
  }

  private static SignalBatcher batcher(int maxChars) {
    return new SignalBatcher(maxChars, SignalsCore.NATIVE, M, M.createObjectNode().put("app_id", "app-test"), Map.of());
  }

  private static PlanEvent event(String plan) {
    return new PlanEvent("collect", plan, 1_000_000_000L, System.currentTimeMillis());
  }

  @Test
  void fallbackIsBatchedAndCleanIsNot() {
    SignalBatcher b = batcher(1 << 20);
    Dispatcher d = dispatcher(Map.of(), b, () -> {});
    d.process(event(pythonUdfPlan));
    d.process(event(cleanPlan));
    d.process(event(pythonUdfPlan));
    assertEquals(3, d.analysed.get());
    assertEquals(1, d.clean.get());
    assertEquals(2, d.fallbacks.get());
    assertEquals(1, b.size());
    assertEquals(2, b.totalCount());
    assertEquals(0, d.errors.get());
  }

  @Test
  void requestCarriesOverridesAndRuntime() throws Exception {
    Map<String, String> c = new HashMap<>();
    c.put("spark.clusop.engine", "comet");
    c.put("spark.clusop.photonEnabled", "false");
    c.put("spark.clusop.cluster.workers", "3");
    Dispatcher d = dispatcher(c, batcher(100), () -> {});
    JsonNode r = d.request("PLAN", 2.5);
    assertEquals("PLAN", r.path("plan").asText());
    assertEquals("comet", r.path("engine").asText());
    assertFalse(r.path("photon_enabled").asBoolean(true));
    assertEquals(3, r.path("cluster").path("workers").asInt());
    assertEquals(2.5, r.path("cluster").path("runtime_seconds").asDouble());
  }

  @Test
  void everyAnalysisFailureIsCountedNeverThrown() {
    SignalBatcher b = batcher(100);
    Dispatcher d = dispatcher(Map.of(), b, () -> {});
    Analyzer[] faults = {
      req -> { throw new RuntimeException("boom"); },
      req -> { throw new StackOverflowError(); },
      req -> { throw new UnsatisfiedLinkError("gone"); },
      req -> null,
      req -> "not json at all".getBytes(StandardCharsets.UTF_8),
      req -> "{\"schema\":\"clusop.analysis/1\",\"error\":{\"code\":\"x\",\"message\":\"y\"}}".getBytes(StandardCharsets.UTF_8),
      req -> "[1,2,3]".getBytes(StandardCharsets.UTF_8),
      req -> new byte[0],
    };
    for (Analyzer f : faults) {
      TestHooks.analyzer = f;
      d.process(event(pythonUdfPlan));
    }
    assertEquals(faults.length, d.errors.get());
    assertEquals(0, d.analysed.get());
    assertEquals(0, b.size());
    // a plan rewrite that throws is caught too
    TestHooks.analyzer = null;
    TestHooks.planRewrite = p -> { throw new IllegalStateException("hook"); };
    d.process(event(pythonUdfPlan));
    assertEquals(faults.length + 1, d.errors.get());
    // and the next plan is fine
    TestHooks.planRewrite = null;
    d.process(event(pythonUdfPlan));
    assertEquals(1, d.analysed.get());
    assertEquals(1, b.size());
  }

  @Test
  void thresholds() {
    SignalBatcher b = batcher(100);
    // python_udf's fallback weight is 0.8333 of the plan
    Dispatcher high = dispatcher(Map.of("spark.clusop.minFallbackWeight", "0.9"), b, () -> {});
    high.process(event(pythonUdfPlan));
    assertEquals(1, high.belowThreshold.get());
    assertEquals(0, b.size());
    Dispatcher low = dispatcher(Map.of("spark.clusop.minFallbackWeight", "0.5"), b, () -> {});
    low.process(event(pythonUdfPlan));
    assertEquals(0, low.belowThreshold.get());
    assertEquals(1, b.size());
    // a waste floor does not suppress an unpriced fallback (Comet: no dollar figure)
    Dispatcher floor = dispatcher(Map.of("spark.clusop.minWasteUsd", "5"), b, () -> {});
    floor.process(event(pythonUdfPlan));
    assertEquals(0, floor.belowThreshold.get());
  }

  @Test
  @Timeout(300) // turns a blocked offer into a failure; measures nothing
  void fullQueueDropsAndCountsWithoutBlocking() {
    // never started: nothing drains the queue, so an offer that blocked on it would never return
    Dispatcher d = dispatcher(Map.of("spark.clusop.queueSize", "2"), batcher(100), () -> {});
    int accepted = 0;
    for (int i = 0; i < 50; i++) if (d.offer(event(cleanPlan))) accepted++;
    assertEquals(2, accepted);
    assertEquals(2, d.submitted.get());
    assertEquals(48, d.dropped.get());
    assertTrue(d.full());
  }

  @Test
  void threadDrainsQueueAndFlushesPeriodically() throws Exception {
    AtomicInteger flushes = new AtomicInteger();
    SignalBatcher b = batcher(100);
    Dispatcher d = dispatcher(Map.of("spark.clusop.flushIntervalSeconds", "0.05"), b, flushes::incrementAndGet);
    d.start();
    for (int i = 0; i < 20; i++) assertTrue(d.offer(event(i % 2 == 0 ? pythonUdfPlan : cleanPlan)));
    assertTrue(d.awaitIdle(30_000));
    assertEquals(20, d.analysed.get());
    assertEquals(10, b.totalCount());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (flushes.get() < 2 && System.nanoTime() < deadline) Thread.sleep(5);
    assertTrue(flushes.get() >= 2, "periodic flushes: " + flushes.get());
    d.stop();
    assertFalse(d.offer(event(cleanPlan)), "a stopped dispatcher takes nothing");
    assertTrue(d.processNanos.count() == 20);
  }
}
