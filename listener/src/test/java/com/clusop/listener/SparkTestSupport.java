package com.clusop.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** Shared test plumbing: local SparkSessions, tables, the CLI, signal files. */
final class SparkTestSupport {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String LISTENER = PhotonFallbackListener.class.getName();

  private SparkTestSupport() {}

  static Path workDir(String name) throws IOException {
    String base = System.getProperty("clusop.test.workdir", System.getProperty("java.io.tmpdir") + "/clusop-test-work");
    Path d = Paths.get(base, name).toAbsolutePath();
    deleteTree(d);
    Files.createDirectories(d);
    return d;
  }

  static void deleteTree(Path d) throws IOException {
    if (!Files.exists(d)) return;
    try (Stream<Path> s = Files.walk(d)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Base confs for a small local session with the listener registered. */
  static Map<String, String> baseConf(Path work) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.master", "local[2]");
    c.put("spark.app.name", "clusop-listener-test");
    c.put("spark.ui.enabled", "false");
    c.put("spark.ui.showConsoleProgress", "false");
    c.put("spark.sql.shuffle.partitions", "4");
    c.put("spark.default.parallelism", "2");
    c.put("spark.sql.session.timeZone", "UTC");
    c.put("spark.sql.adaptive.enabled", "true");
    c.put("spark.driver.host", "127.0.0.1");
    c.put("spark.driver.bindAddress", "127.0.0.1");
    c.put("spark.sql.warehouse.dir", work.resolve("warehouse").toUri().toString());
    c.put("spark.sql.queryExecutionListeners", LISTENER);
    c.put("spark.clusop.jsonl.dir", work.resolve("signals").toString());
    c.put("spark.clusop.flushIntervalSeconds", "3600");
    return c;
  }

  /**
   * A Photon cluster on AWS, as Databricks declares it: with no Photon here, every vanilla plan is
   * a whole-plan JVM fallback with a modeled price, which exercises the whole signal path.
   */
  static Map<String, String> photonCluster(Path work) {
    Map<String, String> c = baseConf(work);
    c.put("spark.databricks.clusterUsageTags.cloudProvider", "AWS");
    c.put("spark.databricks.clusterUsageTags.clusterNodeType", "i3.xlarge");
    c.put("spark.databricks.clusterUsageTags.driverNodeType", "i3.xlarge");
    c.put("spark.databricks.clusterUsageTags.clusterWorkers", "4");
    c.put("spark.databricks.clusterUsageTags.sparkVersion", "14.3.x-photon-scala2.12");
    c.put("spark.databricks.clusterUsageTags.runtimeEngine", "PHOTON");
    c.put("spark.databricks.clusterUsageTags.clusterId", "1130-120000-clusop01");
    return c;
  }

  /** A few queries of different shapes, each checked for its result. Returns how many ran. */
  static int workload(SparkSession spark, int rounds) {
    int n = 0;
    for (int i = 0; i < rounds; i++) {
      org.junit.jupiter.api.Assertions.assertEquals(50L, spark.range(100).filter("id % 2 = 0").count());
      java.util.List<org.apache.spark.sql.Row> g = spark.sql(
          "SELECT id % 3 AS k, COUNT(*) AS c FROM range(30) GROUP BY id % 3 ORDER BY k").collectAsList();
      org.junit.jupiter.api.Assertions.assertEquals(3, g.size());
      org.junit.jupiter.api.Assertions.assertEquals(10L, g.get(2).getLong(1));
      org.junit.jupiter.api.Assertions.assertEquals(45L, spark.range(10).selectExpr("sum(id) AS s").first().getLong(0));
      n += 3;
    }
    return n;
  }

  /** Comet as the native engine (same settings as tools/plangen/generate_plans.py). */
  static Map<String, String> cometConf(Map<String, String> c) {
    c.put("spark.plugins", "org.apache.spark.CometPlugin");
    c.put("spark.shuffle.manager", "org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager");
    c.put("spark.memory.offHeap.enabled", "true");
    c.put("spark.memory.offHeap.size", "1g");
    c.put("spark.comet.enabled", "true");
    c.put("spark.comet.exec.enabled", "true");
    c.put("spark.comet.exec.shuffle.enabled", "true");
    c.put("spark.comet.explainFallback.enabled", "false");
    return c;
  }

  static SparkSession session(Map<String, String> conf) {
    SparkSession.Builder b = SparkSession.builder();
    for (Map.Entry<String, String> e : conf.entrySet()) b.config(e.getKey(), e.getValue());
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    return s;
  }

  /** Small parquet tables "orders" and "customers", as in tools/plangen. */
  static void makeTables(SparkSession spark, Path work) {
    String orders = work.resolve("data/orders").toString();
    String customers = work.resolve("data/customers").toString();
    spark.range(0, 4000, 1, 2).selectExpr(
        "id AS order_id",
        "CAST(id % 200 AS INT) AS cust_id",
        "CAST((id * 37) % 1000 AS DOUBLE) / 10 AS amount",
        "CAST(id % 7 AS INT) AS qty",
        "DATE_ADD(DATE'2024-01-01', CAST(id % 365 AS INT)) AS order_date",
        "TIMESTAMP_SECONDS(1704067200 + id * 3600) AS ts",
        "CASE WHEN id % 3 = 0 THEN 'open' WHEN id % 3 = 1 THEN 'shipped' ELSE 'returned' END AS status",
        "CONCAT('note-', CAST(id % 17 AS STRING), '-', CAST(id % 5 AS STRING)) AS note")
        .write().mode("overwrite").parquet(orders);
    spark.range(0, 200, 1, 1).selectExpr(
        "CAST(id AS INT) AS cust_id",
        "CONCAT('cust_', CAST(id AS STRING)) AS name",
        "ELEMENT_AT(ARRAY('north', 'south', 'east', 'west'), CAST(id % 4 + 1 AS INT)) AS region",
        "CAST(id % 3 AS INT) AS tier")
        .write().mode("overwrite").parquet(customers);
    spark.read().parquet(orders).createOrReplaceTempView("orders");
    spark.read().parquet(customers).createOrReplaceTempView("customers");
  }

  /** Waits until the dispatcher has processed every queued plan. */
  static void awaitIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    // the listener bus delivers onSuccess asynchronously: wait until it has delivered everything
    awaitListenerBus(timeoutMs);
    ClusopAgent a = ClusopAgent.current();
    while (a == null && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
      a = ClusopAgent.current();
    }
    if (a != null) a.dispatcher.awaitIdle(Math.max(1, deadline - System.currentTimeMillis()));
  }

  /** Waits until Spark's listener bus has delivered every event posted so far (no sleep). */
  static void awaitListenerBus(long timeoutMs) {
    scala.Option<org.apache.spark.SparkContext> sc = org.apache.spark.SparkContext$.MODULE$.getActive();
    if (sc.isDefined()) {
      try {
        sc.get().listenerBus().waitUntilEmpty(timeoutMs);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("Spark's listener bus did not drain in " + timeoutMs + " ms", e);
      }
    }
  }

  /** Every signal line in every JSONL file of {@code dir}. */
  static List<JsonNode> readSignals(Path dir) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) out.add(MAPPER.readTree(line));
        }
      }
    }
    return out;
  }

  /** The last line per signature (the cumulative state). */
  static Map<String, JsonNode> latestBySignature(List<JsonNode> signals) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (JsonNode s : signals) m.put(s.path("signature").asText(), s);
    return m;
  }

  /** The clusop CLI: `clusop request -`, the request on stdin, the core's answer bytes out (its final newline dropped). */
  static byte[] cli(byte[] request) throws IOException, InterruptedException {
    String cli = System.getProperty("clusop.cli", "../build/release/clusop");
    Process p = new ProcessBuilder(cli, "request", "-").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(request);
    }
    byte[] out;
    try (InputStream o = p.getInputStream()) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      o.transferTo(buf);
      out = buf.toByteArray();
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("clusop CLI timed out");
    }
    // the CLI ends its answer with a newline; the answer itself is the rest
    if (out.length > 0 && out[out.length - 1] == '\n') out = java.util.Arrays.copyOf(out, out.length - 1);
    return out;
  }
}
