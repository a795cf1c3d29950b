package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spark.clusop.* parsing and the cluster context (no Spark needed). */
class SettingsTest {

  @Test
  void defaults() {
    Settings s = Settings.from(Map.of());
    assertTrue(s.enabled);
    assertEquals(Settings.SinkKind.JSONL, s.sink);
    assertEquals(Paths.get(System.getProperty("java.io.tmpdir"), "clusop-signals"), s.jsonlDir);
    assertNull(s.httpEndpoint);
    assertFalse(s.httpOn());
    assertEquals(2000, s.httpConnectTimeoutMs);
    assertEquals(5000, s.httpReadTimeoutMs);
    assertEquals(3, s.httpRetries);
    assertEquals(500, s.httpBackoffMs);
    assertEquals(32, s.httpQueueSize);
    assertEquals(0.0, s.minFallbackWeight);
    assertEquals(0.0, s.minWasteUsd);
    assertEquals(256, s.queueSize);
    assertEquals(60_000, s.flushIntervalMs);
    assertEquals(10_000, s.shutdownTimeoutMs);
    assertEquals(262_144, s.maxSamplePlanChars);
    assertTrue(s.problems().isEmpty());
  }

  @Test
  void everyKeyParses() {
    Map<String, String> c = new HashMap<>();
    c.put("spark.clusop.enabled", "FALSE");
    c.put("spark.clusop.sink", "Both");
    c.put("spark.clusop.jsonl.dir", "/data/clusop");
    c.put("spark.clusop.http.endpoint", "http://127.0.0.1:9/x");
    c.put("spark.clusop.http.connectTimeoutMs", "100");
    c.put("spark.clusop.http.readTimeoutMs", "200");
    c.put("spark.clusop.http.retries", "0");
    c.put("spark.clusop.http.backoffMs", "10");
    c.put("spark.clusop.http.queueSize", "4");
    c.put("spark.clusop.http.header.Authorization", "Bearer t");
    c.put("spark.clusop.photonMultiplier", "2.5");
    c.put("spark.clusop.usdPerDbu", "0.2");
    c.put("spark.clusop.minFallbackWeight", "0.25");
    c.put("spark.clusop.minWasteUsd", "0.01");
    c.put("spark.clusop.queueSize", "2");
    c.put("spark.clusop.flushIntervalSeconds", "1.5");
    c.put("spark.clusop.shutdownTimeoutMs", "0");
    c.put("spark.clusop.signal.maxPlanChars", "100");
    c.put("spark.clusop.engine", "PHOTON");
    c.put("spark.clusop.photonEnabled", "true");
    c.put("spark.clusop.cluster.cloud", "Azure");
    c.put("spark.clusop.cluster.sku", "all_purpose");
    c.put("spark.clusop.cluster.tier", "premium");
    c.put("spark.clusop.cluster.nodeType", "Standard_DS3_v2");
    c.put("spark.clusop.cluster.driverNodeType", "Standard_DS4_v2");
    c.put("spark.clusop.cluster.workers", "8");
    c.put("spark.clusop.cluster.runsPerDay", "24");
    Settings s = Settings.from(c);
    assertFalse(s.enabled);
    assertEquals(Settings.SinkKind.BOTH, s.sink);
    assertEquals(Paths.get("/data/clusop"), s.jsonlDir);
    assertTrue(s.httpOn());
    assertEquals(100, s.httpConnectTimeoutMs);
    assertEquals(200, s.httpReadTimeoutMs);
    assertEquals(0, s.httpRetries);
    assertEquals(10, s.httpBackoffMs);
    assertEquals(4, s.httpQueueSize);
    assertEquals(Map.of("Authorization", "Bearer t"), s.httpHeaders);
    assertEquals(0.25, s.minFallbackWeight);
    assertEquals(0.01, s.minWasteUsd);
    assertEquals(2, s.queueSize);
    assertEquals(1500, s.flushIntervalMs);
    assertEquals(0, s.shutdownTimeoutMs);
    assertEquals(100, s.maxSamplePlanChars);
    assertTrue(s.problems().isEmpty(), s.problems().toString());
  }

  @Test
  void badValuesFallBackToDefaultsAndAreReported() {
    Map<String, String> c = new HashMap<>();
    c.put("spark.clusop.enabled", "yes please");
    c.put("spark.clusop.sink", "kafka");
    c.put("spark.clusop.queueSize", "-3");
    c.put("spark.clusop.http.retries", "many");
    c.put("spark.clusop.minFallbackWeight", "2");
    c.put("spark.clusop.photonMultiplier", "NaN");
    c.put("spark.clusop.engine", "velox");
    c.put("spark.clusop.cluster.workers", "1e3");
    Settings s = Settings.from(c);
    assertTrue(s.enabled);
    assertEquals(Settings.SinkKind.JSONL, s.sink);
    assertEquals(256, s.queueSize);
    assertEquals(3, s.httpRetries);
    assertEquals(0.0, s.minFallbackWeight);
    assertEquals(5, s.problems().size(), "the cluster keys are the core's to judge: " + s.problems());
  }

  @Test
  void httpSinkWithoutEndpointIsOffAndReported() {
    Settings s = Settings.from(Map.of("spark.clusop.sink", "http"));
    assertFalse(s.httpOn());
    assertFalse(s.sink.jsonl());
    assertEquals(1, s.problems().size());
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper M = new com.fasterxml.jackson.databind.ObjectMapper();

  private static ClusterContext context(Map<String, String> c) throws Exception {
    assertTrue(NativeLoader.load().loaded);
    return ClusterContext.from(c, SignalsCore.NATIVE, M);
  }

  @Test
  void clusterContextFromDatabricksTags() throws Exception {
    Map<String, String> c = new HashMap<>();
    c.put("spark.databricks.clusterUsageTags.cloudProvider", "Azure");
    c.put("spark.databricks.clusterUsageTags.clusterNodeType", "Standard_DS3_v2");
    c.put("spark.databricks.clusterUsageTags.driverNodeType", "Standard_DS4_v2");
    c.put("spark.databricks.clusterUsageTags.clusterWorkers", "6");
    c.put("spark.databricks.clusterUsageTags.sparkVersion", "15.4.x-photon-scala2.12");
    c.put("spark.databricks.clusterUsageTags.clusterId", "0412-100203-abcd1234");
    ClusterContext k = context(c);
    assertEquals("databricks", k.cluster.path("source").asText());
    assertEquals("azure", k.cluster.path("cloud").asText());
    assertEquals("Standard_DS3_v2", k.cluster.path("node_type").asText());
    assertEquals("Standard_DS4_v2", k.cluster.path("driver_node_type").asText());
    assertEquals(6, k.cluster.path("workers").asInt());
    assertEquals("0412-100203-abcd1234", k.cluster.path("cluster_id").asText());
    assertTrue(k.cluster.path("photon_enabled").asBoolean(), "-photon- in the runtime version");

    c.remove("spark.databricks.clusterUsageTags.sparkVersion");
    c.put("spark.databricks.clusterUsageTags.runtimeEngine", "STANDARD");
    assertFalse(context(c).request.path("photon_enabled").asBoolean(true), "a Databricks cluster without Photon");
    c.put("spark.databricks.clusterUsageTags.runtimeEngine", "PHOTON");
    assertTrue(context(c).request.path("photon_enabled").asBoolean(false));

    // spark.clusop.* overrides win over the tags
    c.put("spark.clusop.cluster.cloud", "aws");
    c.put("spark.clusop.cluster.nodeType", "i3.xlarge");
    c.put("spark.clusop.cluster.workers", "2");
    c.put("spark.clusop.photonEnabled", "false");
    c.put("spark.clusop.photonMultiplier", "3");
    ClusterContext o = context(c);
    ObjectNode req = M.createObjectNode();
    o.fill(req, 12.5);
    assertFalse(req.path("photon_enabled").asBoolean(true));
    assertEquals("aws", req.path("cluster").path("cloud").asText());
    assertEquals("i3.xlarge", req.path("cluster").path("node_type").asText());
    assertEquals(2, req.path("cluster").path("workers").asInt());
    assertEquals(12.5, req.path("cluster").path("runtime_seconds").asDouble());
    assertEquals(3.0, req.path("cluster").path("photon_multiplier").asDouble());
    assertFalse(req.path("cluster").has("tier"), "unknown values are left to the core's defaults");
    assertTrue(o.problems.isEmpty(), o.problems.toString());

    c.put("spark.clusop.photonMultiplier", "NaN");
    assertEquals(1, context(c).problems.size(), "a value that does not parse is named");
  }

  @Test
  void plainSparkHasNoContext() throws Exception {
    ClusterContext k = context(Map.of());
    assertEquals("conf", k.cluster.path("source").asText());
    assertTrue(k.cluster.path("photon_enabled").isNull());
    assertTrue(k.cluster.path("cloud").isNull());
    assertTrue(k.cluster.path("cluster_id").isNull());
    ObjectNode req = M.createObjectNode();
    k.fill(req, 1.0);
    assertEquals(1, req.size(), req.toString());
    assertEquals(1, req.path("cluster").size(), req.toString());
  }
}
