package com.clusop.listener;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The listener's settings: {@code spark.clusop.*} keys of the Spark conf, read once when the
 * application's first listener starts. A value that does not parse falls back to its default and
 * is reported in {@link #problems()} (logged once), never thrown.
 *
 * <p>Every key, its default and its meaning are listed in {@code listener/README.md}. The keys
 * that describe the cluster (spark.clusop.cluster.*, engine, photonEnabled, photonMultiplier,
 * usdPerDbu) are read by the core, not here: see {@link ClusterContext}.
 */
final class Settings {

  static final String PREFIX = "spark.clusop.";

  enum SinkKind {
    JSONL, HTTP, BOTH, NONE;

    boolean jsonl() {
      return this == JSONL || this == BOTH;
    }

    boolean http() {
      return this == HTTP || this == BOTH;
    }
  }

  // --- keys (also the documentation's table) ---
  static final String ENABLED = PREFIX + "enabled";
  static final String SINK = PREFIX + "sink";
  static final String JSONL_DIR = PREFIX + "jsonl.dir";
  static final String HTTP_ENDPOINT = PREFIX + "http.endpoint";
  static final String HTTP_CONNECT_TIMEOUT_MS = PREFIX + "http.connectTimeoutMs";
  static final String HTTP_READ_TIMEOUT_MS = PREFIX + "http.readTimeoutMs";
  static final String HTTP_RETRIES = PREFIX + "http.retries";
  static final String HTTP_BACKOFF_MS = PREFIX + "http.backoffMs";
  static final String HTTP_QUEUE_SIZE = PREFIX + "http.queueSize";
  static final String HTTP_HEADER_PREFIX = PREFIX + "http.header.";
  static final String MIN_FALLBACK_WEIGHT = PREFIX + "minFallbackWeight";
  static final String MIN_WASTE_USD = PREFIX + "minWasteUsd";
  static final String QUEUE_SIZE = PREFIX + "queueSize";
  static final String FLUSH_INTERVAL_SECONDS = PREFIX + "flushIntervalSeconds";
  static final String SHUTDOWN_TIMEOUT_MS = PREFIX + "shutdownTimeoutMs";
  static final String MAX_SAMPLE_PLAN_CHARS = PREFIX + "signal.maxPlanChars";

  final boolean enabled;
  final SinkKind sink;
  final Path jsonlDir;
  final String httpEndpoint;
  final int httpConnectTimeoutMs;
  final int httpReadTimeoutMs;
  final int httpRetries;
  final long httpBackoffMs;
  final int httpQueueSize;
  final Map<String, String> httpHeaders;
  final double minFallbackWeight;
  final double minWasteUsd;
  final int queueSize;
  final long flushIntervalMs;
  final long shutdownTimeoutMs;
  final int maxSamplePlanChars;

  private final List<String> problems = new ArrayList<>();

  private Settings(Map<String, String> conf) {
    enabled = bool(conf, ENABLED, true);
    sink = sinkKind(conf);
    jsonlDir = Paths.get(str(conf, JSONL_DIR, Paths.get(System.getProperty("java.io.tmpdir"), "clusop-signals").toString()));
    httpEndpoint = str(conf, HTTP_ENDPOINT, null);
    httpConnectTimeoutMs = (int) longIn(conf, HTTP_CONNECT_TIMEOUT_MS, 2000, 1, 600_000);
    httpReadTimeoutMs = (int) longIn(conf, HTTP_READ_TIMEOUT_MS, 5000, 1, 600_000);
    httpRetries = (int) longIn(conf, HTTP_RETRIES, 3, 0, 20);
    httpBackoffMs = longIn(conf, HTTP_BACKOFF_MS, 500, 0, 600_000);
    httpQueueSize = (int) longIn(conf, HTTP_QUEUE_SIZE, 32, 1, 100_000);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : conf.entrySet()) {
      if (e.getKey().startsWith(HTTP_HEADER_PREFIX) && e.getKey().length() > HTTP_HEADER_PREFIX.length()) {
        headers.put(e.getKey().substring(HTTP_HEADER_PREFIX.length()), e.getValue());
      }
    }
    httpHeaders = Collections.unmodifiableMap(headers);
    minFallbackWeight = dbl(conf, MIN_FALLBACK_WEIGHT, 0.0, 0.0, 1.0);
    minWasteUsd = dbl(conf, MIN_WASTE_USD, 0.0, 0.0, 1e12);
    queueSize = (int) longIn(conf, QUEUE_SIZE, 256, 1, 1_000_000);
    flushIntervalMs = Math.round(dbl(conf, FLUSH_INTERVAL_SECONDS, 60.0, 0.05, 86_400.0) * 1000.0);
    shutdownTimeoutMs = longIn(conf, SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000);
    maxSamplePlanChars = (int) longIn(conf, MAX_SAMPLE_PLAN_CHARS, 262_144, 0, Integer.MAX_VALUE - 8);
    if (sink.http() && (httpEndpoint == null || httpEndpoint.isEmpty())) {
      problems.add(SINK + "=" + sink.name().toLowerCase(Locale.ROOT) + " needs " + HTTP_ENDPOINT + "; HTTP sink off");
    }
  }

  static Settings from(Map<String, String> conf) {
    return new Settings(conf == null ? Collections.emptyMap() : conf);
  }

  /** Values that did not parse (each fell back to its default). */
  List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  boolean httpOn() {
    return sink.http() && httpEndpoint != null && !httpEndpoint.isEmpty();
  }

  // --- parsing helpers: bad values fall back to the default and are noted ---

  private static String str(Map<String, String> c, String key, String dflt) {
    String v = c.get(key);
    if (v == null) return dflt;
    v = v.trim();
    return v.isEmpty() ? dflt : v;
  }

  private boolean bool(Map<String, String> c, String key, boolean dflt) {
    Boolean b = optBool(c, key);
    return b == null ? dflt : b;
  }

  private Boolean optBool(Map<String, String> c, String key) {
    String v = str(c, key, null);
    if (v == null) return null;
    if (v.equalsIgnoreCase("true")) return Boolean.TRUE;
    if (v.equalsIgnoreCase("false")) return Boolean.FALSE;
    problems.add(key + "=" + v + " is not true/false");
    return null;
  }

  private long longIn(Map<String, String> c, String key, long dflt, long min, long max) {
    Long v = optLong(c, key, min, max);
    return v == null ? dflt : v;
  }

  private Long optLong(Map<String, String> c, String key, long min, long max) {
    String v = str(c, key, null);
    if (v == null) return null;
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException ignored) {
      // noted below
    }
    problems.add(key + "=" + v + " is not an integer in [" + min + ", " + max + "]");
    return null;
  }

  private Double dbl(Map<String, String> c, String key, Double dflt, double min, double max) {
    String v = str(c, key, null);
    if (v == null) return dflt;
    try {
      double d = Double.parseDouble(v);
      if (d >= min && d <= max) return d;
    } catch (NumberFormatException ignored) {
      // noted below
    }
    problems.add(key + "=" + v + " is not a number in [" + min + ", " + max + "]");
    return dflt;
  }

  private String oneOf(Map<String, String> c, String key, String dflt, String... allowed) {
    String v = str(c, key, null);
    if (v == null) return dflt;
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v)) return a;
    }
    problems.add(key + "=" + v + " is not one of " + String.join("|", allowed));
    return dflt;
  }

  private SinkKind sinkKind(Map<String, String> c) {
    String v = oneOf(c, SINK, "jsonl", "jsonl", "http", "both", "none");
    return SinkKind.valueOf(v.toUpperCase(Locale.ROOT));
  }
}
