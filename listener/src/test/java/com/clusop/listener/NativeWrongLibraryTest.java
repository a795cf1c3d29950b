package com.clusop.listener;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A real shared library that is not ours loads, but has no JNI symbols: caught at the probe. */
class NativeWrongLibraryTest {

  @Test
  void aForeignLibraryIsRejectedByTheVersionProbe() throws Exception {
    Path lib;
    try (Stream<Path> s = Files.list(Paths.get(System.getProperty("java.home"), "lib"))) {
      lib = s.filter(p -> p.getFileName().toString().equals("libzip.so")).findFirst().orElseThrow();
    }
    System.setProperty(NativeLoader.PATH_PROPERTY, lib.toString());
    NativeLoader.Status st = NativeLoader.load();
    assertFalse(st.loaded);
    assertTrue(st.reason.contains("UnsatisfiedLinkError"), st.reason);
  }
}
