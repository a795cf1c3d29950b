package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle, dispatch, batching and sinks with a real local SparkSession and no native engine:
 * the cluster is declared a Photon cluster on AWS through Databricks' usage tags, so every vanilla
 * plan is a whole-plan JVM fallback (priced), which exercises the whole path.
 */
class ListenerLifecycleTest {

  private SparkSession spark;
  private HttpServer server;

  @AfterEach
  void tearDown() {
    TestHooks.reset();
    if (spark != null) spark.stop();
    if (server != null) server.stop(0);
  }

  @Test
  void dispatchBatchFlushAndApplicationEnd() throws Exception {
    Path work = SparkTestSupport.workDir("lifecycle");
    List<Dispatcher.Analysed> seen = new CopyOnWriteArrayList<>();
    TestHooks.onAnalysed = seen::add;

    // an HTTP endpoint on 127.0.0.1 that records what it is sent
    List<String> posts = new CopyOnWriteArrayList<>();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/signals", ex -> {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      ex.getRequestBody().transferTo(b);
      posts.add(b.toString(StandardCharsets.UTF_8));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.start();

    Map<String, String> conf = SparkTestSupport.photonCluster(work);
    conf.put("spark.clusop.sink", "both");
    conf.put("spark.clusop.http.endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/signals");
    conf.put("spark.clusop.flushIntervalSeconds", "0.5");
    conf.put("spark.clusop.cluster.runsPerDay", "24");
    conf.put("spark.databricks.job.id", "720001");
    conf.put("spark.databricks.job.runId", "930002");
    spark = SparkTestSupport.session(conf);
    String appId = spark.sparkContext().applicationId();

    // the same query three times, and another one once
    Instant before = Instant.now();
    for (int i = 0; i < 3; i++) {
      List<Row> r = spark.sql("SELECT id % 3 AS k, COUNT(*) AS n FROM range(100) GROUP BY id % 3 ORDER BY k").collectAsList();
      assertEquals(3, r.size());
      assertEquals(34L, r.get(0).getLong(1));
    }
    assertEquals(10L, spark.range(10).filter("id >= 5").count() + 5);
    ClusopAgent agent = ClusopAgent.current();
    assertNotNull(agent, "the listener attached with the session state");
    assertTrue(agent.active);
    assertEquals(appId, agent.appId);
    // a listener made with the no-argument constructor joins the same agent
    new PhotonFallbackListener();
    assertSame(agent, ClusopAgent.current());

    // the cluster context came from the Databricks usage tags, read by the core
    assertEquals("aws", agent.cluster.cluster.path("cloud").asText());
    assertEquals("i3.xlarge", agent.cluster.cluster.path("node_type").asText());
    assertEquals(4, agent.cluster.cluster.path("workers").asInt());
    assertTrue(agent.cluster.cluster.path("photon_enabled").asBoolean());
    assertEquals("databricks", agent.cluster.cluster.path("source").asText());

    SparkTestSupport.awaitIdle(30_000);
    assertEquals(4, seen.size(), "every successful query was analysed once");
    for (Dispatcher.Analysed a : seen) {
      assertEquals("photon", a.analysis.path("engine").asText());
      assertEquals("whole_plan_jvm", a.analysis.path("verdict").path("cause").asText());
      assertEquals("disable_photon", a.analysis.path("verdict").path("kind").asText());
      assertTrue(a.analysis.path("waste").path("usd").isNumber(), "priced: " + a.analysis.path("waste"));
      assertTrue(a.signalled);
      // the full executed plan: the final AQE plan, nothing cut
      assertTrue(a.plan.startsWith("AdaptiveSparkPlan isFinalPlan=true"), a.plan);
      assertFalse(a.plan.contains("... "), "no truncated field lists: " + a.plan);
    }
    JsonNode request = SparkTestSupport.MAPPER.readTree(seen.get(0).request);
    assertEquals("photon", request.path("engine").asText("auto").equals("auto") ? "photon" : request.path("engine").asText());
    assertTrue(request.path("photon_enabled").asBoolean());
    assertEquals("i3.xlarge", request.path("cluster").path("node_type").asText());
    assertEquals(4, request.path("cluster").path("workers").asInt());
    assertEquals(24.0, request.path("cluster").path("runs_per_day").asDouble());
    assertTrue(request.path("cluster").path("runtime_seconds").asDouble() > 0);

    // periodic flush: signals reach the JSONL file before the application ends
    Path signals = work.resolve("signals");
    long deadline = System.currentTimeMillis() + 120_000;  // a bound for a stuck flush, not a timing
    while (SparkTestSupport.readSignals(signals).isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(100);
    List<JsonNode> periodic = SparkTestSupport.readSignals(signals);
    assertFalse(periodic.isEmpty(), "a periodic flush wrote signals");
    assertFalse(periodic.get(0).path("flush").path("final").asBoolean());

    spark.stop(); // onApplicationEnd: drain, final flush
    spark = null;
    assertTrue(agent.closed());
    agent.close("again"); // idempotent

    Map<String, JsonNode> latest = SparkTestSupport.latestBySignature(SparkTestSupport.readSignals(signals));
    assertEquals(2, latest.size(), "two plan shapes, two signatures: " + latest.keySet());
    JsonNode triple = latest.values().stream().filter(s -> s.path("count").asLong() == 3).findFirst().orElseThrow();
    JsonNode single = latest.values().stream().filter(s -> s.path("count").asLong() == 1).findFirst().orElseThrow();
    for (JsonNode s : List.of(triple, single)) {
      assertEquals("clusop.signal/1", s.path("schema").asText());
      assertEquals(appId, s.path("app_id").asText());
      assertEquals("clusop-listener-test", s.path("app_name").asText());
      assertEquals("aws", s.path("cluster").path("cloud").asText());
      assertEquals("PHOTON", s.path("cluster").path("runtime_engine").asText());
      // who ran it, for billed reconciliation (system.billing.usage's usage_metadata)
      assertEquals("1130-120000-clusop01", s.path("cluster").path("cluster_id").asText());
      assertEquals("720001", s.path("cluster").path("job_id").asText());
      assertEquals("930002", s.path("cluster").path("job_run_id").asText());
      assertTrue(s.path("flush").path("final").asBoolean());
      assertEquals(0, s.path("dropped").asLong());
      assertEquals("whole_plan_jvm", s.path("cause").asText());
      assertEquals("clusop.analysis/1", s.path("analysis").path("schema").asText());
      assertEquals(s.path("signature").asText(), s.path("analysis").path("signature").asText());
      assertTrue(s.path("total_waste_usd").asDouble() > 0);
      assertTrue(s.path("total_runtime_seconds").asDouble() > 0);
      Instant first = Instant.parse(s.path("first_seen").asText());
      Instant last = Instant.parse(s.path("last_seen").asText());
      assertFalse(first.isBefore(before.minusSeconds(1)));
      assertFalse(last.isBefore(first));
      assertFalse(s.path("sample").path("plan_truncated").asBoolean());
      assertTrue(s.path("sample").path("plan").asText().startsWith("AdaptiveSparkPlan"));
      assertFalse(s.path("sample").path("request").has("plan"));
    }
    // totals add up over the three runs
    double perRun = triple.path("analysis").path("waste").path("usd").asDouble();
    assertTrue(triple.path("total_waste_usd").asDouble() >= perRun);
    assertEquals(3, triple.path("priced_runs").asLong());
    assertTrue(Instant.parse(triple.path("last_seen").asText()).isAfter(Instant.parse(triple.path("first_seen").asText()))
        || triple.path("last_seen").asText().equals(triple.path("first_seen").asText()));

    // the HTTP endpoint got the same signals as batches
    assertFalse(posts.isEmpty(), "the HTTP sink posted");
    JsonNode lastBatch = SparkTestSupport.MAPPER.readTree(posts.get(posts.size() - 1));
    assertEquals("clusop.signal_batch/1", lastBatch.path("schema").asText());
    assertEquals(appId, lastBatch.path("app_id").asText());
    assertEquals(2, lastBatch.path("signals").size());
    assertEquals("1130-120000-clusop01", lastBatch.path("signals").get(0).path("cluster").path("cluster_id").asText());
    Map<String, Object> stats = agent.stats();
    assertEquals(4L, stats.get("analysed"));
    assertEquals(0L, stats.get("analysis_errors"));
    assertEquals(0L, stats.get("http_failures"));
  }

  @Test
  void cleanPlansThresholdsAndDisabled() throws Exception {
    // 1. no engine: a vanilla plan is clean, no signal
    Path work = SparkTestSupport.workDir("lifecycle-clean");
    spark = SparkTestSupport.session(SparkTestSupport.baseConf(work));
    assertEquals(5L, spark.range(10).filter("id % 2 = 0").count());
    SparkTestSupport.awaitIdle(30_000);
    ClusopAgent agent = ClusopAgent.current();
    spark.stop();
    spark = null;
    assertEquals(1L, agent.stats().get("clean"));
    assertEquals(0, agent.batcher.size());
    assertTrue(SparkTestSupport.readSignals(work.resolve("signals")).isEmpty(), "clean plans produce no signal");

    // 2. a waste floor above every price: fallbacks found, none signalled
    Path work2 = SparkTestSupport.workDir("lifecycle-threshold");
    Map<String, String> conf = SparkTestSupport.photonCluster(work2);
    conf.put("spark.clusop.minWasteUsd", "1000000");
    spark = SparkTestSupport.session(conf);
    assertEquals(10L, spark.range(10).count());
    SparkTestSupport.awaitIdle(30_000);
    ClusopAgent agent2 = ClusopAgent.current();
    spark.stop();
    spark = null;
    assertEquals(1L, agent2.stats().get("fallbacks"));
    assertEquals(1L, agent2.stats().get("below_threshold"));
    assertTrue(SparkTestSupport.readSignals(work2.resolve("signals")).isEmpty());

    // 3. disabled: no agent, queries unaffected
    Path work3 = SparkTestSupport.workDir("lifecycle-disabled");
    Map<String, String> off = SparkTestSupport.photonCluster(work3);
    off.put("spark.clusop.enabled", "false");
    try (LogCapture log = new LogCapture()) {
      spark = SparkTestSupport.session(off);
      assertEquals(3L, spark.range(3).count());
      spark.stop();
      spark = null;
      assertEquals(1, log.matching("disabled").size(), log.lines().toString());
    }
    assertFalse(SparkTestSupport.readSignals(work3.resolve("signals")).iterator().hasNext());
  }
}
