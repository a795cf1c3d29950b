package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Loading the library from the jar's resources, and JNI == CLI (no Spark needed). */
class NativeLoaderTest {

  private static final ObjectMapper M = new ObjectMapper();

  @Test
  void loadsFromTheJarResourceUnderAHashedName() throws Exception {
    assertEquals("linux-x86_64", NativeLoader.platform());
    NativeLoader.Status st = NativeLoader.load();
    assertTrue(st.loaded, st.toString());
    assertEquals("0.1.0", st.version);
    byte[] resource;
    try (var in = NativeLoader.class.getClassLoader().getResourceAsStream(NativeLoader.resourcePath())) {
      assertNotNull(in, "the library is packed under native/linux-x86_64/");
      resource = in.readAllBytes();
    }
    String hash = NativeLoader.sha256(resource).substring(0, 16);
    assertEquals(NativeLoader.extractDir().resolve("libclusop_jni-" + hash + ".so").toString(), st.location);
    assertArrayEquals(resource, Files.readAllBytes(Paths.get(st.location)));
    assertTrue(NativeLoader.load() == st, "loaded once per JVM");
  }

  @Test
  void extractionIsIdempotentRepairsDamageAndIsRaceSafe() throws Exception {
    Path dir = SparkTestSupport.workDir("extract");
    byte[] bytes = "pretend this is a shared library".getBytes(StandardCharsets.UTF_8);
    Path first = NativeLoader.extract(bytes, dir);
    // a time in the past: a rewrite would move it to now, whatever the clock's resolution
    FileTime past = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(first, past);
    Path again = NativeLoader.extract(bytes, dir);
    assertEquals(first, again);
    assertEquals(past, Files.getLastModifiedTime(again), "an intact file is reused, not rewritten");

    Files.write(first, "truncated".getBytes(StandardCharsets.UTF_8)); // a damaged copy
    NativeLoader.extract(bytes, dir);
    assertArrayEquals(bytes, Files.readAllBytes(first), "a damaged copy is replaced");

    // many extractors at once (as many JVMs starting together would): one intact file, no temp left
    Path race = SparkTestSupport.workDir("extract-race");
    byte[] big = new byte[2_000_000];
    new java.util.Random(1).nextBytes(big);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Path>> fs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      fs.add(pool.submit(() -> {
        go.await();
        return NativeLoader.extract(big, race);
      }));
    }
    go.countDown();
    Set<Path> results = ConcurrentHashMap.newKeySet();
    for (Future<Path> f : fs) results.add(f.get(60, TimeUnit.SECONDS));
    pool.shutdown();
    assertEquals(1, results.size());
    assertArrayEquals(big, Files.readAllBytes(results.iterator().next()));
    try (Stream<Path> s = Files.list(race)) {
      assertEquals(1, s.count(), "no temporary file left behind");
    }
  }

  @Test
  void jniAnswersAreTheClisBytes() throws Exception {
    assertTrue(NativeLoader.load().loaded);
    Path golden = Paths.get(System.getProperty("clusop.golden.dir", "../tests/golden/plans"));
    List<Path> plans;
    try (Stream<Path> s = Files.walk(golden)) {
      plans = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
          .sorted().collect(Collectors.toList());
    }
    assertTrue(plans.size() >= 20, "golden plans found in " + golden);
    List<byte[]> requests = new ArrayList<>();
    for (Path p : plans) {
      var r = M.createObjectNode();
      r.put("plan", Files.readString(p, StandardCharsets.UTF_8));
      r.putObject("cluster").put("cloud", "aws").put("node_type", "i3.xlarge").put("workers", 2).put("runtime_seconds", 60);
      r.put("photon_enabled", true);
      requests.add(M.writeValueAsBytes(r));
    }
    // hostile requests: not JSON, empty, invalid UTF-8, a plan of NULs, deep nesting
    requests.add(new byte[0]);
    requests.add("not json".getBytes(StandardCharsets.UTF_8));
    requests.add(new byte[] {'{', '"', 'p', 'l', 'a', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
    requests.add(("{\"plan\":\"" + "\\u0000".repeat(1000) + "\"}").getBytes(StandardCharsets.UTF_8));
    requests.add(("{\"plan\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8));
    int n = 0;
    for (byte[] req : requests) {
      byte[] jni = NativeCore.analyze(req);
      assertNotNull(jni);
      assertArrayEquals(SparkTestSupport.cli(req), jni, "request " + n + " answered differently");
      JsonNode answer = M.readTree(jni);
      assertTrue(answer.isObject());
      n++;
    }
    assertTrue(NativeCore.analyze(null) != null, "a null request is an error answer, not a crash");
  }
}
