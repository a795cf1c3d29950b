package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Fail-open sinks, each with a real local SparkSession: an endpoint that refuses, one that accepts
 * and never answers, a slow one, and a JSONL directory that cannot be written. Queries always
 * succeed with the right result; the dispatcher never waits for a sink; stopping is bounded.
 */
class SinkFaultTest {

  /** The longest read timeout the settings take (spark.clusop.http.readTimeoutMs). */
  private static final int LONGEST_READ_MS = 600_000;
  /** Far above any shutdown budget set here and far below the longest read: a bound, not a timing. */
  private static final int STOP_BOUND_MS = 240_000;

  private static final class Run {
    ClusopAgent agent;
    long stopMillis;
  }

  private static Run run(Map<String, String> conf, int rounds) throws Exception {
    return run(conf, rounds, () -> {});
  }

  /** {@code beforeStop} runs once every plan is analysed, before the session stops. */
  private static Run run(Map<String, String> conf, int rounds, Runnable beforeStop) throws Exception {
    SparkSession spark = SparkTestSupport.session(conf);
    Run r = new Run();
    try {
      SparkTestSupport.workload(spark, 1); // warm up
      int n = SparkTestSupport.workload(spark, rounds);
      SparkTestSupport.awaitIdle(30_000);
      r.agent = ClusopAgent.current();
      assertEquals(n + 3, r.agent.dispatcher.analysed.get(), "every plan analysed while the sink struggles");
      beforeStop.run();
    } finally {
      long s0 = System.nanoTime();
      spark.stop();
      r.stopMillis = (System.nanoTime() - s0) / 1_000_000;
    }
    return r;
  }

  private static Map<String, String> httpConf(Path work, String url) {
    Map<String, String> c = SparkTestSupport.photonCluster(work);
    c.put("spark.clusop.sink", "both");
    c.put("spark.clusop.http.endpoint", url);
    c.put("spark.clusop.flushIntervalSeconds", "0.2");
    c.put("spark.clusop.http.connectTimeoutMs", "300");
    c.put("spark.clusop.http.readTimeoutMs", "300");
    c.put("spark.clusop.http.retries", "2");
    c.put("spark.clusop.http.backoffMs", "20");
    c.put("spark.clusop.shutdownTimeoutMs", "3000");
    return c;
  }

  @Test
  void refusingEndpoint() throws Exception {
    Path work = SparkTestSupport.workDir("sink-refusing");
    Run r = run(httpConf(work, TestServers.refusingUrl()), 4);
    Map<String, Object> st = r.agent.stats();
    assertEquals(0L, st.get("http_posted"));
    assertTrue((Long) st.get("http_failures") >= 1, st.toString());
    assertTrue((Long) st.get("jsonl_written") >= 1, "the JSONL sink is unaffected: " + st);
    assertFalse(SparkTestSupport.readSignals(work.resolve("signals")).isEmpty());
    assertTrue(r.stopMillis < STOP_BOUND_MS, "stop took " + r.stopMillis + " ms");
  }

  @Test
  void hangingEndpoint() throws Exception {
    Path work = SparkTestSupport.workDir("sink-hanging");
    try (TestServers.Hanging hanging = new TestServers.Hanging()) {
      Map<String, String> conf = httpConf(work, hanging.url());
      conf.put("spark.clusop.http.readTimeoutMs", String.valueOf(LONGEST_READ_MS)); // only the shutdown budget can end the wait
      conf.put("spark.clusop.http.queueSize", "2");
      Run r = run(conf, 6);
      Map<String, Object> st = r.agent.stats();
      assertEquals(0L, st.get("http_posted"));
      assertTrue(hanging.held.size() >= 1, "the endpoint was reached");
      assertTrue(r.stopMillis < STOP_BOUND_MS, "stop is bounded by spark.clusop.shutdownTimeoutMs, not the 10-minute read: " + r.stopMillis);
      assertFalse(SparkTestSupport.readSignals(work.resolve("signals")).isEmpty());
    }
  }

  @Test
  void slowEndpoint() throws Exception {
    Path work = SparkTestSupport.workDir("sink-slow");
    CountDownLatch gate = new CountDownLatch(1);
    try (TestServers.Recording slow = new TestServers.Recording(gate, () -> 200)) {
      Map<String, String> conf = httpConf(work, slow.url());
      conf.put("spark.clusop.http.readTimeoutMs", String.valueOf(LONGEST_READ_MS));
      conf.put("spark.clusop.shutdownTimeoutMs", String.valueOf(STOP_BOUND_MS / 2));
      // the endpoint answers nothing while the queries run and every plan is analysed
      Run r = run(conf, 4, () -> {
        assertEquals(0L, ClusopAgent.current().stats().get("http_posted"));
        gate.countDown();
      });
      Map<String, Object> st = r.agent.stats();
      assertTrue((Long) st.get("http_posted") >= 1, st.toString());
      assertEquals(0L, st.get("http_failures"));
      assertFalse(slow.bodies.isEmpty());
      assertTrue(slow.bodies.get(slow.bodies.size() - 1).contains("\"clusop.signal/1\""));
    }
  }

  @Test
  void unwritableSinkDirectory() throws Exception {
    Path work = SparkTestSupport.workDir("sink-unwritable");
    Path file = work.resolve("a-file");
    Files.writeString(file, "not a directory");
    Map<String, String> conf = SparkTestSupport.photonCluster(work);
    conf.put("spark.clusop.jsonl.dir", file.resolve("signals").toString()); // under a regular file: never creatable
    conf.put("spark.clusop.flushIntervalSeconds", "0.2");
    Run r = run(conf, 3);
    Map<String, Object> st = r.agent.stats();
    assertEquals(0L, st.get("jsonl_written"));
    assertTrue((Long) st.get("jsonl_failures") >= 1, st.toString());
    assertTrue(r.agent.jsonl.lastError.contains("FileSystemException") || r.agent.jsonl.lastError.contains("Exception"),
        r.agent.jsonl.lastError);
    assertTrue(List.of(Files.readString(file)).contains("not a directory"));
  }
}
