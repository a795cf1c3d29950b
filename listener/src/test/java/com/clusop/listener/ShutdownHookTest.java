package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The JVM shutdown hook is the backstop: an application that exits without stopping Spark still
 * gets its final flush. Runs {@link #main} in a child JVM that calls System.exit with Spark running.
 */
class ShutdownHookTest {

  /** The child: queries, then exit without spark.stop(). */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    Map<String, String> conf = SparkTestSupport.photonCluster(work);
    SparkSession spark = SparkTestSupport.session(conf);
    SparkTestSupport.workload(spark, 2);
    System.exit(0);
  }

  @Test
  void exitWithoutStoppingSparkStillFlushes() throws Exception {
    Path work = SparkTestSupport.workDir("shutdown-hook");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-Xmx") || a.startsWith("-D")) cmd.add(a);
    }
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add(ShutdownHookTest.class.getName());
    cmd.add(work.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(work.resolve("child.log").toFile()).start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the child exits");
    assertEquals(0, p.exitValue(), "see " + work.resolve("child.log"));
    List<JsonNode> signals = SparkTestSupport.readSignals(work.resolve("signals"));
    assertFalse(signals.isEmpty(), "the final flush happened at JVM shutdown; log: " + work.resolve("child.log"));
    Map<String, JsonNode> latest = SparkTestSupport.latestBySignature(signals);
    long total = 0;
    for (JsonNode s : latest.values()) {
      assertTrue(s.path("flush").path("final").asBoolean());
      total += s.path("count").asLong();
    }
    assertEquals(6, total, "both rounds of three queries");
    assertTrue(new File(work.resolve("child.log").toString()).length() > 0);
  }
}
