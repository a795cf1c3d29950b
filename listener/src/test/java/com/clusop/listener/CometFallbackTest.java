package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Apache DataFusion Comet as a real native engine: queries it runs fully natively must give no
 * signal; queries where it falls back must be flagged with the right operators and cause; and the
 * listener's analysis must equal what the clusop CLI says about the same plan text.
 */
@Tag("comet")
class CometFallbackTest {

  /** One query and what a reader of its executed plan expects. */
  private static final class Case {
    final String name;
    final Supplier<List<Row>> run;
    final List<String> operators; // null: no fallback expected
    final String cause;
    final long expectedRows;

    Case(String name, Supplier<List<Row>> run, long expectedRows, List<String> operators, String cause) {
      this.name = name;
      this.run = run;
      this.expectedRows = expectedRows;
      this.operators = operators;
      this.cause = cause;
    }
  }

  private static SparkSession spark;
  private static Path work;
  private static final List<Dispatcher.Analysed> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    work = SparkTestSupport.workDir("comet");
    spark = SparkTestSupport.session(SparkTestSupport.cometConf(SparkTestSupport.baseConf(work)));
    SparkTestSupport.makeTables(spark, work);
    SparkTestSupport.awaitIdle(30_000);
    TestHooks.onAnalysed = seen::add;
  }

  @AfterAll
  static void stop() {
    TestHooks.reset();
    if (spark != null) spark.stop();
  }

  private static Supplier<List<Row>> sql(String q) {
    return () -> spark.sql(q).collectAsList();
  }

  @Test
  void flagsExactlyTheFallbackQueriesAndAgreesWithTheCli() throws Exception {
    assertTrue(spark.sparkContext().getConf().get("spark.plugins").contains("CometPlugin"));
    UserDefinedFunction times2 = functions.udf((UDF1<Double, Double>) x -> x == null ? null : x * 2, DataTypes.DoubleType);
    spark.udf().register("plus_one", (UDF1<Double, Double>) x -> x == null ? null : x + 1, DataTypes.DoubleType);

    List<Case> cases = new ArrayList<>();
    // --- fully native under Comet: no signal
    cases.add(new Case("filter_agg", sql("SELECT status, COUNT(*) AS n, SUM(amount) AS total FROM orders "
        + "WHERE amount > 20 AND qty >= 2 GROUP BY status"), 3, null, null));
    cases.add(new Case("order_limit", sql("SELECT order_id, amount FROM orders WHERE qty = 3 "
        + "ORDER BY amount DESC, order_id LIMIT 10"), 10, null, null));
    cases.add(new Case("join_agg", sql("SELECT c.region, COUNT(*) AS n, SUM(o.amount) AS total FROM orders o "
        + "JOIN customers c ON o.cust_id = c.cust_id WHERE o.qty > 0 GROUP BY c.region"), 4, null, null));
    // --- fallbacks
    // an unsupported expression: Comet rejects this RLIKE pattern, so Filter and the Project above stay on the JVM
    cases.add(new Case("regexp", sql("SELECT order_id, REGEXP_EXTRACT(note, 'note-([0-9]+)', 1) AS code FROM orders "
        + "WHERE note RLIKE '^note-1[0-9]-'"), 1645, List.of("Project", "Filter"), "unsupported_expression"));
    // an unsupported expression in a projection: date_format
    cases.add(new Case("date_format", sql("SELECT order_id, DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm') AS ts_text FROM orders "
        + "WHERE qty = 4"), 571, List.of("Project"), "unsupported_expression"));
    // an unsupported operator: BroadcastNestedLoopJoin (and its broadcast)
    cases.add(new Case("nested_loop_join", sql("SELECT o.order_id, c.name FROM orders o JOIN customers c "
        + "ON o.amount > c.cust_id * 2 WHERE o.qty = 1 AND c.tier = 0"), -1,
        List.of("Project", "BroadcastNestedLoopJoin", "BroadcastExchange"), "unsupported_operator"));
    // a Scala/Java UDF (anonymous: prints as UDF(...))
    cases.add(new Case("scala_udf", () -> spark.table("orders").where("qty = 2")
        .select(functions.col("order_id"), times2.apply(functions.col("amount")).alias("doubled")).collectAsList(),
        572, List.of("Project"), "scala_udf"));
    // Dataset lambdas: map over typed objects
    cases.add(new Case("dataset_map", () -> spark.table("orders").select("order_id").as(Encoders.LONG())
        .map((MapFunction<Long, Long>) x -> x * 2, Encoders.LONG()).toDF().collectAsList(), 4000,
        List.of("SerializeFromObject", "MapElements", "DeserializeToObject"), "dataset_api"));

    Map<String, Dispatcher.Analysed> byCase = new LinkedHashMap<>();
    for (Case c : cases) {
      seen.clear();
      List<Row> rows = c.run.get();
      if (c.expectedRows >= 0) assertEquals(c.expectedRows, rows.size(), c.name + ": the query's result is unchanged");
      SparkTestSupport.awaitIdle(30_000);
      assertEquals(1, seen.size(), c.name + ": one analysis per query");
      Dispatcher.Analysed a = seen.get(0);
      byCase.put(c.name, a);
      assertTrue(a.plan.contains("Comet"), c.name + ": Comet is in the plan:\n" + a.plan);
      JsonNode n = a.analysis;
      assertEquals("comet", n.path("engine").asText(), c.name);
      if (c.operators == null) {
        assertFalse(n.path("has_fallback").asBoolean(), c.name + " runs natively:\n" + a.plan + "\n" + n.path("fallbacks"));
        assertFalse(a.signalled, c.name);
      } else {
        assertTrue(n.path("has_fallback").asBoolean(), c.name + " falls back:\n" + a.plan);
        assertTrue(a.signalled, c.name);
        assertEquals(1, n.path("fallbacks").size(), c.name + ": " + n.path("fallbacks"));
        JsonNode fb = n.path("fallbacks").get(0);
        List<String> ops = new ArrayList<>();
        fb.path("operators").forEach(o -> ops.add(o.asText()));
        assertEquals(c.operators, ops, c.name + ": the operators that fell back");
        assertEquals(c.cause, fb.path("cause").asText(), c.name + ": the cause");
        assertEquals(c.cause, n.path("verdict").path("cause").asText(), c.name);
        assertEquals("fix_fallback", n.path("verdict").path("kind").asText(), c.name);
      }
      // the JNI answer is byte for byte the CLI's answer to the same request
      assertArrayEquals(SparkTestSupport.cli(a.request), a.answer, c.name + ": JNI and CLI differ");
    }

    // a named, registered UDF prints like a built-in function ("plus_one(amount#42)"): the Project is
    // flagged, and the plan text alone cannot say it is a UDF: a function Comet's table does not
    // list, so the cause is an unsupported expression naming it
    seen.clear();
    assertEquals(572, spark.sql("SELECT order_id, plus_one(amount) FROM orders WHERE qty = 2").collectAsList().size());
    SparkTestSupport.awaitIdle(30_000);
    JsonNode named = seen.get(0).analysis;
    assertTrue(named.path("has_fallback").asBoolean());
    assertEquals("[\"Project\"]", named.path("fallbacks").get(0).path("operators").toString());
    assertEquals("unsupported_expression", named.path("verdict").path("cause").asText());
    assertEquals("[\"plus_one\"]", named.path("fallbacks").get(0).path("suspects").toString());

    // the same fallback query twice more: deduplicated into one signal with count 3
    cases.stream().filter(c -> c.name.equals("regexp")).findFirst().orElseThrow().run.get();
    cases.stream().filter(c -> c.name.equals("regexp")).findFirst().orElseThrow().run.get();
    SparkTestSupport.awaitIdle(30_000);

    spark.stop();
    spark = null;

    Map<String, JsonNode> signals = SparkTestSupport.latestBySignature(SparkTestSupport.readSignals(work.resolve("signals")));
    // expected counts per signature: the signature hashes the engine, causes and operator names, so
    // different queries of one shape (date_format and the named UDF: a Project, generic cause) share one
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Dispatcher.Analysed a : byCase.values()) {
      if (a.signalled) counts.merge(a.analysis.path("signature").asText(), 1L, Long::sum);
    }
    counts.merge(named.path("signature").asText(), 1L, Long::sum);
    counts.merge(byCase.get("regexp").analysis.path("signature").asText(), 2L, Long::sum);
    Set<String> expected = new HashSet<>();
    for (Case c : cases) {
      Dispatcher.Analysed a = byCase.get(c.name);
      String sig = a.analysis.path("signature").asText(null);
      if (c.operators == null) {
        assertTrue(a.analysis.path("signature").isNull(), c.name + ": a clean plan has no signature");
        continue;
      }
      expected.add(sig);
      JsonNode s = signals.get(sig);
      assertNotNull(s, c.name + ": a signal was written");
      assertEquals(c.cause, s.path("cause").asText());
      assertEquals(counts.get(sig), s.path("count").asLong(), c.name + ": count");
      if (c.name.equals("regexp")) assertEquals(3, s.path("count").asLong());
      assertEquals(c.cause, s.path("analysis").path("verdict").path("cause").asText(), c.name);

      // rebuild the request from the signal alone and ask the CLI: same analysis
      ObjectNode req = (ObjectNode) s.path("sample").path("request").deepCopy();
      req.put("plan", s.path("sample").path("plan").asText());
      byte[] cliAnswer = SparkTestSupport.cli(SparkTestSupport.MAPPER.writeValueAsBytes(req));
      assertEquals(SparkTestSupport.MAPPER.readTree(cliAnswer), s.path("analysis"),
          c.name + ": the CLI agrees with the signal: " + new String(cliAnswer, StandardCharsets.UTF_8));
    }
    expected.add(named.path("signature").asText());
    assertEquals(expected, signals.keySet(), "signals for exactly the fallback queries");
    // the sample of each signal is the first plan of that shape, with its own analysis
    for (Case c : cases) {
      Dispatcher.Analysed a = byCase.get(c.name);
      JsonNode s = a.signalled ? signals.get(a.analysis.path("signature").asText()) : null;
      if (s != null && s.path("sample").path("plan").asText().equals(a.plan)) {
        assertEquals(a.analysis, s.path("analysis"), c.name + ": the signal carries the analysis of its sample");
      }
    }
    assertEquals(counts.values().stream().mapToLong(Long::longValue).sum(),
        signals.values().stream().mapToLong(x -> x.path("count").asLong()).sum());
  }
}
