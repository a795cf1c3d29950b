package com.clusop.listener;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * clusop's Spark listener: finds the work of each successful query that fell back from a native
 * engine (Photon, Comet, Gluten, RAPIDS) to the JVM, prices it, and reports it.
 *
 * <pre>
 *   spark.jars                          /path/to/clusop-listener-0.1.0.jar
 *   spark.sql.queryExecutionListeners   com.clusop.listener.PhotonFallbackListener
 * </pre>
 *
 * <p>On Spark's listener thread it only prints the executed plan and offers it to a bounded
 * queue; one daemon thread analyses it with the native core (packed in the jar) and batches the
 * fallback signals, which are flushed to a JSON Lines directory and/or an HTTP endpoint. It
 * fails open: whatever goes wrong (no native library, a bad plan, a dead endpoint, a full queue,
 * an unwritable directory) the queries are never affected. Settings: {@code spark.clusop.*}
 * (listener/README.md).
 */
public class PhotonFallbackListener implements QueryExecutionListener {

  private final SparkConf conf;
  private volatile ClusopAgent agent;

  /** Used when Spark finds no SparkConf constructor; reads the active SparkContext's conf. */
  public PhotonFallbackListener() {
    this(null);
  }

  /** Spark's ExecutionListenerManager prefers this constructor. */
  public PhotonFallbackListener(SparkConf conf) {
    this.conf = conf;
    try {
      this.agent = ClusopAgent.attach(conf);
    } catch (Throwable t) {
      this.agent = ClusopAgent.DORMANT;
    }
  }

  private ClusopAgent agent() {
    ClusopAgent a = agent;
    if (a == null) {
      // no active SparkContext when this listener was made: attach now
      a = ClusopAgent.attach(conf);
      if (a != null) agent = a;
    }
    return a;
  }

  @Override
  public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    ClusopAgent a = null;
    try {
      a = agent();
      if (a == null || !a.active) return;
      a.onQuery(funcName, qe, durationNs);
    } catch (Throwable t) {
      if (a != null && a.active) a.listenerErrors.incrementAndGet();
    }
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {
    // a failed query has no executed plan worth pricing
  }

  // ------------------------------------------------------------------ in-process readers
  // For clusop's notebook widget (Python, over Py4J); see ListenerFeed. Static, so a reader
  // needs only the class, whoever registered the listener (a conf line or Python).

  private static final java.util.Map<Object, Boolean> CLAIMED =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /**
   * The recently analysed queries with a seq above {@code afterSeq} (clean ones too), oldest
   * first, as a JSON array of {seq, time_ms, duration_s, func, session, app_id, request,
   * analysis (the core's answer as a string), plan, plan_truncated}. Starts the feed.
   */
  public static String feedSince(long afterSeq) {
    return ListenerFeed.since(afterSeq);
  }

  /** The newest seq of the feed (0 before any); starts the feed. */
  public static long feedHead() {
    return ListenerFeed.head();
  }

  /**
   * True the first time it is called for this session object, false after: lets in-process
   * code register one listener per SparkSession however many times it asks.
   */
  public static boolean claim(Object session) {
    if (session == null) return false;
    return CLAIMED.putIfAbsent(session, Boolean.TRUE) == null;
  }

  /** The listener's state for in-process readers, as JSON: agent on/dormant/none and counters. */
  public static String status() {
    try {
      ClusopAgent a = ClusopAgent.current();
      StringBuilder sb = new StringBuilder("{\"agent\":");
      if (a == null) {
        sb.append("\"none\"");
      } else if (!a.active) {
        sb.append("\"dormant\"");
      } else {
        sb.append(a.closed() ? "\"closed\"" : "\"on\"");
        sb.append(",\"app_id\":").append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(a.appId));
        sb.append(",\"analysed\":").append(a.dispatcher.analysed.get());
        sb.append(",\"dropped\":").append(a.dispatcher.dropped.get());
        sb.append(",\"errors\":").append(a.dispatcher.errors.get());
      }
      return sb.append('}').toString();
    } catch (Throwable t) {
      return "{\"agent\":\"unknown\"}";
    }
  }
}
