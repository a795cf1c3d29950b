package com.clusop.listener;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.sql.execution.QueryExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.Tuple2;

/**
 * The listener's runtime for one Spark application: settings, cluster context, the dispatcher
 * thread, the batcher and the sinks. Every listener instance of the application (one per
 * SparkSession) shares it. Closed, with a final flush, at application end (a SparkListener) or
 * at JVM shutdown (a hook, as a backstop), whichever comes first.
 */
final class ClusopAgent {

  static final String LISTENER_VERSION = "0.1.0";
  static final Logger LOG = LoggerFactory.getLogger("com.clusop.listener");

  /** The shared dormant state: the listener does nothing. */
  static final ClusopAgent DORMANT = new ClusopAgent();

  private static ClusopAgent current;
  private static boolean dormantLogged;

  final boolean active;
  final String appId;
  final String appName;
  final String sparkVersion;
  final String coreVersion;
  final Settings settings;
  final ClusterContext cluster;
  final SignalBatcher batcher;
  final Dispatcher dispatcher;
  final JsonlSink jsonl;
  final HttpSink http;
  private final ObjectMapper mapper;
  private final Thread shutdownHook;
  private long flushSeq;
  private volatile boolean closed;
  final java.util.concurrent.atomic.AtomicLong listenerErrors = new java.util.concurrent.atomic.AtomicLong();

  private ClusopAgent() {
    active = false;
    appId = appName = sparkVersion = coreVersion = null;
    settings = null;
    cluster = null;
    batcher = null;
    dispatcher = null;
    jsonl = null;
    http = null;
    mapper = null;
    shutdownHook = null;
  }

  private ClusopAgent(SparkContext sc, Settings s, Map<String, String> conf, String coreVersion) throws Exception {
    this.active = true;
    this.appId = sc.applicationId();
    this.appName = sc.appName();
    this.sparkVersion = sc.version();
    this.coreVersion = coreVersion;
    this.settings = s;
    this.mapper = new ObjectMapper();
    this.cluster = ClusterContext.from(conf, SignalsCore.NATIVE, mapper);
    ObjectNode app = mapper.createObjectNode();
    app.put("app_id", appId);
    app.put("app_name", appName);
    app.put("spark_version", sparkVersion);
    app.put("clusop_version", coreVersion);
    app.put("listener_version", LISTENER_VERSION);
    this.batcher = new SignalBatcher(s.maxSamplePlanChars, SignalsCore.NATIVE, mapper, app, conf);
    this.dispatcher = new Dispatcher(s, cluster, batcher, mapper, () -> flush(false));
    this.dispatcher.appId = appId;
    this.jsonl = s.sink.jsonl() ? new JsonlSink(s.jsonlDir, appId, mapper) : null;
    HttpSink h = null;
    if (s.httpOn()) {
      try {
        h = new HttpSink(s.httpEndpoint, s.httpConnectTimeoutMs, s.httpReadTimeoutMs, s.httpRetries, s.httpBackoffMs,
            s.httpQueueSize, s.httpHeaders);
      } catch (Throwable t) {
        LOG.warn("clusop: HTTP sink off: {}", t.toString());
      }
    }
    this.http = h;
    this.shutdownHook = new Thread(() -> close("JVM shutdown"), "clusop-shutdown");
  }

  // ------------------------------------------------------------------ attaching

  /**
   * The agent of the running application, created on first use; {@link #DORMANT} when disabled
   * or when the native core cannot load; null when no SparkContext is active yet (try later).
   * Never throws.
   */
  static ClusopAgent attach(SparkConf conf) {
    try {
      SparkContext sc = activeContext();
      if (sc == null || sc.isStopped()) return null;
      synchronized (ClusopAgent.class) {
        if (current != null && current.appId != null && current.appId.equals(sc.applicationId())) {
          return current; // closed or not: one agent per application
        }
        if (current != null && current.active && !current.closed) current.close("another application started");
        Map<String, String> map = confMap(conf != null ? conf : sc.getConf());
        Settings s = Settings.from(map);
        if (!s.enabled) {
          dormant("disabled (" + Settings.ENABLED + "=false)", false);
          return DORMANT;
        }
        NativeLoader.Status st = NativeLoader.load();
        if (!st.loaded) {
          dormant("dormant: native core " + st.reason + "; queries are not affected", true);
          return DORMANT;
        }
        ClusopAgent a = new ClusopAgent(sc, s, map, st.version);
        a.start(sc);
        current = a;
        return a;
      }
    } catch (Throwable t) {
      dormant("dormant: " + t + "; queries are not affected", true);
      return DORMANT;
    }
  }

  /** Exactly one log line per JVM for a listener that does nothing. */
  private static synchronized void dormant(String why, boolean warn) {
    if (dormantLogged) return;
    dormantLogged = true;
    if (warn) LOG.warn("clusop listener {}", why); else LOG.info("clusop listener {}", why);
  }

  private static SparkContext activeContext() {
    Option<SparkContext> o = SparkContext$.MODULE$.getActive();
    return o.isDefined() ? o.get() : null;
  }

  static Map<String, String> confMap(SparkConf conf) {
    Map<String, String> m = new HashMap<>();
    for (Tuple2<String, String> t : conf.getAll()) {
      String k = t._1();
      if (k.startsWith(Settings.PREFIX) || ClusterContext.passedToCore(k)) m.put(k, t._2());
    }
    return m;
  }

  /** The agent of the running application, if any (tests, benchmark). */
  static synchronized ClusopAgent current() {
    return current;
  }

  private void start(SparkContext sc) {
    dispatcher.start();
    sc.addSparkListener(new SparkListener() {
      @Override
      public void onApplicationEnd(SparkListenerApplicationEnd end) {
        close("application end");
      }
    });
    try {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (Throwable ignored) {
      // already shutting down: the application-end listener still closes us
    }
    StringBuilder sinks = new StringBuilder();
    if (jsonl != null) sinks.append("jsonl ").append(jsonl.file());
    if (http != null) sinks.append(sinks.length() > 0 ? ", " : "").append("http ").append(settings.httpEndpoint);
    if (sinks.length() == 0) sinks.append("none");
    LOG.info("clusop listener on: core {}, app {}, sinks: {}, queue {}, flush every {} s",
        coreVersion, appId, sinks, settings.queueSize, settings.flushIntervalMs / 1000.0);
    List<String> problems = new java.util.ArrayList<>(settings.problems());
    problems.addAll(cluster.problems);
    if (!problems.isEmpty()) {
      LOG.warn("clusop: settings ignored (defaults used): {}", String.join("; ", problems));
    }
  }

  // ------------------------------------------------------------------ the listener thread

  /** On Spark's listener thread: the tree string and an offer, nothing else. */
  void onQuery(String funcName, QueryExecution qe, long durationNs) {
    if (closed) return;
    if (dispatcher.full()) {
      dispatcher.dropped.incrementAndGet();
      return;
    }
    long t0 = System.nanoTime();
    String plan = qe.executedPlan().treeString(true, false, Integer.MAX_VALUE, false);
    String session = ListenerFeed.active() ? ListenerFeed.sessionId(qe) : null;
    dispatcher.offer(new PlanEvent(funcName, plan, durationNs, System.currentTimeMillis(), session));
    dispatcher.listenerNanos.add(System.nanoTime() - t0);
  }

  // ------------------------------------------------------------------ flushing

  /** Writes changed signals (all of them when final) to the sinks. Never throws. */
  synchronized void flush(boolean fin) {
    try {
      ObjectNode batch = batcher.drain(fin, appId, dispatcher.dropped.get(), flushSeq + 1, fin);
      if (batch == null) return;
      flushSeq++; // counts the flushes that wrote something
      if (jsonl != null) jsonl.write(batch.path("signals"));
      if (http != null) http.offer(mapper.writeValueAsBytes(batch));
    } catch (Throwable t) {
      dispatcher.errors.incrementAndGet();
      dispatcher.lastError = "flush: " + t;
    }
  }

  boolean closed() {
    return closed;
  }

  /** Drains the queue (bounded), final flush, HTTP drain (bounded). Idempotent; never throws. */
  void close(String why) {
    if (!active) return;
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    try {
      long deadline = System.currentTimeMillis() + settings.shutdownTimeoutMs;
      dispatcher.awaitIdle(settings.shutdownTimeoutMs);
      dispatcher.stop();
      dispatcher.abandon(); // only when the wait above timed out
      flush(true);
      if (http != null) http.close(Math.max(0, deadline - System.currentTimeMillis()));
      LOG.info("clusop listener closed ({}): {}", why, stats());
    } catch (Throwable t) {
      LOG.debug("clusop: close failed", t);
    } finally {
      if (!"JVM shutdown".equals(why)) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (Throwable ignored) {
          // shutting down already
        }
      }
    }
  }

  /** Counters, for the closing log line and the tests. */
  Map<String, Object> stats() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!active) return m;
    m.put("submitted", dispatcher.submitted.get());
    m.put("dropped", dispatcher.dropped.get());
    m.put("analysed", dispatcher.analysed.get());
    m.put("clean", dispatcher.clean.get());
    m.put("fallbacks", dispatcher.fallbacks.get());
    m.put("below_threshold", dispatcher.belowThreshold.get());
    m.put("signatures", batcher.size());
    m.put("analysis_errors", dispatcher.errors.get());
    m.put("listener_errors", listenerErrors.get());
    if (jsonl != null) {
      m.put("jsonl_written", jsonl.written.get());
      m.put("jsonl_failures", jsonl.failures.get());
    }
    if (http != null) {
      m.put("http_posted", http.posted.get());
      m.put("http_failures", http.failures.get());
      m.put("http_dropped", http.dropped.get());
    }
    if (dispatcher.lastError != null) m.put("last_error", dispatcher.lastError);
    return m;
  }
}
