package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Fail-open: a burst of queries overflows a queue of 2 behind an analysis held on a latch until
 * the whole burst has reached the listener (no timing assumption). Drops are counted.
 */
class QueueOverflowTest {

  @Test
  void burstOverflowsTheQueue() throws Exception {
    Path work = SparkTestSupport.workDir("overflow");
    Map<String, String> conf = SparkTestSupport.photonCluster(work);
    conf.put("spark.clusop.queueSize", "2");
    SparkSession spark = SparkTestSupport.session(conf);
    ClusopAgent agent;
    int burst = 60;
    try {
      SparkTestSupport.workload(spark, 1);
      SparkTestSupport.awaitIdle(30_000);
      agent = ClusopAgent.current();
      long before = agent.dispatcher.submitted.get();
      CountDownLatch release = new CountDownLatch(1);
      TestHooks.analyzer = req -> {
        release.await(); // a slow analysis: busy until the burst is over
        return Analyzer.NATIVE.analyze(req);
      };
      for (int i = 0; i < burst; i++) {
        assertEquals(i + 1L, spark.range(i + 1).count(), "every query of the burst is right");
      }
      SparkTestSupport.awaitListenerBus(120_000); // every plan of the burst was offered
      release.countDown();
      SparkTestSupport.awaitIdle(120_000);
      TestHooks.analyzer = null;
      long submitted = agent.dispatcher.submitted.get() - before;
      long dropped = agent.dispatcher.dropped.get();
      assertTrue(dropped > 0, "the burst overflowed the queue");
      assertEquals(burst, submitted + dropped, "every plan was either queued or counted as dropped");
      assertEquals(agent.dispatcher.submitted.get(), agent.dispatcher.analysed.get(), "what was queued was analysed");
    } finally {
      TestHooks.reset();
      spark.stop();
    }
    List<JsonNode> signals = SparkTestSupport.readSignals(work.resolve("signals"));
    long dropped = agent.dispatcher.dropped.get();
    assertTrue(signals.stream().allMatch(s -> s.path("dropped").asLong() == dropped),
        "signals report the drops so far (" + dropped + ")");
  }
}
