package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deduplication, totals, first/last seen, samples and drains (no Spark needed). */
class SignalBatcherTest {

  private static final ObjectMapper M = new ObjectMapper();

  private static JsonNode analysis(String signature, Double usd) throws Exception {
    return M.readTree("{\"schema\":\"clusop.analysis/1\",\"has_fallback\":true,\"signature\":\"" + signature
        + "\",\"verdict\":{\"kind\":\"fix_fallback\",\"cause\":\"python_udf\"},\"waste\":{\"usd\":"
        + (usd == null ? "null" : usd.toString()) + "}}");
  }

  private static final SignalBatcher.Header HEADER = s -> s.put("app_id", "app-1");

  @Test
  void deduplicatesBySignatureAndAddsUp() throws Exception {
    SignalBatcher b = new SignalBatcher(1000);
    ObjectNode req = M.createObjectNode().put("engine", "photon");
    b.add(analysis("aaa", 0.5), new PlanEvent("collect", "plan one", 2_000_000_000L, 1_000), "plan one", req);
    b.add(analysis("aaa", 0.25), new PlanEvent("collect", "plan one again", 1_000_000_000L, 3_000), "plan one again", req);
    b.add(analysis("bbb", null), new PlanEvent("count", "plan two", 500_000_000L, 2_000), "plan two", req);
    assertEquals(2, b.size());
    assertEquals(3, b.totalCount());

    List<ObjectNode> out = b.drain(false, HEADER, 7, 1, false);
    assertEquals(2, out.size());
    ObjectNode a = out.get(0);
    assertEquals("clusop.signal/1", a.path("schema").asText());
    assertEquals("aaa", a.path("signature").asText());
    assertEquals("app-1", a.path("app_id").asText());
    assertEquals("python_udf", a.path("cause").asText());
    assertEquals(2, a.path("count").asLong());
    assertEquals(3.0, a.path("total_runtime_seconds").asDouble(), 1e-9);
    assertEquals(0.75, a.path("total_waste_usd").asDouble(), 1e-9);
    assertEquals(2, a.path("priced_runs").asLong());
    assertEquals("1970-01-01T00:00:01Z", a.path("first_seen").asText());
    assertEquals("1970-01-01T00:00:03Z", a.path("last_seen").asText());
    assertEquals(7, a.path("dropped").asLong());
    assertEquals(1, a.path("flush").path("seq").asLong());
    assertFalse(a.path("flush").path("final").asBoolean());
    assertEquals("plan one", a.path("sample").path("plan").asText(), "the sample is the first plan");
    assertEquals("photon", a.path("sample").path("request").path("engine").asText());
    assertEquals("aaa", a.path("analysis").path("signature").asText());
    ObjectNode bb = out.get(1);
    assertTrue(bb.path("total_waste_usd").isNull(), "never priced: null, not 0");

    // nothing changed: nothing to write; the final drain writes everything
    assertTrue(b.drain(false, HEADER, 7, 2, false).isEmpty());
    b.add(analysis("bbb", null), new PlanEvent("count", "plan two", 500_000_000L, 4_000), "plan two", req);
    List<ObjectNode> changed = b.drain(false, HEADER, 7, 2, false);
    assertEquals(1, changed.size());
    assertEquals(2, changed.get(0).path("count").asLong());
    List<ObjectNode> fin = b.drain(true, HEADER, 9, 3, true);
    assertEquals(2, fin.size());
    assertTrue(fin.get(0).path("flush").path("final").asBoolean());
    assertEquals(9, fin.get(0).path("dropped").asLong());
  }

  @Test
  void samplePlanIsCapped() throws Exception {
    SignalBatcher b = new SignalBatcher(10);
    String plan = "0123456789ABCDEF";
    b.add(analysis("ccc", null), new PlanEvent("collect", plan, 1, 1), plan, M.createObjectNode());
    ObjectNode s = b.drain(true, HEADER, 0, 1, true).get(0);
    assertEquals("0123456789", s.path("sample").path("plan").asText());
    assertTrue(s.path("sample").path("plan_truncated").asBoolean());
    assertEquals(16, s.path("sample").path("plan_chars").asInt());
  }

  @Test
  void signaturesAreBounded() throws Exception {
    SignalBatcher b = new SignalBatcher(10);
    for (int i = 0; i < SignalBatcher.MAX_SIGNATURES + 5; i++) {
      b.add(analysis("s" + i, null), new PlanEvent("collect", "p", 1, 1), "p", M.createObjectNode());
    }
    assertEquals(SignalBatcher.MAX_SIGNATURES, b.size());
    assertEquals(5, b.overflow());
  }
}
