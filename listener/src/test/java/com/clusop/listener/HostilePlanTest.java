package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Fail-open: hostile plan text injected into the dispatcher (through the test hook) while real
 * queries keep running, then a native core that fails every way a call can fail. Every query still
 * succeeds with the right result; the failures are counted; the real plans are still analysed.
 */
class HostilePlanTest {

  static List<String> hostilePlans() {
    List<String> h = new ArrayList<>();
    h.add("");
    h.add("\u0000\u0000\u0000");
    h.add("\uD800 lone surrogate \uDFFF");
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 20_000; i++) deep.append(" ".repeat(Math.min(i, 3000))).append("+- Project [a#1]\n");
    h.add(deep.toString());
    h.add("[".repeat(200_000));
    h.add("{\"sparkPlanInfo\":" + "{\"children\":[".repeat(50_000));
    h.add("== Physical Plan ==\n" + "+- ".repeat(100_000));
    h.add("AdaptiveSparkPlan isFinalPlan=true\n+- == Final Plan ==\n" + "x".repeat(4_000_000));
    StringBuilder wide = new StringBuilder("== Physical Plan ==\nUnion\n");
    for (int i = 0; i < 50_000; i++) wide.append(":- LocalTableScan [id#").append(i).append("]\n");
    h.add(wide.toString());
    h.add("\uFEFF\r\r\n\t" + "\u202E".repeat(1000));
    return h;
  }

  @Test
  void hostileTextAndFailingCoreNeverReachTheQueries() throws Exception {
    Path work = SparkTestSupport.workDir("hostile");
    Map<String, String> conf = SparkTestSupport.photonCluster(work);
    SparkSession spark = SparkTestSupport.session(conf);
    try {
      SparkTestSupport.workload(spark, 1);
      SparkTestSupport.awaitIdle(30_000);
      ClusopAgent agent = ClusopAgent.current();
      long analysed0 = agent.dispatcher.analysed.get();

      // 1. every other plan is replaced by hostile text
      List<String> hostile = hostilePlans();
      AtomicInteger n = new AtomicInteger();
      List<String> answers = new CopyOnWriteArrayList<>();
      TestHooks.onAnalysed = a -> answers.add(a.analysis.path("schema").asText());
      TestHooks.planRewrite = plan -> {
        int i = n.getAndIncrement();
        return i % 2 == 0 ? hostile.get((i / 2) % hostile.size()) : plan;
      };
      int queries = 0;
      while (n.get() < 2 * hostile.size()) {
        queries += SparkTestSupport.workload(spark, 1);
        SparkTestSupport.awaitIdle(120_000);
      }
      TestHooks.planRewrite = null;
      TestHooks.onAnalysed = null;
      Dispatcher d = agent.dispatcher;
      assertEquals(0, d.dropped.get());
      assertEquals(queries + 3, d.submitted.get());
      // the core answers hostile text with an error or an analysis, never a crash; real plans are analysed
      assertEquals(d.submitted.get(), d.analysed.get() + d.errors.get());
      assertTrue(d.analysed.get() - analysed0 >= queries / 2, "the real plans in between were analysed");

      // 2. the native call fails in every way while queries run
      long errors0 = d.errors.get();
      AtomicInteger k = new AtomicInteger();
      TestHooks.analyzer = req -> {
        switch (k.getAndIncrement() % 6) {
          case 0: throw new RuntimeException("native blew up");
          case 1: throw new OutOfMemoryError("pretend");
          case 2: throw new UnsatisfiedLinkError("pretend");
          case 3: return null;
          case 4: return new byte[] {(byte) 0xFF, 0x00, '{'};
          default: return Analyzer.NATIVE.analyze(req);
        }
      };
      int before = (int) d.submitted.get();
      queries = SparkTestSupport.workload(spark, 4);
      SparkTestSupport.awaitIdle(60_000);
      TestHooks.analyzer = null;
      int ran = (int) d.submitted.get() - before;
      assertEquals(queries, ran);
      assertEquals(ran - ran / 6, d.errors.get() - errors0, "five of every six calls failed, each counted");

      // 3. and then everything is normal again
      long signals0 = agent.batcher.totalCount();
      SparkTestSupport.workload(spark, 1);
      SparkTestSupport.awaitIdle(30_000);
      assertEquals(signals0 + 3, agent.batcher.totalCount());
      assertTrue(agent.dispatcher.analysed.get() > 0);
    } finally {
      TestHooks.reset();
      spark.stop();
    }
    assertTrue(SparkTestSupport.readSignals(work.resolve("signals")).size() >= 3, "signals of the real plans were written");
  }
}
