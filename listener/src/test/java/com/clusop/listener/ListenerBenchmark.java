package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The listener's overhead: not a test (tag "bench", excluded from the normal run; see
 * scripts/listener-bench.sh). In one JVM and one SparkContext, blocks of the same local queries
 * alternate between a session without the listener and one with it; the wall-time ratio is
 * with/without. Then the per-plan cost: on Spark's listener thread (tree string + offer) and on
 * the dispatcher thread (request, native analysis, parse, batch), for small plans and for a
 * ~1,000-node plan (a union of many small selects, run for real, and its text fed straight to the
 * dispatcher). Writes target/bench/listener-bench.{txt,json}.
 */
@Tag("bench")
class ListenerBenchmark {

  private static final int QUERIES = Integer.getInteger("clusop.bench.queries", 300);
  private static final int BLOCK = 10;
  private static final int BIG_FEEDS = Integer.getInteger("clusop.bench.bigFeeds", 300);

  private static long[] ms(List<Long> nanos) {
    return nanos.stream().mapToLong(n -> n).toArray();
  }

  private static double q(long[] v, double p) {
    long[] s = v.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(p * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))] / 1e6;
  }

  private static void query(SparkSession s, int i) {
    switch (i % 3) {
      case 0:
        assertEquals(50L, s.range(100).filter("id % 2 = 0").count());
        break;
      case 1:
        assertEquals(3, s.sql("SELECT id % 3 AS k, COUNT(*) AS c FROM range(3000) GROUP BY id % 3").collectAsList().size());
        break;
      default:
        assertEquals(100L, s.range(100).join(s.range(50, 200), "id").count() + 50);
        break;
    }
  }

  @Test
  void overhead() throws Exception {
    Path work = SparkTestSupport.workDir("bench");
    Map<String, String> conf = SparkTestSupport.photonCluster(work); // every plan is a priced fallback: the full path
    conf.remove("spark.sql.queryExecutionListeners");
    SparkSession without = SparkTestSupport.session(conf);
    SparkSession with = without.newSession();
    with.listenerManager().register(new PhotonFallbackListener(with.sparkContext().getConf()));
    StringBuilder out = new StringBuilder();
    ObjectNode json = SparkTestSupport.MAPPER.createObjectNode();
    try {
      // warm up both sessions (JIT, codegen caches)
      for (int i = 0; i < 30; i++) {
        query(without, i);
        query(with, i);
      }
      SparkTestSupport.awaitIdle(60_000);
      ClusopAgent agent = ClusopAgent.current();
      assertTrue(agent != null && agent.active);
      agent.dispatcher.listenerNanos.clear();
      agent.dispatcher.processNanos.clear();

      // --- 1. wall time, alternating blocks
      long tWithout = 0;
      long tWith = 0;
      List<Double> ratios = new ArrayList<>();
      for (int b = 0; b < QUERIES / BLOCK; b++) {
        boolean withFirst = b % 2 == 1;
        long[] t = new long[2];
        for (int arm = 0; arm < 2; arm++) {
          boolean useWith = (arm == 0) == withFirst;
          SparkSession s = useWith ? with : without;
          long t0 = System.nanoTime();
          for (int i = 0; i < BLOCK; i++) query(s, b * BLOCK + i);
          t[useWith ? 1 : 0] = System.nanoTime() - t0;
        }
        tWithout += t[0];
        tWith += t[1];
        ratios.add((double) t[1] / t[0]);
      }
      SparkTestSupport.awaitIdle(60_000);
      double ratio = (double) tWith / tWithout;
      double[] rs = ratios.stream().mapToDouble(d -> d).sorted().toArray();
      double medianBlockRatio = rs[rs.length / 2];
      long[] small = agent.dispatcher.processNanos.snapshot();
      long[] smallListener = agent.dispatcher.listenerNanos.snapshot();
      out.append(String.format(Locale.ROOT, "queries per arm: %d (blocks of %d, alternating)%n", QUERIES, BLOCK));
      out.append(String.format(Locale.ROOT, "wall time without listener: %.2f s, with: %.2f s, ratio: %.4f (median block ratio %.4f)%n",
          tWithout / 1e9, tWith / 1e9, ratio, medianBlockRatio));
      out.append(String.format(Locale.ROOT, "small plans (%d analysed): listener thread median %.3f ms p99 %.3f ms; "
              + "dispatcher median %.3f ms p99 %.3f ms%n",
          small.length, q(smallListener, 0.5), q(smallListener, 0.99), q(small, 0.5), q(small, 0.99)));
      json.put("queries_per_arm", QUERIES);
      json.put("wall_seconds_without", tWithout / 1e9);
      json.put("wall_seconds_with", tWith / 1e9);
      json.put("wall_ratio", ratio);
      json.put("median_block_ratio", medianBlockRatio);
      json.putObject("small_plan_ms").put("listener_thread_median", q(smallListener, 0.5))
          .put("listener_thread_p99", q(smallListener, 0.99)).put("dispatcher_median", q(small, 0.5))
          .put("dispatcher_p99", q(small, 0.99)).put("plans", small.length);

      // --- 2. a ~1,000-node plan, run for real: a union of many small selects
      List<Dispatcher.Analysed> seen = new CopyOnWriteArrayList<>();
      TestHooks.onAnalysed = seen::add;
      Dataset<Row> u = with.range(1).selectExpr("id AS a", "id * 2 AS b").filter("a >= 0");
      for (int i = 1; i < 330; i++) {
        u = u.union(with.range(1).selectExpr("id + " + i + " AS a", "id * 2 AS b").filter("a >= 0"));
      }
      agent.dispatcher.listenerNanos.clear();
      agent.dispatcher.processNanos.clear();
      int bigRuns = Integer.getInteger("clusop.bench.bigRuns", 10);
      for (int i = 0; i < bigRuns; i++) assertEquals(330L, u.count());
      SparkTestSupport.awaitIdle(120_000);
      TestHooks.onAnalysed = null;
      Dispatcher.Analysed big = seen.get(seen.size() - 1);
      int nodes = big.analysis.path("parse").path("node_count").asInt();
      long[] bigListener = agent.dispatcher.listenerNanos.snapshot();
      long[] bigProcessReal = agent.dispatcher.processNanos.snapshot();

      // the same text fed straight to the dispatcher, many times
      agent.dispatcher.processNanos.clear();
      PlanEvent ev = new PlanEvent("count", big.plan, 1_000_000_000L, System.currentTimeMillis());
      for (int i = 0; i < BIG_FEEDS; i++) agent.dispatcher.process(ev);
      long[] bigFed = agent.dispatcher.processNanos.snapshot();
      out.append(String.format(Locale.ROOT, "1,000-node plan (union of 330 selects; %d nodes, %d chars; with AQE the text holds "
              + "the final and the initial plan): listener thread median %.3f ms p99 %.3f ms (%d runs); dispatcher median "
              + "%.3f ms p99 %.3f ms (%d runs); fed directly %d times: median %.3f ms p99 %.3f ms%n",
          nodes, big.plan.length(), q(bigListener, 0.5), q(bigListener, 0.99), bigListener.length,
          q(bigProcessReal, 0.5), q(bigProcessReal, 0.99), bigProcessReal.length, bigFed.length,
          q(bigFed, 0.5), q(bigFed, 0.99)));
      json.putObject("big_plan_ms").put("nodes", nodes).put("chars", big.plan.length())
          .put("listener_thread_median", q(bigListener, 0.5)).put("listener_thread_p99", q(bigListener, 0.99))
          .put("dispatcher_median", q(bigProcessReal, 0.5)).put("dispatcher_p99", q(bigProcessReal, 0.99))
          .put("fed_median", q(bigFed, 0.5)).put("fed_p99", q(bigFed, 0.99)).put("fed_runs", bigFed.length);

      // --- 3. a generated 1,000-node plan text (no AQE wrapper), fed straight in
      StringBuilder gen = new StringBuilder("*(1) Project [a#1]\n+- Union\n");
      for (int i = 0; i < 333; i++) {
        gen.append("   :- *(1) Project [a#").append(i).append("]\n");
        gen.append("   :  +- *(1) Filter (a#").append(i).append(" > 0)\n");
        gen.append("   :     +- *(1) Range (0, 10, step=1, splits=2)\n");
      }
      String generated = gen.toString();
      agent.dispatcher.processNanos.clear();
      PlanEvent gev = new PlanEvent("collect", generated, 1_000_000_000L, System.currentTimeMillis());
      seen.clear();
      TestHooks.onAnalysed = seen::add;
      for (int i = 0; i < BIG_FEEDS; i++) agent.dispatcher.process(gev);
      TestHooks.onAnalysed = null;
      long[] genFed = agent.dispatcher.processNanos.snapshot();
      JsonNode ga = seen.get(0).analysis;
      out.append(String.format(Locale.ROOT, "generated plan (%d nodes, %d chars) fed directly %d times: median %.3f ms p99 %.3f ms%n",
          ga.path("parse").path("node_count").asInt(), generated.length(), genFed.length, q(genFed, 0.5), q(genFed, 0.99)));
      json.putObject("generated_plan_ms").put("nodes", ga.path("parse").path("node_count").asInt())
          .put("median", q(genFed, 0.5)).put("p99", q(genFed, 0.99)).put("runs", genFed.length);
      json.put("dropped", agent.dispatcher.dropped.get());
      json.put("analysis_errors", agent.dispatcher.errors.get());
      out.append(String.format(Locale.ROOT, "dropped %d, analysis errors %d%n", agent.dispatcher.dropped.get(),
          agent.dispatcher.errors.get()));
    } finally {
      TestHooks.reset();
      without.stop();
    }
    Path dir = Paths.get(System.getProperty("clusop.bench.out", "target/bench"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("listener-bench.txt"), out.toString(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("listener-bench.json"),
        SparkTestSupport.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json), StandardCharsets.UTF_8);
    System.out.print(out);
  }
}
