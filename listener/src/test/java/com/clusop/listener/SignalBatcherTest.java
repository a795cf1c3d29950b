package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batcher over the native core's merge (op observe / flush): dedup, totals, samples, drains (no Spark). */
class SignalBatcherTest {

  private static final ObjectMapper M = new ObjectMapper();

  @BeforeAll
  static void load() {
    assertTrue(NativeLoader.load().loaded);
  }

  private static byte[] analysis(String signature, Double usd) {
    return ("{\"schema\":\"clusop.analysis/1\",\"has_fallback\":true,\"signature\":\"" + signature
        + "\",\"verdict\":{\"kind\":\"fix_fallback\",\"cause\":\"python_udf\"},\"waste\":{\"usd\":"
        + (usd == null ? "null" : usd.toString()) + "}}").getBytes(StandardCharsets.UTF_8);
  }

  private static SignalBatcher batcher(int maxChars, Map<String, String> conf) {
    ObjectNode app = M.createObjectNode().put("app_id", "app-1").put("app_name", "test");
    return new SignalBatcher(maxChars, SignalsCore.NATIVE, M, app, conf);
  }

  @Test
  void deduplicatesBySignatureAndAddsUp() throws Exception {
    SignalBatcher b = batcher(1000, Map.of());
    ObjectNode req = M.createObjectNode().put("engine", "photon");
    b.add("aaa", analysis("aaa", 0.5), new PlanEvent("collect", "plan one", 2_000_000_000L, 1_000), "plan one", req);
    b.add("aaa", analysis("aaa", 0.25), new PlanEvent("collect", "plan one again", 1_000_000_000L, 3_000), "plan one again", req);
    b.add("bbb", analysis("bbb", null), new PlanEvent("count", "plan two", 500_000_000L, 2_000), "plan two", req);
    assertEquals(2, b.size());
    assertEquals(3, b.totalCount());

    JsonNode batch = b.drain(false, "app-1", 7, 1, false);
    assertEquals("clusop.signal_batch/1", batch.path("schema").asText());
    assertEquals("app-1", batch.path("app_id").asText());
    JsonNode out = batch.path("signals");
    assertEquals(2, out.size());
    JsonNode a = out.get(0);
    assertEquals("clusop.signal/1", a.path("schema").asText());
    assertEquals("aaa", a.path("signature").asText());
    assertEquals("app-1", a.path("app_id").asText());
    assertEquals("python_udf", a.path("cause").asText());
    assertEquals(2, a.path("count").asLong());
    assertEquals(3.0, a.path("total_runtime_seconds").asDouble(), 1e-9);
    assertEquals(0.75, a.path("total_waste_usd").asDouble(), 1e-9);
    assertEquals(2, a.path("priced_runs").asLong());
    assertEquals("1970-01-01T00:00:01.000Z", a.path("first_seen").asText());
    assertEquals("1970-01-01T00:00:03.000Z", a.path("last_seen").asText());
    assertEquals(7, a.path("dropped").asLong());
    assertEquals(1, a.path("flush").path("seq").asLong());
    assertTrue(a.path("flush").path("final").isBoolean() && !a.path("flush").path("final").asBoolean());
    assertEquals("plan one", a.path("sample").path("plan").asText(), "the sample is the first plan");
    assertEquals("photon", a.path("sample").path("request").path("engine").asText());
    assertEquals("aaa", a.path("analysis").path("signature").asText());
    assertEquals("conf", a.path("cluster").path("source").asText());
    assertTrue(a.path("cluster").path("cluster_id").isNull(), "no cluster id in a local conf: null, not a guess");
    JsonNode bb = out.get(1);
    assertTrue(bb.path("total_waste_usd").isNull(), "never priced: null, not 0");

    // nothing changed: nothing to write; the final drain writes everything
    assertNull(b.drain(false, "app-1", 7, 2, false));
    b.add("bbb", analysis("bbb", null), new PlanEvent("count", "plan two", 500_000_000L, 4_000), "plan two", req);
    JsonNode changed = b.drain(false, "app-1", 7, 2, false).path("signals");
    assertEquals(1, changed.size());
    assertEquals(2, changed.get(0).path("count").asLong());
    JsonNode fin = b.drain(true, "app-1", 9, 3, true).path("signals");
    assertEquals(2, fin.size());
    assertTrue(fin.get(0).path("flush").path("final").asBoolean());
    assertEquals(9, fin.get(0).path("dropped").asLong());
  }

  @Test
  void signalsCarryTheClusterAndJobRunTheConfNames() throws Exception {
    SignalBatcher b = batcher(1000, Map.of(
        "spark.databricks.clusterUsageTags.clusterId", "0412-100203-abcd1234",
        "spark.databricks.job.id", "987",
        "spark.databricks.job.runId", "654",
        "spark.clusop.http.header.Authorization", "Bearer secret"));
    b.add("aaa", analysis("aaa", 0.5), new PlanEvent("collect", "p", 1, 1), "p", M.createObjectNode());
    JsonNode s = b.drain(true, "app-1", 0, 1, true).path("signals").get(0);
    assertEquals("0412-100203-abcd1234", s.path("cluster").path("cluster_id").asText());
    assertEquals("987", s.path("cluster").path("job_id").asText());
    assertEquals("654", s.path("cluster").path("job_run_id").asText());
    assertTrue(!s.toString().contains("secret"), "HTTP headers never reach a signal");
  }

  @Test
  void samplePlanIsCapped() throws Exception {
    SignalBatcher b = batcher(10, Map.of());
    String plan = "0123456789ABCDEF";
    b.add("ccc", analysis("ccc", null), new PlanEvent("collect", plan, 1, 1), plan, M.createObjectNode());
    JsonNode s = b.drain(true, "app-1", 0, 1, true).path("signals").get(0);
    assertEquals("0123456789", s.path("sample").path("plan").asText());
    assertTrue(s.path("sample").path("plan_truncated").asBoolean());
    assertEquals(16, s.path("sample").path("plan_chars").asInt());
  }

  @Test
  void aRefusedRunIsNotCounted() throws Exception {
    SignalBatcher b = batcher(10, Map.of());
    byte[] notAnAnalysis = "{\"error\":{\"code\":\"bad_request\"}}".getBytes(StandardCharsets.UTF_8);
    assertThrows(IllegalStateException.class,
        () -> b.add("x", notAnAnalysis, new PlanEvent("collect", "p", 1, 1), "p", M.createObjectNode()));
    assertEquals(0, b.size());
    assertEquals(0, b.totalCount());
  }

  @Test
  void signaturesAreBounded() throws Exception {
    SignalBatcher b = batcher(10, Map.of());
    for (int i = 0; i < SignalBatcher.MAX_SIGNATURES + 5; i++) {
      b.add("s" + i, analysis("s" + i, null), new PlanEvent("collect", "p", 1, 1), "p", M.createObjectNode());
    }
    assertEquals(SignalBatcher.MAX_SIGNATURES, b.size());
    assertEquals(5, b.overflow());
  }
}
