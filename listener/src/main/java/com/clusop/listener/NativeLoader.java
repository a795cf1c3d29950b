package com.clusop.listener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Loads {@code libclusop_jni.so} once per JVM (per class loader).
 *
 * <p>By default the library comes from this jar, {@code native/<os>-<arch>/libclusop_jni.so}: it
 * is extracted to {@code <tmp>/clusop-native-<user>/libclusop_jni-<sha256 prefix>.so} (written to
 * a temporary name in the same directory, then moved atomically into place, so concurrent JVMs
 * never load a half-written file; an existing file is reused only if its hash matches) and loaded
 * with {@link System#load}. The system property {@code clusop.native.path} names a library file
 * to load instead; {@code clusop.native.tmpdir} moves the extraction directory.
 *
 * <p>Never throws: every failure, {@link UnsatisfiedLinkError} included, becomes a status with a
 * reason, and the listener stays dormant.
 */
final class NativeLoader {

  static final String PATH_PROPERTY = "clusop.native.path";
  static final String TMPDIR_PROPERTY = "clusop.native.tmpdir";
  static final String LIBRARY = "libclusop_jni.so";

  /** The outcome of loading. */
  static final class Status {
    final boolean loaded;
    final String version;
    final String location;
    final String reason;

    private Status(boolean loaded, String version, String location, String reason) {
      this.loaded = loaded;
      this.version = version;
      this.location = location;
      this.reason = reason;
    }

    @Override
    public String toString() {
      return loaded ? "loaded " + location + " (core " + version + ")" : "not loaded: " + reason;
    }
  }

  private static Status status;

  private NativeLoader() {}

  /** Loads the library on the first call; later calls return the first outcome. */
  static synchronized Status load() {
    if (status == null) status = loadOnce();
    return status;
  }

  private static Status loadOnce() {
    String where = "?";
    try {
      String override = System.getProperty(PATH_PROPERTY);
      if (override != null && !override.trim().isEmpty()) {
        where = override.trim();
        System.load(Paths.get(where).toAbsolutePath().toString());
      } else {
        String resource = resourcePath();
        if (resource == null) {
          return new Status(false, null, null, "no native library for " + platform() + " in the jar (only linux-x86_64 is packed)");
        }
        byte[] bytes = readResource(resource);
        if (bytes == null) {
          return new Status(false, null, null, "resource " + resource + " not found in the jar");
        }
        Path file = extract(bytes, privateDir(extractDir()));
        where = file.toString();
        try {
          System.load(where);
        } catch (UnsatisfiedLinkError e) {
          String m = String.valueOf(e.getMessage());
          if (!m.contains("already loaded in another classloader")) throw e;
          // another class loader of this JVM holds that file: load a private copy
          Path copy = Files.createTempFile(file.getParent(), "libclusop_jni-", ".so");
          Files.write(copy, bytes);
          copy.toFile().deleteOnExit();
          where = copy.toString();
          System.load(where);
        }
      }
      String v = NativeCore.version(); // also proves the JNI symbols are there
      if (v == null) return new Status(false, null, where, "the library at " + where + " answered no version");
      return new Status(true, v, where, null);
    } catch (Throwable t) {
      return new Status(false, null, where, t.getClass().getName() + ": " + t.getMessage() + " (" + where + ")");
    }
  }

  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : os.replace(' ', '_');
    String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
        : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
    return o + "-" + a;
  }

  static String resourcePath() {
    String p = platform();
    return p.equals("linux-x86_64") ? "native/" + p + "/" + LIBRARY : null;
  }

  private static byte[] readResource(String resource) throws IOException {
    ClassLoader cl = NativeLoader.class.getClassLoader();
    try (InputStream in = cl == null ? ClassLoader.getSystemResourceAsStream(resource) : cl.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  static Path extractDir() {
    String d = System.getProperty(TMPDIR_PROPERTY);
    if (d == null || d.trim().isEmpty()) d = System.getProperty("java.io.tmpdir");
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    return Paths.get(d, "clusop-native-" + user);
  }

  /**
   * {@code dir}, created if missing, when this user owns it; otherwise (someone else made it first,
   * in a shared /tmp) a fresh private temporary directory.
   */
  static Path privateDir(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
      String me = System.getProperty("user.name", "");
      if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && Files.getOwner(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName().equals(me)) {
        return dir;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // fall through to a private directory
    }
    Path parent = dir.getParent() != null ? dir.getParent() : Paths.get(System.getProperty("java.io.tmpdir"));
    Path own = Files.createTempDirectory(parent, "clusop-native-");
    own.toFile().deleteOnExit();
    return own;
  }

  /**
   * Writes {@code bytes} to {@code dir/libclusop_jni-<hash>.so} unless a file with that content is
   * already there; returns the file. Race-safe: a temp file in the same directory, then an
   * atomic rename over the final name.
   */
  static Path extract(byte[] bytes, Path dir) throws IOException {
    Files.createDirectories(dir);
    String hash = sha256(bytes).substring(0, 16);
    Path target = dir.resolve("libclusop_jni-" + hash + ".so");
    if (Files.isRegularFile(target) && Files.size(target) == bytes.length
        && sha256(Files.readAllBytes(target)).startsWith(hash)) {
      return target;
    }
    Path tmp = Files.createTempFile(dir, "libclusop_jni-" + hash + "-", ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  static String sha256(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder sb = new StringBuilder(64);
      for (byte b : d) sb.append(String.format("%02x", b));
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
