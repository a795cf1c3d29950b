package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Fail-open: the native library is not where it is said to be. Queries run; one log line; no signal. */
class NativeMissingTest {

  @Test
  void missingLibraryLeavesTheListenerDormant() throws Exception {
    Path work = SparkTestSupport.workDir("native-missing");
    System.setProperty(NativeLoader.PATH_PROPERTY, work.resolve("nowhere/libclusop_jni.so").toString());
    try (LogCapture log = new LogCapture()) {
      for (int app = 0; app < 2; app++) { // two applications, one after the other, in this JVM
        SparkSession spark = SparkTestSupport.session(SparkTestSupport.photonCluster(work));
        try {
          assertEquals(9, SparkTestSupport.workload(spark, 3));
          spark.newSession().range(5).count(); // another session: another listener instance
        } finally {
          spark.stop();
        }
      }
      assertNull(ClusopAgent.current(), "no agent runs");
      List<String> lines = log.lines();
      assertEquals(1, lines.size(), "exactly one log line per JVM: " + lines);
      assertTrue(lines.get(0).startsWith("WARN clusop listener dormant: native core"), lines.get(0));
      assertTrue(lines.get(0).contains("UnsatisfiedLinkError"), lines.get(0));
    }
    assertTrue(SparkTestSupport.readSignals(work.resolve("signals")).isEmpty());
  }
}
