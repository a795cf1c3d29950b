package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Fail-open: the native library is garbage. Queries run; one log line; no signal. */
class NativeCorruptTest {

  @Test
  void corruptLibraryLeavesTheListenerDormant() throws Exception {
    Path work = SparkTestSupport.workDir("native-corrupt");
    Path garbage = work.resolve("libclusop_jni.so");
    byte[] bytes = new byte[64 * 1024];
    new Random(42).nextBytes(bytes);
    bytes[0] = 0x7f; // an ELF magic, then nonsense
    bytes[1] = 'E';
    bytes[2] = 'L';
    bytes[3] = 'F';
    Files.write(garbage, bytes);
    System.setProperty(NativeLoader.PATH_PROPERTY, garbage.toString());
    try (LogCapture log = new LogCapture()) {
      SparkSession spark = SparkTestSupport.session(SparkTestSupport.photonCluster(work));
      try {
        assertEquals(15, SparkTestSupport.workload(spark, 5));
      } finally {
        spark.stop();
      }
      assertNull(ClusopAgent.current());
      List<String> lines = log.lines();
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains("dormant") && lines.get(0).contains("UnsatisfiedLinkError"), lines.get(0));
    }
    assertTrue(SparkTestSupport.readSignals(work.resolve("signals")).isEmpty());
  }
}
